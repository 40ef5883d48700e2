import '@mantine/dates/styles.css';
import 'dayjs/locale/ca';
import 'dayjs/locale/pt-br';
import 'dayjs/locale/ro';
import { ActionIcon, CloseButton, TextInput, Tooltip } from '@mantine/core';
import { DatePickerInput, DatesProvider, type DatesRangeValue, type DateFormatter } from '@mantine/dates';
import { IconCalendar, IconFilterOff, IconMapPin } from '@tabler/icons-react';
import { memo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { INTERVENTION_STATUSES, SOURCE_CHANNELS, isSource, type InterventionStatus } from '../../../../shared/domain/intervention';
import type { GridFilters } from '../../../../shared/grid/query';
import { ClientFilter } from './client-filter';
import { clientName } from './client-names';
import { datesSettings } from '../../kit/dates';
import { gridFormat } from '../../kit/format';
import { filterLabel, type FilterName } from './labels';
import { MultiPicker, type PickerOption } from './multi-picker';
import { activeFilters, removeFilter } from './view-model';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { priorityLabel, sourceLabel, statusLabel, type Priority } from '../../kit/labels';

interface Props {
  filters: GridFilters;
  lookups: InterventionLookups | null;
  onChange: (filters: GridFilters) => void;
  /** The quick search box, first in the bar. */
  search?: ReactNode;
}

const PRIORITIES: Priority[] = [3, 2, 1];

/** The options of each list filter, from the lookups (people, request types by level, zones). */
function useFilterOptions(lookups: InterventionLookups | null) {
  const { t } = useTranslation();
  const people = lookups?.personnel ?? [];
  const types = lookups?.requestTypes ?? [];
  const typeName = new Map(types.map((r) => [r.id, r]));
  const typeLabel = (id: string): string => {
    const r = typeName.get(id);
    if (!r) return id;
    const parent = r.parentId ? typeName.get(r.parentId) : undefined;
    return parent && r.depth > 1 ? `${parent.name} › ${r.name}` : r.name;
  };
  const byDepth = (d: number): PickerOption[] => types.filter((r) => r.depth === d).map((r) => ({ value: r.id, label: typeLabel(r.id) }));
  return {
    takenBy: people.filter((p) => p.operator).map((p) => ({ value: p.id, label: p.name })),
    verifier: people.filter((p) => p.verifier).map((p) => ({ value: p.id, label: p.name })),
    class1: byDepth(1),
    class2: byDepth(2),
    class3: byDepth(3),
    commercialZone: (lookups?.commercialZones ?? []).map((z) => ({ value: z, label: z })),
    status: INTERVENTION_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s), prefix: <span className="ivg-status" data-status={s} style={{ width: 8, height: 8, padding: 0, borderRadius: 2 }} /> })),
    source: SOURCE_CHANNELS.map((s) => ({ value: s, label: sourceLabel(t, s) })),
    priority: PRIORITIES.map((p) => ({ value: String(p), label: priorityLabel(t, p), prefix: <span className="ivg-prio" data-priority={p} /> })),
    personName: (id: string) => people.find((p) => p.id === id)?.name ?? id,
    typeLabel,
  };
}

