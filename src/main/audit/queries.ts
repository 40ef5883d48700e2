import type { HistoryEntry, RelatedChange } from '../../shared/api/audit';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';

/*
 * The audit trail as people read it. One entry per user action (core/unit.ts): about its
 * subject row, with the other rows it changed beside it. Entries written before actions were
 * grouped (one per row) read the same way, with nothing related.
 */

const SUBJECT: Record<string, HistoryEntry['subject']> = { interventions: 'intervention', intervention_technicians: 'technician', intervention_messages: 'message' };

type Changes = Record<string, [unknown, unknown]>;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** fields/changes of one row as the audit stored them: a list of names (advanced) or name -> [old, new] (detailed). */
function rowChanges(stored: unknown): { fields: string[] | null; changes: Changes | null } {
  if (Array.isArray(stored)) return { fields: stored.map(String), changes: null };
  if (isObject(stored)) return { fields: Object.keys(stored), changes: stored as Changes };
  return { fields: null, changes: null };
}

/** A stored detail; unreadable JSON (a hand edit) reads as "nothing recorded" rather than failing the tab. */
function parseDetail(detail: string | null): { own: unknown; rows: unknown[] } {
  if (!detail) return { own: null, rows: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return { own: null, rows: [] };
  }
  if (isObject(parsed) && parsed.v === 2) return { own: parsed.changes ?? parsed.fields ?? null, rows: Array.isArray(parsed.rows) ? parsed.rows : [] };
  return { own: parsed, rows: [] };
}

function related(r: unknown): RelatedChange | null {
  if (!isObject(r) || typeof r.table !== 'string' || typeof r.rowId !== 'string') return null;
  const op = r.op === 'insert' || r.op === 'delete' ? r.op : 'update';
  return { subject: SUBJECT[r.table] ?? 'other', rowId: r.rowId, op, ...rowChanges(r.changes ?? r.fields ?? null) };
}

/** The History tab: the actions on the intervention, its technician rows and its messages, newest first. */
export function interventionHistory(s: ServiceContext, id: string): HistoryEntry[] {
  if (!s.raw.prepare('SELECT 1 FROM interventions WHERE id = ? AND deleted_at IS NULL').get(id)) throw new ApiError('not_found', 'The intervention does not exist.');
  const rows = s.raw
    .prepare(
      `SELECT a.id, a.at, a.user_id AS userId, u.display_name AS userName, a.action, a.table_name AS tableName, a.row_id AS rowId, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE (a.table_name = 'interventions' AND a.row_id = ?)
          OR (a.table_name = 'intervention_technicians' AND a.row_id IN (SELECT id FROM intervention_technicians WHERE intervention_id = ?))
          OR (a.table_name = 'intervention_messages' AND a.row_id IN (SELECT id FROM intervention_messages WHERE intervention_id = ?))
       ORDER BY a.at DESC, a.rowid DESC
       LIMIT 5000`,
    )
    .all(id, id, id) as { id: string; at: number; userId: string | null; userName: string | null; action: string; tableName: string; rowId: string; detail: string | null }[];
  return rows.map((r) => {
    const { own, rows: others } = parseDetail(r.detail);
    return {
      id: r.id,
      at: r.at,
      userId: r.userId,
      userName: r.userName,
      action: r.action,
      subject: SUBJECT[r.tableName] ?? 'intervention',
      rowId: r.rowId,
      ...rowChanges(own),
      related: others.map(related).filter((x): x is RelatedChange => x !== null),
    };
  });
}
