import { Button, Menu, MultiSelect, SegmentedControl, Select, TextInput } from '@mantine/core';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_GROUPINGS, CALL_OUTCOMES, type CallGrouping, type CallOutcome } from '../../../../shared/api/call-log';
import { DayField } from '../../kit/date-fields';
import type { ExportFormat } from '../../kit/use-export-runner';
import { outcomeLabel } from './labels';

type Quick = 'all' | 'missed' | 'mine';

export interface LogFilterState {
  quick: Quick;
  search: string;
  direction: 'all' | 'in' | 'out';
  outcomes: CallOutcome[];
  from: string | null;
  to: string | null;
  by: CallGrouping | null;
}

function groupingLabel(t: TFunction, g: CallGrouping): string {
  switch (g) {
    case 'day':
      return t('calls.log.byDay');
    case 'operator':
      return t('calls.log.operator');
    case 'outcome':
      return t('calls.log.outcome');
    case 'client':
      return t('calls.log.client');
    case 'direction':
      return t('calls.log.direction');
  }
}

interface Props {
  state: LogFilterState;
  set: (patch: Partial<LogFilterState>) => void;
  /** Arrow down and Enter in the search box go on in the list. */
  onSearchKey: (e: KeyboardEvent<HTMLElement>) => void;
  onExport: (format: ExportFormat) => void;
  columns: ReactNode;
  count: ReactNode;
}

/** The Calls module's toolbar: quick filters, search, direction, outcomes, days; grouping, columns, export; the count. */
export function CallsToolbar({ state, set, onSearchKey, onExport, columns, count }: Props) {
  const { t } = useTranslation();
  return (
    <div className="cl-toolbar">
      <SegmentedControl
        size="xs"
        value={state.quick}
        onChange={(v) => set({ quick: v })}
        data={[
          { value: 'all', label: t('calls.log.all') },
          { value: 'missed', label: t('calls.log.missed') },
          { value: 'mine', label: t('calls.log.mine') },
        ]}
        data-testid="calls-quick"
      />
      <TextInput
        size="xs"
        w={180}
        value={state.search}
        onChange={(e) => set({ search: e.currentTarget.value })}
        onKeyDown={(e) => (e.key === 'ArrowDown' || e.key === 'Enter') && onSearchKey(e)}
        placeholder={t('calls.log.search')}
        aria-label={t('calls.log.search')}
        leftSection={<IconSearch size={14} />}
        data-testid="calls-search"
      />
      <SegmentedControl
        size="xs"
        value={state.direction}
        onChange={(v) => set({ direction: v })}
        data={[
          { value: 'all', label: t('calls.log.bothWays') },
          { value: 'in', label: t('calls.log.in') },
          { value: 'out', label: t('calls.log.out') },
        ]}
        aria-label={t('calls.log.direction')}
        data-testid="calls-direction"
      />
      <MultiSelect
        size="xs"
        w={170}
        data={CALL_OUTCOMES.filter((o) => o !== 'ringing').map((o) => ({ value: o, label: outcomeLabel(t, o) }))}
        value={state.outcomes}
        onChange={(v) => set({ outcomes: v })}
        placeholder={state.outcomes.length === 0 ? t('calls.log.anyOutcome') : undefined}
        aria-label={t('calls.log.outcome')}
        clearable
        data-testid="calls-outcomes"
      />
      <DayField size="xs" w={112} value={state.from} onChange={(v) => set({ from: v })} placeholder={t('calls.log.from')} aria-label={t('calls.log.from')} clearable data-testid="calls-from" />
      <DayField size="xs" w={112} value={state.to} onChange={(v) => set({ to: v })} placeholder={t('calls.log.to')} aria-label={t('calls.log.to')} clearable data-testid="calls-to" />
      <Select
        size="xs"
        w={150}
        value={state.by}
        onChange={(v) => set({ by: v })}
        data={CALL_GROUPINGS.map((g) => ({ value: g, label: groupingLabel(t, g) }))}
        placeholder={t('calls.log.noGrouping')}
        aria-label={t('calls.log.groupBy')}
        clearable
        data-testid="calls-group-by"
      />
      {columns}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconDownload size={15} stroke={1.7} />} data-testid="calls-export">
            {t('calls.log.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onExport('xlsx')} data-testid="calls-export-xlsx">
            Excel (XLSX)
          </Menu.Item>
          <Menu.Item onClick={() => onExport('csv')} data-testid="calls-export-csv">
            CSV
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <div style={{ flex: 1 }} />
      {count}
    </div>
  );
}
