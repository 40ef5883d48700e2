import { def } from './def';
import { read } from './permission';
import { byId } from './primitives';

/* The audit trail: every change at the level set in Administration, as the History tab shows it. */

/** One entry of the History tab, as recorded at the audit level in force at the time. */
export interface HistoryEntry {
  id: string;
  at: number;
  userId: string | null;
  /** The user's display name; null for the system. */
  userName: string | null;
  /** create, update, delete, status, validate, accepted, rejected, cancel, finalize … */
  action: string;
  /** What was written: the intervention itself, a technician row, or a message. */
  subject: 'intervention' | 'technician' | 'message';
  rowId: string;
  /** advanced: the names of the columns written; null at basic. */
  fields: string[] | null;
  /** detailed: column -> [old, new]; null below detailed. */
  changes: Record<string, [unknown, unknown]> | null;
}

/** The History tab. */
export const auditMethods = {
  'interventions.history': def<HistoryEntry[]>()(byId, read('interventions')),
};
