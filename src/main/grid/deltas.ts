import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import type { Committed } from '../core/events';
import type { Param, ReadPool } from '../db/read-pool';
import { interventions } from '../db/schema';
import type { GridGroup } from '../../shared/grid/query';
import type { Where } from './where';
import { fold } from '../db/read-worker';
import { canChange } from './dependencies';
import { sortKey } from './client-sort';
import { INTERVENTION_STATUSES } from '../../shared/domain/intervention';

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
  /** A group the list does not have yet, read alone (its label, its count after the write). */
  one?: (key: Key) => Promise<GridGroup | null>;
  /** The same read at commit, on the main connection (for views whose WHERE reads the row alone). */
  oneAt?: (lookup: CommitLookup, key: Key) => GridGroup | null;
  /** The order of the groups query, to put a new group in its place. */
  order?: GroupOrder;
}

/** The orders group lists come in (grid.ts), mirrored here to place one new group. */
export type GroupOrder = 'status' | 'byClient' | 'desc' | 'latestFirst' | 'byLabel';

/** Compares two groups as the groups query orders them. */
function compareGroups(order: GroupOrder, a: GridGroup, b: GridGroup): number {
  const ka = a.key;
  const kb = b.key;
  const cmpKeys = (x: Key, y: Key) => (x === y ? 0 : x === null ? -1 : y === null ? 1 : typeof x === typeof y ? (x < y ? -1 : 1) : typeof x === 'number' ? -1 : 1);
  switch (order) {
    case 'status':
      return INTERVENTION_STATUSES.indexOf(String(ka) as never) - INTERVENTION_STATUSES.indexOf(String(kb) as never);
    case 'desc':
      return -cmpKeys(ka, kb);
    case 'latestFirst':
      return (ka === null ? 1 : 0) - (kb === null ? 1 : 0) || -cmpKeys(ka, kb);
    case 'byClient': {
      // As interventions.client_sort orders them: by the name's sort key, none first, then id.
      const sa = sortKey(a.label === '' ? null : a.label);
      const sb = sortKey(b.label === '' ? null : b.label);
      if ((sa === null) !== (sb === null)) return sa === null ? -1 : 1;
      return sa !== null && sb !== null && sa !== sb ? (sa < sb ? -1 : 1) : cmpKeys(ka, kb);
    }
    case 'byLabel': {
      // An empty label is a NULL one (the list holds '' for it): last.
      if ((a.label === '') !== (b.label === '')) return a.label === '' ? 1 : -1;
      const fa = String(fold(a.label));
      const fb = String(fold(b.label));
      return fa < fb ? -1 : fa > fb ? 1 : cmpKeys(ka, kb);
    }
  }
}

const COLUMNS = Object.values(getTableColumns(interventions)).map((c) => c.name);

/** An intervention a unit updated, with its changed columns' values before it. */
type FollowedRow = { rowId: string; before: Record<string, unknown> };

/**
 * What a notice of plain updates of interventions changed: the rows, with their old values, and
 * the derived columns the write path set beside them (a technicians' list or a client sort key
 * made right); null when it holds anything else (drop, do not follow).
 */
export interface Followed {
  rows: FollowedRow[];
  derived: string[];
}

export function followableRows(notice: Committed): Followed | null {
  if (notice.touched.length > 0) return null;
  const rows: FollowedRow[] = [];
  const derived: string[] = [];
  for (const r of notice.rows) {
    if (r.table === 'interventions' && r.op === 'update' && !r.rowId && r.ids) derived.push(...r.columns);
    else if (r.table === 'interventions' && r.op === 'update' && r.rowId && r.before) rows.push({ rowId: r.rowId, before: r.before });
    else return null;
  }
  return { rows, derived };
}

/**
 * The rows an answer computed by SQL with these words follows, or null. A derived column's old
 * values are not in the notice, so an answer that reads one is counted again; the others follow
 * (a status change that also made a stale technicians' list right dropped every list of groups:
 * 70-107 ms to count a status's clients again at 1M).
 */
