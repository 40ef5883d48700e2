import type { TFunction } from 'i18next';
import type { HistoryEntry } from '../../../../shared/api/audit';
import { INTERVENTION_STATUSES, isSource, type InterventionStatus } from '../../../../shared/domain/intervention';
import type { GridFormat } from '../../kit/format';
import { priorityLabel, sourceLabel, statusLabel } from '../../kit/labels';
import { FORM_FIELDS, fieldLabel, type FormField } from './form-model';

/*
 * How the History tab and the evolution sheet read the audit: columns as the form names them,
 * values as the form shows them (names for ids, dates in the user's format, statuses and
 * answers translated), and the status an action moved, from what to what.
 */

/** Bookkeeping columns nobody needs to read in a history. */
const HIDDEN_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'version', 'deleted_at', 'intervention_id', 'class1_id', 'class2_id', 'class3_id']);

const isStatus = (v: unknown): v is InterventionStatus => typeof v === 'string' && (INTERVENTION_STATUSES as readonly string[]).includes(v);

/** A stored column by the label of its form field, or its own label; an unknown one as stored. */
export function columnLabel(t: TFunction, column: string): string {
  const field = column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  if ((FORM_FIELDS as readonly string[]).includes(field)) return fieldLabel(t, field as FormField);
  switch (column) {
    case 'contact_person_id':
      return fieldLabel(t, 'contactPersonId');
    case 'status':
      return t('interventionForm.history.columns.status');
    case 'number':
      return t('interventionForm.history.columns.number');
    case 'valid':
      return t('interventionForm.history.columns.valid');
    case 'finalized_at':
      return t('interventionForm.history.columns.finalizedAt');
    case 'resolution':
      return t('interventionForm.history.columns.resolution');
    case 'cancelled_at':
      return t('interventionForm.history.columns.cancelledAt');
    case 'cancel_reason':
      return t('interventionForm.history.columns.cancelReason');
    case 'answer':
      return t('interventionForm.history.columns.answer');
    case 'reason':
      return t('interventionForm.history.columns.reason');
    case 'answered_at':
      return t('interventionForm.history.columns.answeredAt');
    case 'person_id':
      return t('interventionForm.history.columns.person');
    case 'awaiting_reply':
      return t('interventionForm.history.columns.awaitingReply');
    case 'serial_lot':
      return t('interventionForm.history.columns.serialLot');
    case 'body':
      return t('interventionForm.history.columns.body');
    default:
      return column;
  }
}

/** A technician's answer in words (the form's badges, the history, the evolution sheet). */
export function answerLabel(t: TFunction, v: string): string {
  switch (v) {
    case 'accepted':
      return t('interventionForm.answers.accepted');
    case 'rejected':
      return t('interventionForm.answers.rejected');
    case 'not_answered':
      return t('interventionForm.answers.notAnswered');
    case 'pending':
      return t('interventionForm.answers.pending');
    default:
      return v;
  }
}

const MOMENTS = new Set(['planned_start', 'planned_end', 'finalized_at', 'cancelled_at', 'answered_at']);
const FLAGS = new Set(['confirmed', 'valid', 'awaiting_reply', 'mail_client']);
/** Long texts (notes, a resolution) are cut in the table; the whole text is in the cell's title. */
const LONG = 140;

/** One stored value as the form would show it. */
export function valueText(t: TFunction, fmt: GridFormat, column: string, v: unknown, names: Record<string, string>): string {
  // Its own choice given back to the request type.
  if (column === 'mail_client' && v === null) return t('interventionForm.fields.mailClientByType');
  if (v === null || v === undefined || v === '') return '—';
  if (column === 'extra') return '…';
  if (column.endsWith('_id') && typeof v === 'string') return names[v] ?? t('interventionForm.history.unknown');
  if (column === 'status' && isStatus(v)) return statusLabel(t, v);
  if (column === 'answer' && typeof v === 'string') return answerLabel(t, v);
  if (column === 'priority' && (v === 1 || v === 2 || v === 3)) return priorityLabel(t, v);
  if (column === 'source' && isSource(v)) return sourceLabel(t, v);
  if (FLAGS.has(column)) return v === true || v === 1 ? t('interventionForm.history.yes') : t('interventionForm.history.no');
  if (MOMENTS.has(column) && typeof v === 'number') return fmt.dateTime(v);
  if (column === 'doc_date' && typeof v === 'string') return fmt.date(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > LONG ? `${s.slice(0, LONG - 1)}…` : s;
}

/** What an action changed on the intervention row itself: its own subject, or a row beside it (a status moved by an answer). */
export function interventionChanges(h: HistoryEntry): { fields: string[] | null; changes: HistoryEntry['changes'] } | null {
  if (h.subject === 'intervention') return h;
  return h.related.find((r) => r.subject === 'intervention') ?? null;
}

/** The status the action moved, from what to what; null when it did not (or the level kept no values). */
export function statusMove(h: HistoryEntry): { from: InterventionStatus | null; to: InterventionStatus } | null {
  const pair = interventionChanges(h)?.changes?.status;
  if (!pair || !isStatus(pair[1])) return null;
  return { from: isStatus(pair[0]) ? pair[0] : null, to: pair[1] };
}

/** The visible changes of one row, status apart (shown on its own line): column, old → new when kept. */
export function visibleChanges(fields: string[] | null, changes: HistoryEntry['changes']): { column: string; values: [unknown, unknown] | null }[] {
  const names = fields ?? Object.keys(changes ?? {});
  return names.filter((k) => !HIDDEN_COLUMNS.has(k) && k !== 'status').map((k) => ({ column: k, values: changes?.[k] ?? null }));
}