/** The filter bar: date range, client, status, priority, contact channel, people, classifications, zone, address. */
/** Memoised: drawn again only when its filters, lists or handlers change (not on a sort or a page of rows). */
export const FilterBar = memo(function FilterBar({ filters, lookups, onChange, search }: Props) {
  const { t, i18n } = useTranslation();
  const o = useFilterOptions(lookups);
  const set = (patch: Partial<GridFilters>) => onChange({ ...filters, ...patch });
  const list = (v: string[]) => (v.length > 0 ? v : undefined);
  const activeCount = activeFilters(filters).length;

  return (
    <DatesProvider settings={datesSettings(i18n.language)}>
      <div className="ivg-filterbar" data-testid="filter-bar">
        {search}
        <DateRange from={filters.docDateFrom} to={filters.docDateTo} onChange={(from, to) => set({ docDateFrom: from, docDateTo: to })} />
        <ClientFilter value={filters.clientIds ?? []} onChange={(v) => set({ clientIds: list(v) })} />
        <MultiPicker name="status" label={filterLabel(t, 'status')} options={o.status} value={filters.statuses ?? []} onChange={(v) => set({ statuses: list(v) as InterventionStatus[] | undefined })} />
        <MultiPicker
          name="priority"
          label={filterLabel(t, 'priority')}
          options={o.priority}
          value={(filters.priorities ?? []).map(String)}
          onChange={(v) => set({ priorities: list(v)?.map((x) => Number(x) as Priority) })}
          dropdownWidth={180}
        />
        <MultiPicker name="source" label={filterLabel(t, 'source')} options={o.source} value={filters.sources ?? []} onChange={(v) => set({ sources: list(v)?.filter(isSource) })} dropdownWidth={220} />
        <MultiPicker name="takenBy" label={filterLabel(t, 'takenBy')} options={o.takenBy} value={filters.takenByIds ?? []} onChange={(v) => set({ takenByIds: list(v) })} searchable />
        <MultiPicker name="verifier" label={filterLabel(t, 'verifier')} options={o.verifier} value={filters.verifierIds ?? []} onChange={(v) => set({ verifierIds: list(v) })} searchable />
        <MultiPicker name="class1" label={filterLabel(t, 'class1')} options={o.class1} value={filters.class1Ids ?? []} onChange={(v) => set({ class1Ids: list(v) })} searchable dropdownWidth={300} />
        <MultiPicker name="class2" label={filterLabel(t, 'class2')} options={o.class2} value={filters.class2Ids ?? []} onChange={(v) => set({ class2Ids: list(v) })} searchable dropdownWidth={340} />
        <MultiPicker name="class3" label={filterLabel(t, 'class3')} options={o.class3} value={filters.class3Ids ?? []} onChange={(v) => set({ class3Ids: list(v) })} searchable dropdownWidth={380} />
        <MultiPicker
          name="commercialZone"
          label={filterLabel(t, 'commercialZone')}
          options={o.commercialZone}
          value={filters.commercialZones ?? []}
          onChange={(v) => set({ commercialZones: list(v) })}
          searchable
        />
        <AddressInput value={filters.address ?? ''} onChange={(v) => set({ address: v || undefined })} />
        {activeCount > 0 && (
          <Tooltip label={t('grid.filters.clearAll')}>
            <ActionIcon variant="subtle" color="gray" size="md" onClick={() => onChange({})} aria-label={t('grid.filters.clearAll')} data-testid="filters-clear">
              <IconFilterOff size={16} stroke={1.7} />
            </ActionIcon>
          </Tooltip>
        )}
      </div>
    </DatesProvider>
  );
});

