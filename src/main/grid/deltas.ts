import { getTableColumns } from 'drizzle-orm';
import type { Committed } from '../core/events';
import type { Param, ReadPool } from '../db/read-pool';
import { interventions } from '../db/schema';
import type { GridGroup } from '../../shared/grid/query';
import type { Where } from './where';
import { fold } from '../db/read-worker';

/*
 * Counts and group lists follow a write by difference instead of a full recount: for each
 * intervention the write changed, its group key (or mere membership, for a count) is read as it
 * was before the write and as it is now; the old group loses one, the new one gains one. Measured
 * on 1M interventions, a full recount after a status change took 115-145 ms; a difference costs
 * two lookups by primary key per changed row. The "before" side is the row as stored now with the
 * unit's old values put back (the notice carries them), read through the same WHERE as the view.
 * Only plain updates of interventions are followed this way; anything else (a new row, a client
 * renamed, a search view, a group named through the client) drops the answer as before.
 */

/** How a cached answer can follow a write: the view's WHERE, and for a group list the key's SQL. */
export interface Followable {
  where: Where;
  /** SQL over `i` giving a row's group key; absent for a count. */
  groupKey?: string;
  /** Groups keyed by client id and named by the client (its name, its locality beside). */
  namedBy?: 'client';
}

const COLUMNS = Object.values(getTableColumns(interventions)).map((c) => c.name);

/** The interventions rows of a notice when it holds nothing else (else null: drop, do not follow). */
export function followableRows(notice: Committed): { rowId: string; before: Record<string, unknown> }[] | null {
  if (notice.touched.length > 0) return null;
  const out: { rowId: string; before: Record<string, unknown> }[] = [];
  for (const r of notice.rows) {
    if (r.table !== 'interventions' || r.op !== 'update' || !r.rowId || !r.before) return null;
    out.push({ rowId: r.rowId, before: r.before });
  }
  return out;
}

/** Whether the answer's SQL can be followed by difference (the search index holds only the new text). */
export function canFollow(words: ReadonlySet<string>): boolean {
  return !words.has('interventions_fts');
}

type Key = string | number | null;

/** The row's key (or 1 for membership) before the write and now; undefined where it is not in the view. */
async function keysOf(pool: ReadPool, f: Followable, row: { rowId: string; before: Record<string, unknown> }): Promise<[Key | undefined, Key | undefined]> {
  const expr = f.groupKey ?? '1';
  const beforeCols = COLUMNS.map((c) => (c in row.before ? `? AS "${c}"` : `"${c}"`)).join(', ');
  // The unit keeps values as the app has them; the driver takes flags as 0/1.
  const beforeParams = COLUMNS.filter((c) => c in row.before).map((c) => {
    const v = row.before[c];
    return (typeof v === 'boolean' ? Number(v) : v) as Param;
  });
  const [was, is] = await Promise.all([
    pool.get<{ k: Key }>(
      `WITH prev AS (SELECT ${beforeCols}, rowid AS rowid FROM interventions WHERE id = ?) SELECT ${expr} AS k FROM prev i WHERE ${f.where.sql}`,
      [...beforeParams, row.rowId, ...f.where.params],
    ),
    pool.get<{ k: Key }>(`SELECT ${expr} AS k FROM interventions i WHERE i.id = ? AND ${f.where.sql}`, [row.rowId, ...f.where.params]),
  ]);
  return [was?.k, is?.k];
}

/** The count after the write. */
export async function followCount(pool: ReadPool, f: Followable, count: number, rows: { rowId: string; before: Record<string, unknown> }[]): Promise<number> {
  let n = count;
  for (const row of rows) {
    const [was, is] = await keysOf(pool, f, row);
    n += (is === undefined ? 0 : 1) - (was === undefined ? 0 : 1);
  }
  return n;
}

/** The group list after the write, or null when a row went to a group the list does not have yet (its label must be read: recompute). */
export async function followGroups(pool: ReadPool, f: Followable, groups: GridGroup[], rows: { rowId: string; before: Record<string, unknown> }[]): Promise<GridGroup[] | null> {
  const next = groups.map((g) => ({ ...g }));
  for (const row of rows) {
    const [was, is] = await keysOf(pool, f, row);
    if (was === is) continue;
    if (was !== undefined) {
      const g = next.find((x) => x.key === was);
      if (!g) return null;
      g.count -= 1;
    }
    if (is !== undefined) {
      const g = next.find((x) => x.key === is);
      if (!g) return null;
      g.count += 1;
    }
  }
  return next.filter((g) => g.count > 0);
}

/** The clients a notice renamed, when that is all it did (a derived sort key beside); else null. */
export function renamedClients(notice: Committed): string[] | null {
  if (notice.touched.length > 0) return null;
  const ids: string[] = [];
  for (const r of notice.rows) {
    if (!r.rowId) continue; // a derived column (the client sort key): not what groups read
    if (r.table !== 'clients' || r.op !== 'update' || !r.columns.every((c) => c === 'name' || c === 'locality')) return null;
    ids.push(r.rowId);
  }
  return ids.length > 0 ? ids : null;
}

/**
 * Groups named by their client, after clients were renamed: the new names read by id, the list
 * put back in the order the groups query gives (empty names last, then folded name, then key).
 */
export async function relabelClients(pool: ReadPool, groups: GridGroup[], ids: string[]): Promise<GridGroup[]> {
  const shown = ids.filter((id) => groups.some((g) => g.key === id));
  if (shown.length === 0) return groups;
  const names = await pool.all<{ id: string; name: string | null; locality: string | null }>(
    `SELECT id, name, locality FROM clients WHERE id IN (${shown.map(() => '?').join(', ')})`,
    shown,
  );
  const byId = new Map(names.map((n) => [n.id, n]));
  const next = groups.map((g) => {
    const n = typeof g.key === 'string' ? byId.get(g.key) : undefined;
    return n ? { ...g, label: n.name ?? '', detail: n.locality ?? '' } : g;
  });
  const folded = (g: GridGroup) => String(fold(g.label));
  return next.sort((a, b) => {
    if ((a.label === '') !== (b.label === '')) return a.label === '' ? 1 : -1;
    const fa = folded(a);
    const fb = folded(b);
    if (fa !== fb) return fa < fb ? -1 : 1;
    return String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0;
  });
}
