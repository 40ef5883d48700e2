import { ActionIcon, Button, Combobox, Group, Text, Tooltip, useCombobox } from '@mantine/core';
import { IconBinaryTree2, IconChevronDown, IconLayoutRows } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { GROUP_IDS, type GroupId } from '../../../../shared/grid/columns';
import { groupLabel } from './labels';

const MAX_GROUP_LEVELS = 3;

interface Props {
  value: readonly GroupId[];
  onChange: (value: GroupId[]) => void;
  asTree: boolean;
  onAsTree: (asTree: boolean) => void;
}

/**
 * "Group by": up to three levels, in the order they are picked (the button reads
 * "Status › Client"); and whether the groups show inline or as a tree on the left.
 */
export function GroupBy({ value, onChange, asTree, onAsTree }: Props) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const toggle = (id: GroupId) => {
    if (value.includes(id)) onChange(value.filter((x) => x !== id));
    else if (value.length < MAX_GROUP_LEVELS) onChange([...value, id]);
  };
  const summary = value.map((id) => groupLabel(t, id)).join(' › ');
  return (
    <Group gap={4} wrap="nowrap">
      <Combobox store={combobox} onOptionSubmit={(v) => toggle(v as GroupId)} width={250} position="bottom-end" shadow="md" withinPortal>
        <Combobox.Target withAriaAttributes={false}>
          <button
            type="button"
            className="ivg-picker"
            style={{ height: 30, maxWidth: 340 }}
            data-testid="group-by"
            data-active={value.length > 0 || undefined}
            data-levels={value.join(',')}
            aria-haspopup="listbox"
            aria-expanded={combobox.dropdownOpened}
            title={value.length > 0 ? `${t('grid.groupBy.label')}: ${summary}` : t('grid.groupBy.label')}
            onClick={() => combobox.toggleDropdown()}
          >
            <IconLayoutRows size={15} stroke={1.6} style={{ flex: 'none' }} />
            {value.length > 0 ? <span className="ivg-picker-value">{summary}</span> : <span>{t('grid.groupBy.label')}</span>}
            <IconChevronDown size={12} stroke={2} style={{ flex: 'none', opacity: 0.6 }} />
          </button>
        </Combobox.Target>
        <Combobox.Dropdown data-testid="group-by-dropdown">
          <Combobox.Options>
            {GROUP_IDS.map((id) => {
              const level = value.indexOf(id);
              const full = level < 0 && value.length >= MAX_GROUP_LEVELS;
              return (
                <Combobox.Option value={id} key={id} active={level >= 0} disabled={full} data-testid={`group-by-option-${id}`} py={4}>
                  <Group gap={8} wrap="nowrap">
                    <span className="ivg-level" data-on={level >= 0 || undefined} aria-hidden>
                      {level >= 0 ? level + 1 : ''}
                    </span>
                    <Text size="sm">{groupLabel(t, id)}</Text>
                  </Group>
                </Combobox.Option>
              );
            })}
          </Combobox.Options>
          {value.length > 0 && (
            <Combobox.Footer>
              <Button variant="subtle" size="compact-xs" onClick={() => onChange([])} data-testid="group-by-clear">
                {t('grid.filters.clear')}
              </Button>
            </Combobox.Footer>
          )}
        </Combobox.Dropdown>
      </Combobox>
      <Tooltip label={asTree ? t('grid.groupBy.inline') : t('grid.groupBy.tree')}>
        <ActionIcon
          variant={asTree ? 'filled' : 'default'}
          size={30}
          onClick={() => onAsTree(!asTree)}
          aria-label={asTree ? t('grid.groupBy.inline') : t('grid.groupBy.tree')}
          aria-pressed={asTree}
          data-testid="groups-as-tree"
        >
          <IconBinaryTree2 size={16} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