function DateRange({ from, to, onChange }: { from: string | undefined; to: string | undefined; onChange: (from: string | undefined, to: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const applied: DatesRangeValue<string> = [from ?? null, to ?? null];
  const [value, setValue] = useState<DatesRangeValue<string>>(applied);
  const [synced, setSynced] = useState(`${from}|${to}`);
  if (synced !== `${from}|${to}`) {
    setSynced(`${from}|${to}`);
    setValue(applied);
  }
  const formatter: DateFormatter = ({ date }) => {
    const [a, b] = Array.isArray(date) ? date : [date, null];
    const s = (d: unknown) => (typeof d === 'string' ? fmt.date(d) : d instanceof Date ? fmt.date(d.getTime()) : '');
    return a && b ? `${s(a)} – ${s(b)}` : a ? `${s(a)} –` : '';
  };
  return (
    <DatePickerInput
      type="range"
      size="xs"
      w={196}
      value={value}
      onChange={(v) => {
        const next: DatesRangeValue<string> = [v[0] ? String(v[0]).slice(0, 10) : null, v[1] ? String(v[1]).slice(0, 10) : null];
        setValue(next);
        if ((next[0] && next[1]) || (!next[0] && !next[1])) {
          setSynced(`${next[0] ?? undefined}|${next[1] ?? undefined}`);
          onChange(next[0] ?? undefined, next[1] ?? undefined);
        }
      }}
      allowSingleDateInRange
      clearable
      valueFormatter={formatter}
      placeholder={filterLabel(t, 'docDate')}
      leftSection={<IconCalendar size={14} stroke={1.6} />}
      aria-label={filterLabel(t, 'docDate')}
      data-testid="filter-docDate"
      popoverProps={{ withinPortal: true, shadow: 'md' }}
      styles={{ input: value[0] ? { borderColor: 'var(--mantine-color-brand-4)', background: 'var(--mantine-color-brand-0)', fontWeight: 600 } : undefined }}
    />
  );
}

function AddressInput({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  if (synced !== value) {
    setSynced(value);
    setText(value);
  }
  const apply = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    setSynced(v.trim());
    onChange(v.trim());
  };
  return (
    <TextInput
      size="xs"
      w={170}
      value={text}
      placeholder={filterLabel(t, 'address')}
      aria-label={filterLabel(t, 'address')}
      leftSection={<IconMapPin size={14} stroke={1.6} />}
      data-testid="filter-address"
      onChange={(e) => {
        const v = e.currentTarget.value;
        setText(v);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => apply(v), 400);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply(text);
        if (e.key === 'Escape' && text) {
          e.stopPropagation();
          setText('');
          apply('');
        }
      }}
      rightSection={text ? <CloseButton size="xs" onClick={() => (setText(''), apply(''))} aria-label={t('grid.filters.clear')} /> : undefined}
      styles={{ input: value ? { borderColor: 'var(--mantine-color-brand-4)', background: 'var(--mantine-color-brand-0)', fontWeight: 600 } : undefined }}
    />
  );
}

/** "Client: Acme ×": one chip per active filter; × removes it. */
export function FilterChips({ filters, lookups, onChange, trailing }: Props & { trailing?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const o = useFilterOptions(lookups);
  const names = (ids: readonly string[] | undefined, nameOf: (id: string) => string) => (ids ?? []).map(nameOf).join(', ');
  const valueOf = (name: FilterName): string => {
    switch (name) {
      case 'docDate':
        if (filters.docDateFrom && filters.docDateTo)
          return filters.docDateFrom === filters.docDateTo ? fmt.date(filters.docDateFrom) : `${fmt.date(filters.docDateFrom)} – ${fmt.date(filters.docDateTo)}`;
        return filters.docDateFrom ? t('grid.filters.dateFrom', { date: fmt.date(filters.docDateFrom) }) : t('grid.filters.dateTo', { date: fmt.date(filters.docDateTo ?? '') });
      case 'client':
        return names(filters.clientIds, (id) => clientName(id) ?? id);
      case 'takenBy':
        return names(filters.takenByIds, o.personName);
      case 'verifier':
        return names(filters.verifierIds, o.personName);
      case 'class1':
        return names(filters.class1Ids, o.typeLabel);
      case 'class2':
        return names(filters.class2Ids, o.typeLabel);
      case 'class3':
        return names(filters.class3Ids, o.typeLabel);
      case 'address':
        return filters.address ?? '';
      case 'commercialZone':
        return (filters.commercialZones ?? []).join(', ');
      case 'status':
        return (filters.statuses ?? []).map((s) => statusLabel(t, s)).join(', ');
      case 'priority':
        return (filters.priorities ?? []).map((p) => priorityLabel(t, p)).join(', ');
      case 'source':
        return (filters.sources ?? []).map((s) => sourceLabel(t, s)).join(', ');
      case 'search':
        return `“${filters.search ?? ''}”`;
      case 'mine':
      case 'myAnswer':
      case 'unread':
      case 'awaitingReply':
      case 'plannedToday':
        return '';
    }
  };
  const active = activeFilters(filters);
  return (
    <div className="ivg-chips" data-testid="filter-chips">
      {active.map((name) => {
        const value = valueOf(name);
        const text = value ? t('grid.filters.chip', { name: filterLabel(t, name), value }) : filterLabel(t, name);
        return (
          <span key={name} className="ivg-chip" data-testid={`chip-${name}`} title={text}>
            <span className="ivg-chip-text">{text}</span>
            <CloseButton size={16} iconSize={11} radius="xl" onClick={() => onChange(removeFilter(filters, name))} aria-label={`${t('grid.filters.remove')}: ${filterLabel(t, name)}`} data-testid={`chip-${name}-remove`} />
          </span>
        );
      })}
      {trailing}
    </div>
  );
}
