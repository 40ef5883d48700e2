import { def } from './def';
import { read } from './permission';
import { byId } from './primitives';

/* The audit trail: every change at the level set in Administration, as the History tab shows it. */

type Subject = 'intervention' | 'technician' | 'message';

/** What one row of a user action changed, at the audit level in force at the time. */
interface RowChanges {
  /** advanced: the names of the columns written; null at basic. */
  fields: string[] | null;
  /** detailed: column -> [old, new]; null below detailed. */
  changes: Record<string, [unknown, unknown]> | null;
}

/** Another row the same user action changed (the status it moved, a technician it added…). */
export interface RelatedChange extends RowChanges {
  /** 'other' for rows that are not the intervention's own (a series counter). */
  subject: Subject | 'other';
  rowId: string;
  op: 'insert' | 'update' | 'delete';
  /** For a technician row: whose it is. */
  about: string | null;
}

/** One entry of the History tab: one user action, as recorded at the audit level in force at the time. */
export interface HistoryEntry extends RowChanges {
  id: string;
  at: number;
  userId: string | null;
  /** The user's display name; null for the system. */
  userName: string | null;
  /** create, update, delete, status, validate, accepted, rejected, cancel, finalize … */
  action: string;
  /** What the action was about: the intervention itself, a technician row, or a message. */
  subject: Subject;
  rowId: string;
  /** For a technician row: whose answer it is. */
  about: string | null;
  /** The other rows the same action changed, in the order they were written. */
  related: RelatedChange[];
  /** Names of the ids the values hold (clients, people, teams, request types in the viewer's language…). */
  names: Record<string, string>;
}

/** The History tab. */
export const auditMethods = {
  'interventions.history': def<HistoryEntry[]>()(byId, read('interventions')),
};
