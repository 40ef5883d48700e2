import { COLUMN_IDS, type GridRow, type GridValue } from '../../shared/grid/columns';
import type { GridGroup, GridRowsResult, GridView, GroupKey } from '../../shared/grid/query';
import type { Events } from '../../shared/api/contract';
import type { ReadContext } from '../core/context';
import { columnExpressions, groupExpressions, ROW_JOINS } from './columns-sql';
import { isIndexedSort, orderByFor, statusOrder } from './order';
import { Snapshots } from './snapshots';
import { buildWhere, LIVE, type Viewer } from './where';
import { UNREAD_COUNT_SQL, unreadCountParams } from '../thread/reads';
import { canChange, sqlWords } from './dependencies';
import { canFollow, followableRows, followCount, followGroups, relabelClients, renamedClients, type Followable, type GroupOrder } from './deltas';
import type { Committed } from '../core/events';


interface MemoEntry<T> {
  value: Promise<T>;
  words: ReadonlySet<string>;
  compute: () => Promise<T>;
  /** The answer once known (a write while it is still being computed drops the entry instead). */
  done?: { v: T };
  follow?: Followable;
}

/**
 * Answers that stay true until a write changes what their SQL reads: counts and group lists per
 * view. A write that does change one is followed by difference where it can (deltas.ts).
 */
class Memo<T> {
  private readonly entries = new Map<string, MemoEntry<T>>();
  constructor(private readonly max = 200) {}

  /** `sql`: the query the answer comes from; its words say which writes can change it (dependencies.ts). */
  get(key: string, sql: string, compute: () => Promise<T>, follow?: Followable): Promise<T> {
    const found = this.entries.get(key);
    if (found) return found.value;
    if (this.entries.size >= this.max) this.entries.clear();
    const entry: MemoEntry<T> = { value: compute(), words: sqlWords(sql), compute, ...(follow ? { follow } : {}) };
    this.settle(key, entry);
    this.entries.set(key, entry);
    return entry.value;
  }

  /**
   * A unit of work was committed: each answer it can change follows it by `step` when the answer
   * is known and can be followed, else is dropped. `step` answers null at once when it cannot
   * follow (drop), or a promise of null when it found out on the way (recompute).
   */
  update(notice: Committed, step: (f: Followable, value: T) => Promise<T | null> | null): void {
    for (const [key, e] of [...this.entries]) {
      if (!canChange(notice, e.words)) continue;
      const next = e.follow && e.done && canFollow(e.words) ? step(e.follow, e.done.v) : null;
      if (!next) {
        this.entries.delete(key);
        continue;
      }
      delete e.done;
      e.value = next.then((v) => (v === null ? e.compute() : v));
      this.settle(key, e);
    }
  }

  clear(matching?: (key: string, words: ReadonlySet<string>) => boolean): void {
    if (!matching) return this.entries.clear();
    for (const [key, e] of [...this.entries]) if (matching(key, e.words)) this.entries.delete(key);
  }

  private settle(key: string, e: MemoEntry<T>): void {
    const value = e.value;
    value.then(
      (v) => {
        if (e.value === value) e.done = { v };
      },
      // A failure is not remembered: the next ask tries again.
      () => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      },
    );
  }
}

/**
 * The server-side row model of the interventions window: counts, group headers and windows of
 * rows, all computed in SQLite on the read workers, never on the main thread. Results hold
 * until a write (any window, and later sync) changes a table and column their SQL reads.
 */
export class InterventionGrid {
  private readonly snapshots: Snapshots;
  private readonly counts = new Memo<number>();
  private readonly groupLists = new Memo<GridGroup[]>();

  constructor(private readonly s: ReadContext) {
    this.snapshots = new Snapshots(s.reads);
    // Each unit of work says what it wrote: only the answers whose SQL reads it are dropped; the
    // rows a page shows are always read live, so a changed note or name needs nothing at all.
    // Counts and group lists follow plain updates of interventions by difference (deltas.ts).
    s.events.onCommitted((notice) => {
      const rows = followableRows(notice);
      this.snapshots.follow(notice);
      // A client renamed: groups named by the client only read their new name.
      const renamed = renamedClients(notice);
      this.counts.update(notice, (f, n) => (rows ? followCount(s.reads, f, n, rows) : null));
      this.groupLists.update(notice, (f, groups) =>
        rows ? followGroups(s.reads, f, groups, rows) : renamed && f.namedBy === 'client' ? relabelClients(s.reads, groups, renamed) : null,
      );
    });
    s.events.subscribe((event, payload) => {
      // Read marks are kept outside units of work (thread/reads.ts): only the views filtered on
      // unread messages read them.
      if (event === 'data.changed' && (payload as Events['data.changed']).capability === 'thread') {
        this.invalidate((_key, words) => words.has('message_reads'));
      }
    });
  }