export function followedBy(followed: Followed | null, words: ReadonlySet<string>): FollowedRow[] | null {
  return followed && !followed.derived.some((c) => words.has(c)) ? followed.rows : null;
}

/** Whether the answer's SQL can be followed by difference (the search index holds only the new text). */
export function canFollow(words: ReadonlySet<string>): boolean {
  return !words.has('interventions_fts');
}

type Key = string | number | null;
/** A row's key before the write and now; undefined where it was or is not in the view. */
type Keys = [Key | undefined, Key | undefined];

/**
 * Point reads on the main connection, for the difference of a write just committed (grid.ts).
 * Only for views whose WHERE and key read the row alone (`atCommit`): a subquery such as "clients
 * whose address is like …" would be listed whole here, on the thread that serves the windows.
 */
export interface CommitLookup {
  get(sql: string, params: Param[]): { k: Key } | undefined;
  all<T>(sql: string, params: Param[]): T[];
  /** Rows as arrays in column order. */
  rows(sql: string, params: Param[]): unknown[][];
}

/** A CommitLookup on a connection, its statements kept (a view's two queries are asked at every write it follows). */
export function commitLookup(raw: Database.Database): CommitLookup {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) {
      if (statements.size > 200) statements.clear();
      stmt = raw.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };
  return {
    get: (sql, params) => prepared(sql).raw(false).get(...params) as { k: Key } | undefined,
    all: <T>(sql: string, params: Param[]) => prepared(sql).raw(false).all(...params) as T[],
    rows: (sql, params) => prepared(sql).raw(true).all(...params) as unknown[][],
  };
}

/** Whether a view's difference can be read at commit on the main connection: no subquery in it. */
function atCommit(f: Followable): boolean {
  return !/\bselect\b/i.test(f.where.sql) && !/\bselect\b/i.test(f.groupKey ?? '');
}

/** The SQL and parameters of a row's key before the write and now (undefined where it is not in the view). */
function keyQueries(f: Followable, row: FollowedRow): { sql: string; params: Param[] }[] {
  const expr = f.groupKey ?? '1';
  const beforeCols = COLUMNS.map((c) => (c in row.before ? `? AS "${c}"` : `"${c}"`)).join(', ');
  // The unit keeps values as the app has them; the driver takes flags as 0/1.
  const beforeParams = COLUMNS.filter((c) => c in row.before).map((c) => {
    const v = row.before[c];
    return (typeof v === 'boolean' ? Number(v) : v) as Param;
  });
  return [
    {
      sql: `WITH prev AS (SELECT ${beforeCols}, rowid AS rowid FROM interventions WHERE id = ?) SELECT ${expr} AS k FROM prev i WHERE ${f.where.sql}`,
      params: [...beforeParams, row.rowId, ...f.where.params],
    },
    { sql: `SELECT ${expr} AS k FROM interventions i WHERE i.id = ? AND ${f.where.sql}`, params: [row.rowId, ...f.where.params] },
  ];
}

/**
 * The keys of every changed row, read at commit: two point reads each on the main connection,
 * right after the write and before any other, so the answer is ready when the windows ask again
 * (measured on 1M interventions: counts by status then answer in 0.1-1 ms instead of waiting
 * their turn in the read workers behind other views' work, up to 25 ms).
 */
function keysAt(lookup: CommitLookup, f: Followable, rows: FollowedRow[]): Keys[] {
  return rows.map((row) => keyQueries(f, row).map((q) => lookup.get(q.sql, q.params)?.k) as Keys);
}

/** The same on the read workers, for views whose WHERE reads other tables (see atCommit). */
function keysOnWorkers(pool: ReadPool, f: Followable, rows: FollowedRow[]): Promise<Keys[]> {
  return Promise.all(
    rows.map(async (row) => {
      const [was, is] = await Promise.all(keyQueries(f, row).map((q) => pool.get<{ k: Key }>(q.sql, q.params)));
      return [was?.k, is?.k] as Keys;
    }),
  );
}

