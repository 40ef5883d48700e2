import type { ConflictRow, StoreWorkstation } from '../../shared/api/sync';
import type { ServiceContext } from '../core/context';
import { localTable } from './local-tables';
import type { StoreConflict, StoreWorkstationRow } from './store-connection';

/*
 * What the store tells a workstation's users, made readable here: a conflict names its record
 * as this workstation knows it (an intervention's number and client, a client's name) and the
 * field as the forms name it, and comes with the call that re-applies the lost value through
 * the form's own command (rights, scope and domain rules checked as for any edit).
 */

/** Tables whose lost values can be re-applied by hand, and the command that does it. */
const REAPPLY = {
  interventions: 'interventions.update',
  clients: 'clients.update',
  contact_persons: 'contacts.update',
} as const;

/** Fields that are not a form's to set: the store's stamps, links kept by commands, derived facts. */
const NOT_BY_HAND = new Set(['id', 'version', 'created_at', 'updated_at', 'deleted_at', 'status', 'number', 'valid', 'finalized_at', 'cancelled_at', 'class1_id', 'class2_id', 'class3_id', 'extra']);

const RECORD_SQL: Record<string, string> = {
  interventions: `SELECT trim(coalesce(s.prefix || '-' || i.number, '') || ' · ' || coalesce(c.name, ''), ' ·') AS label
                    FROM interventions i LEFT JOIN series s ON s.id = i.series_id AND i.valid = 1 LEFT JOIN clients c ON c.id = i.client_id WHERE i.id = ?`,
  clients: 'SELECT name AS label FROM clients WHERE id = ?',
  contact_persons: `SELECT p.name || ' · ' || c.name AS label FROM contact_persons p JOIN clients c ON c.id = p.client_id WHERE p.id = ?`,
};

export function describeConflict(s: ServiceContext, c: StoreConflict): ConflictRow {
  const t = localTable(c.table_name);
  const field = t?.byColumn.get(c.field);
  const fieldKey = field && !NOT_BY_HAND.has(c.field) ? field.key : null;
  const sql = RECORD_SQL[c.table_name];
  const label = sql ? ((s.raw.prepare(sql).get(c.row_id) as { label: string } | undefined)?.label ?? null) : null;
  const version = t ? (s.raw.prepare(`SELECT version FROM "${c.table_name}" WHERE id = ? AND deleted_at IS NULL`).pluck().get(c.row_id) as number | undefined) : undefined;
  const method = REAPPLY[c.table_name as keyof typeof REAPPLY];
  return {
    id: Number(c.id),
    at: Number(c.at),
    workstation: c.workstation_name ?? c.workstation_id,
    user: c.user_login,
    table: c.table_name,
    rowId: c.row_id,
    field: c.field,
    fieldKey: field?.key ?? null,
    theirs: c.theirs,
    kept: c.kept,
    record: label || null,
    resolvedAt: c.resolved_at === null ? null : Number(c.resolved_at),
    reapply:
      method && fieldKey && version !== undefined && c.resolved_at === null
        ? { method, input: { id: c.row_id, version, patch: { [fieldKey]: c.theirs } } }
        : null,
  };
}

export function describeWorkstation(w: StoreWorkstationRow, thisOne: string | null): StoreWorkstation {
  const n = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    id: w.id,
    name: w.name,
    lastUser: w.last_user,
    lastPushAt: n(w.last_push_at),
    lastPullAt: n(w.last_pull_at),
    pending: Number(w.pending),
    thisOne: w.id === thisOne,
  };
}
