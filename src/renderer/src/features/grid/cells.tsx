import { IconCheck } from '@tabler/icons-react';
import { PhoneAnchor } from '../../kit/phone-link';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { ColumnId, ColumnKind, GridRow, GridValue } from '../../../../shared/grid/columns';
import type { GridFormat } from '../../kit/format';
import { isPriority, isStatus, PriorityMark, StatusBadge } from '../../kit/status-badge';
import { sourceLabel } from '../../kit/labels';
import { isSource } from '../../../../shared/domain/intervention';

export function cellAlign(kind: ColumnKind): 'left' | 'right' | 'center' {
  if (kind === 'number') return 'right';
  if (kind === 'bool') return 'center';
  return 'left';
}

/** What a cell shows, by the kind of its column. */
export function cellContent(kind: ColumnKind, value: GridValue, fmt: GridFormat, t: TFunction): ReactNode {
  if (value === null || value === '') return null;
  switch (kind) {
    case 'date':
      return fmt.date(value);
    case 'datetime':
      return fmt.dateTime(value);
    case 'number':
      return typeof value === 'number' ? String(value) : value;
    case 'status':
      return isStatus(value) ? <StatusBadge status={value} t={t} /> : String(value);
    case 'priority': {
      const p = typeof value === 'string' ? Number(value) : value;
      return isPriority(p) ? <PriorityMark priority={p} t={t} /> : String(value);
    }
    case 'source':
      return isSource(value) ? sourceLabel(t, value) : String(value);
    case 'bool':
      return value === 1 || value === '1' || value === 'true' ? <IconCheck className="ivg-check" size={15} stroke={2.2} aria-label={t('grid.yes')} /> : null;
    case 'phone':
      return typeof value === 'string' && value ? <PhoneAnchor number={value} t={t} /> : String(value);
    case 'text':
      return String(value);
  }
}

/** Plain text of a cell: tooltips (title) of long values. */
export function cellText(kind: ColumnKind, value: GridValue, fmt: GridFormat): string | undefined {
  if (value === null) return undefined;
  if (kind === 'text' && typeof value === 'string' && value.length > 18) return value;
  if (kind === 'datetime') return fmt.dateTime(value);
  return undefined;
}

/** A document validated offline waits for its number (it comes with the next sync): its number cell says so. */
export function PendingNumber({ column, row, t }: { column: ColumnId; row: GridRow; t: TFunction }): ReactNode {
  if (column !== 'number' || row.number !== null || !(row.valid === 1 || row.valid === '1')) return null;
  return (
    <span className="ivg-pending" title={t('grid.numberPendingHint')}>
      {t('grid.numberPending')}
    </span>
  );
}
