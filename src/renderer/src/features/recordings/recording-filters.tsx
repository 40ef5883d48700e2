import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { DayField } from '../../kit/date-fields';
import { dayEndMs, dayStartMs } from '../../kit/dates';

export interface RecordingFilterValues {
  userId: string | null;
  /** Calendar days, both included. */
  from: string | null;
  to: string | null;
  client: string;
  /** Minutes. */
  minMinutes: number | null;
  maxMinutes: number | null;
  score: 'scored' | 'unscored' | 'passed' | 'failed' | null;
}

export const NO_FILTERS: RecordingFilterValues = { userId: null, from: null, to: null, client: '', minMinutes: null, maxMinutes: null, score: null };

/** The list's filters as recordings.list takes them (days in the workstation's zone). */
export function toListFilters(f: RecordingFilterValues) {
  return {
    ...(f.userId ? { userId: f.userId } : {}),
    ...(f.from ? { from: dayStartMs(f.from) } : {}),
    ...(f.to ? { to: dayEndMs(f.to) } : {}),
    ...(f.client.trim() ? { client: f.client.trim() } : {}),
    ...(f.minMinutes !== null ? { minDurationS: Math.round(f.minMinutes * 60) } : {}),
    ...(f.maxMinutes !== null ? { maxDurationS: Math.round(f.maxMinutes * 60) } : {}),
    ...(f.score ? { score: f.score } : {}),
  };
}

const minutes = (v: number | string): number | null => (typeof v === 'number' && v >= 0 ? v : null);

/** Operator, days, client, length and score: what a supervisor narrows a week of calls by. */
export function RecordingFilters({ value, onChange, onEnter }: { value: RecordingFilterValues; onChange: (f: RecordingFilterValues) => void; onEnter: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [operators, setOperators] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    api.call('recordings.operators', {}).then(
      (rows) => live && setOperators(rows.map((u) => ({ value: u.id, label: u.name }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const set = (patch: Partial<RecordingFilterValues>) => onChange({ ...value, ...patch });
  return (
    <Group gap="xs" wrap="wrap" align="flex-end" className="rv-filters" data-testid="recordings-filters">
      {operators.length > 1 && (
        <Select size="xs" w={170} label={t('recordings.filters.operator')} placeholder={t('recordings.filters.anyone')} data={operators} value={value.userId} onChange={(v) => set({ userId: v })} clearable searchable data-testid="recordings-filter-operator" />
      )}
      <DayField size="xs" w={130} label={t('recordings.filters.from')} value={value.from} onChange={(from) => set({ from })} clearable data-testid="recordings-filter-from" />
      <DayField size="xs" w={130} label={t('recordings.filters.to')} value={value.to} onChange={(to) => set({ to })} clearable data-testid="recordings-filter-to" />
      <TextInput
        size="xs"
        w={190}
        label={t('recordings.filters.client')}
        leftSection={<IconSearch size={14} />}
        value={value.client}
        maxLength={100}
        onChange={(e) => set({ client: e.currentTarget.value })}
        onKeyDown={(e) => (e.key === 'ArrowDown' || e.key === 'Enter') && onEnter()}
        data-testid="recordings-filter-client"
      />
      <NumberInput size="xs" w={110} label={t('recordings.filters.minMinutes')} value={value.minMinutes ?? ''} onChange={(v) => set({ minMinutes: minutes(v) })} min={0} max={600} decimalScale={1} allowNegative={false} data-testid="recordings-filter-min" />
      <NumberInput size="xs" w={110} label={t('recordings.filters.maxMinutes')} value={value.maxMinutes ?? ''} onChange={(v) => set({ maxMinutes: minutes(v) })} min={0} max={600} decimalScale={1} allowNegative={false} data-testid="recordings-filter-max" />
      <Select
        size="xs"
        w={150}
        label={t('recordings.filters.score')}
        placeholder={t('recordings.filters.anyScore')}
        data={[
          { value: 'unscored', label: t('recordings.filters.unscored') },
          { value: 'scored', label: t('recordings.filters.scored') },
          { value: 'passed', label: t('recordings.score.passed') },
          { value: 'failed', label: t('recordings.score.failed') },
        ]}
        value={value.score}
        onChange={(v) => set({ score: v })}
        clearable
        data-testid="recordings-filter-score"
      />
    </Group>
  );
}