/*
 * Where a view's keys are read at commit, the answer after the write is known there and then, not
 * a promise: a second write that lands right after it (the next message, while a promise would
 * still be settling or a group still being read on a worker) is followed from it too. A promise
 * still pending when a write lands drops the answer (memo.ts), and the next ask counted the view
 * again from scratch: 72-107 ms at 1M, measured after a status change that brought a client's
 * first row into a status.
 */

function countAfter(count: number, keys: Keys[]): number {
  let n = count;
  for (const [was, is] of keys) n += (is === undefined ? 0 : 1) - (was === undefined ? 0 : 1);
  return n;
}

/** The count after the write: known at once where it is read at commit. */
export function followCount(pool: ReadPool, lookup: CommitLookup | undefined, f: Followable, count: number, rows: FollowedRow[]): number | Promise<number> {
  if (lookup && atCommit(f)) return countAfter(count, keysAt(lookup, f, rows));
  return keysOnWorkers(pool, f, rows).then((keys) => countAfter(count, keys));
}

/** The keys rows went to that the list does not have: each group is read alone. */
function newKeys(groups: readonly GridGroup[], keys: Keys[]): Key[] {
  const wanted = new Set(keys.flatMap(([was, is]) => (is !== undefined && is !== was ? [is] : [])));
  return [...wanted].filter((k) => !groups.some((g) => g.key === k));
}

/**
 * The list after the write, with the groups it did not have read alone; null: recompute. Only
 * the groups whose count changed are new objects: a status's 50,000 client groups copied one by
 * one at each write took several ms of the host's thread, at commit.
 */
function groupsAfter(f: Followable, groups: GridGroup[], keys: Keys[], added: ReadonlyMap<Key, GridGroup | null>): GridGroup[] | null {
  const delta = new Map<Key, number>();
  for (const [was, is] of keys) {
    if (was === is) continue;
    // A group read alone after the write: its count already holds every row of it.
    if (was !== undefined && !added.has(was)) delta.set(was, (delta.get(was) ?? 0) - 1);
    if (is !== undefined && !added.has(is)) delta.set(is, (delta.get(is) ?? 0) + 1);
  }
  const next = groups.slice();
  for (const [key, d] of delta) {
    if (d === 0) continue;
    const at = next.findIndex((g) => g.key === key);
    if (at < 0) return null;
    const count = next[at]!.count + d;
    if (count > 0) next[at] = { ...next[at]!, count };
    else next.splice(at, 1);
  }
  const order = f.order;
  for (const [key, group] of added) {
    if (!group || !order || group.key !== key) return null;
    if (group.count > 0) next.splice(upperBound(next, (x) => compareGroups(order, x, group) <= 0), 0, group);
  }
  return next;
}

/**
 * The group list after the write, or null when it cannot be followed (a row went to a group the
 * list does not have, and the group cannot be read alone): recompute. Known at once where it is
 * read at commit.
 */
export function followGroups(
  pool: ReadPool,
  lookup: CommitLookup | undefined,
  f: Followable,
  groups: GridGroup[],
  rows: FollowedRow[],
): GridGroup[] | null | Promise<GridGroup[] | null> {
  const alone = async (wanted: Key[]) => new Map(await Promise.all(wanted.map(async (k) => [k, f.one ? await f.one(k) : null] as const)));
  if (lookup && atCommit(f)) {
    const keys = keysAt(lookup, f, rows);
    const wanted = newKeys(groups, keys);
    const oneAt = f.oneAt;
    if (wanted.length === 0 || oneAt) return groupsAfter(f, groups, keys, new Map(wanted.map((k) => [k, oneAt!(lookup, k)])));
    return alone(wanted).then((added) => groupsAfter(f, groups, keys, added));
  }
  return (async () => {
    const keys = await keysOnWorkers(pool, f, rows);
    return groupsAfter(f, groups, keys, await alone(newKeys(groups, keys)));
  })();
}

