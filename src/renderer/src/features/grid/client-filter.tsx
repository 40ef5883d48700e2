import { Checkbox, Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { IconBuildingStore, IconChevronDown } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { clientName, rememberClients } from './client-names';
import { filterLabel } from './labels';
import type { ClientRow } from '../../../../shared/api/clients';

const CLIENT_SEARCH_DEBOUNCE_MS = 250;

interface Props {
  value: readonly string[];
  onChange: (value: string[]) => void;
}

/**
 * Client: a field that searches the server (clients.list) as you type, debounced. Picking a
 * client adds it to the filter (several can be chosen, one search at a time); the chips show
 * them and remove them.
 */
export function ClientFilter({ value, onChange }: Props) {
  const api = useApi();
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ClientRow[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seq = useRef(0);
  const combobox = useCombobox({
    onDropdownClose: () => {
      combobox.resetSelectedOption();
      setSearch('');
    },
  });

  const query = (text: string, delay: number) => {
    if (timer.current) clearTimeout(timer.current);
    setLoading(true);
    timer.current = setTimeout(() => {
      const mine = ++seq.current;
      const q = text.trim();
      api.call('clients.list', q ? { query: q, limit: 50 } : { limit: 50 }).then(
        (list) => {
          if (mine !== seq.current) return;
          rememberClients(list);
          setFound(list);
          setLoading(false);
          combobox.selectFirstOption();
        },
        () => mine === seq.current && setLoading(false),
      );
    }, delay);
  };

  const chosen = new Set(value);
  const name = (id: string) => found.find((c) => c.id === id)?.name ?? clientName(id) ?? id;
  const summary = value.length === 0 ? '' : value.length === 1 ? name(value[0]!) : `${name(value[0]!)} ${t('grid.filters.more', { n: value.length - 1 })}`;
  const pick = (id: string) => {
    onChange(chosen.has(id) ? value.filter((x) => x !== id) : [...value, id]);
    combobox.closeDropdown();
  };
  const open = () => {
    if (!combobox.dropdownOpened) {
      combobox.openDropdown();
      query(search, 0);
    }
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} width={360} position="bottom-start" shadow="md" withinPortal>
      <Combobox.Target>
        <TextInput
          size="xs"
          w={210}
          value={search}
          placeholder={summary || filterLabel(t, 'client')}
          title={summary ? `${filterLabel(t, 'client')}: ${summary}` : t('grid.filters.clientSearchHint')}
          aria-label={filterLabel(t, 'client')}
          leftSection={<IconBuildingStore size={14} stroke={1.6} />}
          rightSection={loading && combobox.dropdownOpened ? <Loader size={12} /> : <IconChevronDown size={12} stroke={2} style={{ opacity: 0.6 }} />}
          rightSectionPointerEvents="none"
          data-testid="filter-client"
          data-active={value.length > 0 || undefined}
          onClick={open}
          onFocus={open}
          onBlur={() => combobox.closeDropdown()}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setSearch(v);
            combobox.openDropdown();
            query(v, CLIENT_SEARCH_DEBOUNCE_MS);
          }}
          styles={{
            input: value.length > 0 ? { borderColor: 'var(--mantine-color-brand-4)', background: 'var(--mantine-color-brand-0)' } : undefined,
          }}
          classNames={{ input: value.length > 0 ? 'ivg-input-active' : undefined }}
        />
      </Combobox.Target>
      <Combobox.Dropdown data-testid="filter-client-dropdown">
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }}>
          {found.length === 0 ? (
            <Combobox.Empty>{loading ? t('grid.loading') : t('grid.filters.noMatch')}</Combobox.Empty>
          ) : (
            found.map((c) => (
              <Combobox.Option value={c.id} key={c.id} active={chosen.has(c.id)} data-testid={`filter-client-option-${c.id}`} py={4}>
                <Group gap={8} wrap="nowrap">
                  <Checkbox checked={chosen.has(c.id)} readOnly tabIndex={-1} size="xs" aria-hidden style={{ pointerEvents: 'none' }} />
                  <Text size="sm" truncate style={{ flex: 1 }}>
                    {c.name}
                  </Text>
                  {c.locality && (
                    <Text size="xs" c="dimmed" truncate maw={120}>
                      {c.locality}
                    </Text>
                  )}
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
