import type { TFunction } from 'i18next';
import type { GridFormat } from '../../kit/format';

/** Fields that hold an instant (milliseconds) and read as a date and time. */
const INSTANTS = /(?:At|Start|End)$/;

/** A stored value as the operator reads it: dates as dates, yes/no, empty said so. */
export function showValue(value: unknown, fieldKey: string | null, fmt: GridFormat, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('sync.conflicts.emptyValue');
  if (typeof value === 'boolean') return value ? t('grid.yes') : '—';
  if (typeof value === 'number' && fieldKey && INSTANTS.test(fieldKey)) return fmt.dateTime(value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The table's name as the operator knows the record. */
export function tableLabel(t: TFunction, table: string): string {
  switch (table) {
    case 'interventions':
      return t('sync.conflicts.tables.interventions');
    case 'clients':
      return t('sync.conflicts.tables.clients');
    case 'contact_persons':
      return t('sync.conflicts.tables.contact_persons');
    default:
      return t('sync.conflicts.tables.other');
  }
}

/** "plannedStart" as "planned start": the forms' own labels live in their features. */
export const fieldWords = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