/** The first index where `before` stops holding (it holds for a prefix of the list). */
function upperBound<T>(list: readonly T[], before: (x: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The clients a notice renamed, when that is all it did (derived data beside: its interventions'
 * sort keys and index text); else null. Also a turn of a large client's interventions taking its
 * name after the rename (client-rekeys.ts), which names the client by a derived row: a list of
 * client groups counted meanwhile holds the client twice, under its old sort key and its new
 * (grouped by key, then client), and is put right by naming the client again (relabelClients).
 */
export function renamedClients(notice: Committed): string[] | null {
  if (notice.touched.length > 0) return null;
  const ids: string[] = [];
  for (const r of notice.rows) {
    if (!r.rowId) {
      if (r.table === 'interventions_fts' || (r.table === 'interventions' && r.columns.every((c) => c === 'client_sort'))) continue;
      if (r.table === 'clients' && r.columns.every((c) => c === 'client_sort') && r.ids) {
        ids.push(...r.ids);
        continue;
      }
      return null;
    }
    if (r.table !== 'clients' || r.op !== 'update' || !r.columns.every((c) => c === 'name' || c === 'locality')) return null;
    ids.push(r.rowId);
  }
  return ids.length > 0 ? ids : null;
}

/**
 * Groups named by their client, after clients were renamed: the new names read by id, the list
 * put back in the order the groups query gives (by the names' sort key, none last, then id).
 */
export function relabelClients(lookup: CommitLookup, groups: GridGroup[], ids: string[]): GridGroup[] {
  const wanted = new Set(ids);
  const shown = groups.filter((g) => typeof g.key === 'string' && wanted.has(g.key));
  if (shown.length === 0) return groups;
  // Read by id at commit; the renamed groups leave their place and are put back by binary
  // search: a status's 50,000 client groups are not sorted again (sort keys per comparison).
  const shownIds = [...new Set(shown.map((g) => g.key as string))];
  const names = lookup.all<{ id: string; name: string | null; locality: string | null }>(`SELECT id, name, locality FROM clients WHERE id IN (${shownIds.map(() => '?').join(', ')})`, shownIds);
  const byId = new Map(names.map((n) => [n.id, n]));
  const next = groups.filter((g) => !(typeof g.key === 'string' && byId.has(g.key)));
  // A client listed twice (counted while its interventions took the new name) is put back once.
  const counts = new Map<string, number>();
  for (const g of shown) counts.set(g.key as string, (counts.get(g.key as string) ?? 0) + g.count);
  for (const g of shown) {
    const n = byId.get(g.key as string);
    const count = counts.get(g.key as string);
    if (!n || count === undefined) continue;
    counts.delete(g.key as string);
    const renamed = { ...g, count, label: n.name ?? '', detail: n.locality ?? '' };
    next.splice(upperBound(next, (x) => compareGroups('byClient', x, renamed) <= 0), 0, renamed);
  }
  return next;
}

/**
 * The interventions (ids) a notice moved that a snapshot of a view's order, built by SQL with
 * these words, must place again; null when the snapshot cannot follow the notice (another
 * table's rows it reads changed, an intervention removed for good, a change without ids).
 */
export function snapshotRows(notice: Committed, words: ReadonlySet<string>): string[] | null {
  const ids = new Set<string>();
  for (const row of notice.rows) {
    if (!canChange({ rows: [row], touched: [] }, words)) continue;
    // A client's name or phones reach an order that does not read clients through the search
    // index alone, whose changed rows the notice lists as interventions_fts (client-rekeys.ts).
    if (row.table === 'clients' && row.op === 'update' && !words.has('clients')) continue;
    // The client whose interventions took its name (client-rekeys.ts): they are listed beside it.
    if (row.table === 'clients' && !row.rowId) continue;
    // The index's rows are the interventions' (by rowid); the notice names them by id.
    if ((row.table !== 'interventions' && row.table !== 'interventions_fts') || row.op === 'delete') return null;
    if (row.rowId) ids.add(row.rowId);
    else if (row.ids) for (const id of row.ids) ids.add(id);
    else return null;
  }
  if (!canChange({ rows: [], touched: notice.touched }, words)) return [...ids];
  return null;
}