  /** Forgets the cached answers: all, or those matching (by key, or by the words of their SQL). */
  invalidate(matching?: (key: string, words: ReadonlySet<string>) => boolean): void {
    this.snapshots.invalidate(matching);
    this.counts.clear(matching);
    this.groupLists.clear(matching);
  }

  count(view: GridView, path: readonly GroupKey[], viewer: Viewer): Promise<number> {
    const where = buildWhere(view, path, viewer, this.s.now());
    // Counting every live row, the planner scans the table (190 ms on 1M rows) although the
    // smallest partial index holds exactly the live rows (19 ms): name it.
    const from = where.sql === LIVE ? 'interventions i INDEXED BY interventions_priority' : 'interventions i';
    const sql = `SELECT count(*) AS n FROM ${from} WHERE ${where.sql}`;
    return this.counts.get(
      JSON.stringify(where),
      sql,
      async () => {
        const row = await this.s.reads.get<{ n: number }>(sql, where.params);
        return row?.n ?? 0;
      },
      { where },
    );
  }

  /** The groups at the level below `path`, with their counts, in the order people expect. */
  groups(view: GridView, path: readonly GroupKey[], viewer: Viewer): Promise<GridGroup[]> {
    const level = path.length;
    const id = view.groupBy[level];
    if (!id) return Promise.resolve([]);
    const g = groupExpressions(viewer.language, view.tzOffsetMinutes)[id];
    const where = buildWhere(view, path, viewer, this.s.now());
    let sql: string;
    // The groups query, or with `alone` one group of it (its key a parameter after the WHERE's).
    const plain = (alone: boolean) => `SELECT g.k AS k, ${g.label} AS label, ${g.detail ?? 'NULL'} AS detail, g.n AS n
             FROM (SELECT ${g.key} AS k, count(*) AS n FROM interventions i WHERE ${where.sql}${alone ? ` AND ${g.key} IS ?` : ''} GROUP BY 1) g ${g.labelJoin ?? ''}`;
    // Client groups come in their clients' sort key order (client-sort.ts), grouped by key then
    // id so the status-then-client index gives them already in order.
    const byClient = (alone: boolean) => `SELECT g.k AS k, c.name AS label, c.locality AS detail, g.n AS n, g.s AS s
             FROM (SELECT i.client_id AS k, i.client_sort AS s, count(*) AS n FROM interventions i
                   WHERE ${where.sql}${alone ? ' AND i.client_id IS ?' : ''} GROUP BY i.client_sort, i.client_id) g
             LEFT JOIN clients c ON c.id = g.k`;
    if (id === 'client') {
      sql = byClient(false);
    } else if (g.viaClient) {
      sql = `SELECT c.${g.viaClient} AS k, c.${g.viaClient} AS label, NULL AS detail, sum(g.n) AS n
             FROM (SELECT i.client_id AS cid, count(*) AS n FROM interventions i WHERE ${where.sql} GROUP BY i.client_id) g
             JOIN clients c ON c.id = g.cid GROUP BY c.${g.viaClient}`;
    } else {
      sql = plain(false);
    }
    const kind: GroupOrder =
      id === 'status' ? 'status' : id === 'client' ? 'byClient' : id === 'priority' ? 'desc' : id.endsWith('Day') || id === 'docMonth' ? 'latestFirst' : 'byLabel';
    // Mirrored by compareGroups (deltas.ts), which places a group a write brings.
    const order = {
      status: statusOrder('k'),
      byClient: 's IS NULL, s, k',
      desc: 'k DESC',
      latestFirst: 'k IS NULL, k DESC',
      byLabel: 'label IS NULL, fold(label), k',
    }[kind];
    const toGroup = (r: { k: GroupKey; label: string | number | null; detail: string | null; n: number }): GridGroup => ({
      key: r.k,
      label: r.label === null ? '' : String(r.label),
      detail: r.detail ?? '',
      count: r.n,
    });
    const query = `SELECT k, label, detail, n FROM (${sql}) ORDER BY ${order}`;
    return this.groupLists.get(
      JSON.stringify([query, where.params]),
      query,
      async () => {
        // As arrays: a status's 50,000 client groups cross from the worker in half the time of objects.
        const rows = (await this.s.reads.rows(query, where.params)) as [GroupKey, string | number | null, string | null, number][];
        return rows.map(([k, label, detail, n]) => toGroup({ k, label, detail, n }));
      },
      // Groups named through the client (its commercial zone) are recounted, not followed.
      g.viaClient
        ? undefined
        : {
            where,
            groupKey: g.key,
            order: kind,
            one: async (k) => {
              const one = id === 'client' ? byClient(true) : plain(true);
              const r = await this.s.reads.get<{ k: GroupKey; label: string | number | null; detail: string | null; n: number }>(one, [...where.params, k]);
              return r ? toGroup(r) : null;
            },
            ...(id === 'client' ? { namedBy: 'client' as const } : {}),
          },
    );
  }

