import type { ServiceContext } from '../core/context';
import { applyRemoteChange } from '../core/records';
import { unitOfWork } from '../core/unit';
import { localTable, NO_LOCAL_PASSWORD } from './local-tables';
import { pendingFor } from './outbox';

/*
 * The workstation's side of a pull: a batch of rows as the store has them, applied in one SQLite
 * transaction through the same write path as local edits (core/records.ts applyRemoteChange), so
 * the grid and every open window follow them like any other write. A row with changes of this
 * workstation not yet pushed gets them again on top, so an operator never sees an edit vanish
 * while it waits for its push.
 */

export interface Pulled {
  table: string;
  rowId: string;
  /** The row as the store has it (column names), or null when it is outside what may be read. */
  data: Record<string, unknown> | null;
}

/** Store values (column names, JSON) as drizzle values (property names). */
function toValues(name: string, data: Record<string, unknown>): Record<string, unknown> {
  const t = localTable(name)!;
  const out: Record<string, unknown> = {};
  for (const [col, value] of Object.entries(data)) {
    const c = t.byColumn.get(col);
    if (!c || col === 'id' || col === 'version') continue;
    out[c.key] = c.column.columnType === 'SQLiteBoolean' ? value === true || value === 1 : value;
  }
  return out;
}

/** Applies a pulled batch in one transaction, with `inside` (the cursor moved); answers how many rows it wrote. */
export function applyPulled(s: ServiceContext, batch: readonly Pulled[], inside: () => void = () => {}): number {
  return unitOfWork(
    s,
    { userId: null },
    () => {
      let n = 0;
      // Each entry brings the row as the store has it now: a row changed many times comes many
      // times in one batch with the same values. Applied once, where it first comes (a parent
      // still lands before the rows that need it).
      const seen = new Set<string>();
      for (const p of batch) {
        const key = `${p.table}:${p.rowId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const t = localTable(p.table);
        if (!t || !p.data) continue;
        const values = toValues(p.table, p.data);
        const before = s.raw.prepare(`SELECT version, deleted_at AS d FROM "${p.table}" WHERE id = ?`).get(p.rowId) as { version: number; d: number | null } | undefined;
        if (p.table === 'users' && !before) values.passwordHash = NO_LOCAL_PASSWORD;
        const op = !before ? 'insert' : values.deletedAt != null && before.d == null ? 'delete' : 'update';
        applyRemoteChange(s, t.table, { rowId: p.rowId, op, version: Number(p.data.version), values });
        rebase(s, p.table, p.rowId, Number(p.data.version));
        n++;
      }
      inside();
      return n;
    },
    { action: 'sync' },
  );
}

/**
 * This workstation's changes to a row that wait for their push, put back over the store's row.
 * Changes made here from now on are based on the store's `version` (core/unit.ts storeBase); with
 * nothing waiting, the row's local version is the store's again and nothing needs remembering.
 */
function rebase(s: ServiceContext, table: string, rowId: string, version: number): void {
  const pending = pendingFor(s.raw, table, rowId);
  if (pending.length === 0) {
    s.raw.prepare('DELETE FROM sync_bases WHERE table_name = ? AND row_id = ?').run(table, rowId);
    return;
  }
  s.raw
    .prepare('INSERT INTO sync_bases (table_name, row_id, version) VALUES (?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET version = excluded.version')
    .run(table, rowId, version);
  const t = localTable(table)!;
  const merged: Record<string, unknown> = {};
  for (const changes of pending) Object.assign(merged, changes);
  const cols = Object.keys(merged).filter((c) => t.byColumn.has(c) && c !== 'id' && c !== 'version');
  if (cols.length === 0) return;
  const bind = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v);
  s.raw.prepare(`UPDATE "${table}" SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => bind(merged[c])), rowId);
  s.afterWrite?.(table, rowId);
}
