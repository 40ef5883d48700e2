import { Button, Checkbox, Combobox, Group, Loader, Text, useCombobox } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface PickerOption {
  value: string;
  label: string;
  /** Drawn before the label (a status badge, a priority dot, indentation). */
  prefix?: ReactNode;
}

interface Props {
  /** Its data-testid: `filter-<name>`; options are `filter-<name>-option-<value>`. */
  name: string;
  label: string;
  options: readonly PickerOption[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  /** Labels of chosen values the options may not hold (a client found in an earlier search). */
  labelOf?: (value: string) => string;
  /** Shows a search box; with onSearch the search is the caller's (a server query). */
  searchable?: boolean;
  onSearch?: (query: string) => void;
  searchHint?: string;
  loading?: boolean;
  onOpen?: () => void;
  dropdownWidth?: number;
}

/** A compact filter button ("Status: Taken +1") opening a checklist, with a search box for long lists. */
export function MultiPicker({ name, label, options, value, onChange, labelOf, searchable, onSearch, searchHint, loading, onOpen, dropdownWidth = 260 }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
    onDropdownOpen: () => {
      onOpen?.();
      if (searchable) combobox.focusSearchInput();
    },
  });
  const chosen = new Set(value);
  const nameOf = (v: string) => options.find((o) => o.value === v)?.label ?? labelOf?.(v) ?? v;
  const q = search.trim().toLocaleLowerCase();
  const shown = onSearch || !q ? options : options.filter((o) => o.label.toLocaleLowerCase().includes(q));
  const summary = value.length === 0 ? null : value.length === 1 ? nameOf(value[0]!) : `${nameOf(value[0]!)} ${t('grid.filters.more', { n: value.length - 1 })}`;
  const toggle = (v: string) => onChange(chosen.has(v) ? value.filter((x) => x !== v) : [...value, v]);

  return (
    <Combobox store={combobox} onOptionSubmit={toggle} width={dropdownWidth} position="bottom-start" shadow="md" withinPortal>
      <Combobox.Target withAriaAttributes={false}>
        <button
          type="button"
          className="ivg-picker"
          data-testid={`filter-${name}`}
          data-active={value.length > 0 || undefined}
          aria-haspopup="listbox"
          aria-expanded={combobox.dropdownOpened}
          onClick={() => combobox.toggleDropdown()}
        >
          <span className="ivg-picker-label">{label}</span>
          {summary && <span className="ivg-picker-value">{summary}</span>}
          <IconChevronDown size={12} stroke={2} style={{ flex: 'none', opacity: 0.6 }} />
        </button>
      </Combobox.Target>
      <Combobox.Dropdown data-testid={`filter-${name}-dropdown`}>
        {searchable && (
          <Combobox.Search
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              onSearch?.(e.currentTarget.value);
            }}
            placeholder={searchHint ?? t('grid.filters.find')}
            rightSection={loading ? <Loader size={12} /> : undefined}
            data-testid={`filter-${name}-search`}
          />
        )}
        <Combobox.Options mah={300} style={{ overflowY: 'auto' }}>
          {shown.length === 0 ? (
            <Combobox.Empty>{loading ? t('grid.loading') : t('grid.filters.noMatch')}</Combobox.Empty>
          ) : (
            shown.map((o) => (
              <Combobox.Option value={o.value} key={o.value} active={chosen.has(o.value)} data-testid={`filter-${name}-option-${o.value}`} py={4}>
                <Group gap={8} wrap="nowrap">
                  <Checkbox checked={chosen.has(o.value)} readOnly tabIndex={-1} size="xs" aria-hidden style={{ pointerEvents: 'none' }} />
                  {o.prefix}
                  <Text size="sm" truncate>
                    {o.label}
                  </Text>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
        {value.length > 0 && (
          <Combobox.Footer>
            <Button variant="subtle" size="compact-xs" onClick={() => onChange([])} data-testid={`filter-${name}-clear`}>
              {t('grid.filters.clear')}
            </Button>
          </Combobox.Footer>
        )}
      </Combobox.Dropdown>
    </Combobox>
  );
}