  /**
   * A window of rows, read from a snapshot of the view's order (see snapshots.ts).
   */
  async rows(view: GridView, path: readonly GroupKey[], position: number, limit: number, viewer: Viewer): Promise<GridRowsResult> {
    const where = buildWhere(view, path, viewer, this.s.now());
    const cols = columnExpressions(viewer.language);
    // The viewer's unread count rides with each row (its parameters come before the WHERE's).
    const select = `i.id, i.version, ${COLUMN_IDS.map((c) => `${cols[c]} AS "${c}"`).join(', ')}, ${UNREAD_COUNT_SQL} AS unread`;
    const selectParams = unreadCountParams(viewer);
    const indexed = isIndexedSort(view);
    // Within a path every group key is fixed: only the sort orders the rows.
    const orderBy = orderByFor(view, viewer, false);
    const key = JSON.stringify([where.sql, where.params, orderBy]);
    const spec = { where, orderBy, joins: indexed ? '' : ROW_JOINS };

    // Until the snapshot is ready, an index-ordered view is read straight from its index, so a
    // new view, or a jump far into one, shows at once while the snapshot is built for the pages
    // that follow: the first page by the index, a deep one by OFFSET over the covering index
    // (measured 16-50 ms at 500,000 of 1M, against ~900 ms to build a snapshot first). Not once
    // the snapshot is ready: with a filter the index order does not serve, those reads scan
    // (74 ms for a first page, against 3 ms from the snapshot).
    // Likewise the first page of an unfiltered view while a write is being placed in its
    // snapshot: the index answers it at once (a client renamed: ~20 rows to place first).
    const fromIndex = !this.snapshots.isReady(key) || (position === 0 && where.sql === LIVE && this.snapshots.isPlacing(key));
    if (indexed && fromIndex) {
      const [raw, total] = await Promise.all([
        position === 0
          ? this.s.reads.rows(`SELECT ${select} FROM interventions i ${ROW_JOINS} WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ?`, [...selectParams, ...where.params, limit])
          : this.s.reads.rows(
              `SELECT ${select} FROM (SELECT i.rowid AS r FROM interventions i WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?) v
               JOIN interventions i ON i.rowid = v.r ${ROW_JOINS} ORDER BY ${orderBy}`,
              [...selectParams, ...where.params, limit, position],
            ),
        this.count(view, path, viewer),
      ]);
      if (!this.snapshots.has(key)) void this.snapshots.prepare(key, spec).catch(() => 0);
      return { rows: raw.map(toRow), position, total };
    }

    const page = await this.snapshots.page(key, spec, position, limit, { sql: select, params: selectParams, joins: ROW_JOINS });
    return { rows: page.rows.map(toRow), position, total: page.total };
  }
}

function toRow(values: unknown[]): GridRow {
  const row: Record<string, GridValue> = { id: values[0] as string, version: values[1] as number };
  COLUMN_IDS.forEach((c, i) => {
    row[c] = values[i + 2] as GridValue;
  });
  row.unread = Number(values[COLUMN_IDS.length + 2] ?? 0);
  return row as GridRow;
}
