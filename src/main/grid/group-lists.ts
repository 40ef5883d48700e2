import type { GridGroup, GridGroupSize, GridGroupWindow, GridView, GroupKey } from '../../shared/grid/query';
import type { ReadContext } from '../core/context';
import type { Committed } from '../core/events';
import type { Param } from '../db/read-pool';
import { groupExpressions } from './columns-sql';
import { followedBy, followGroups, relabelClients, renamedClients, type CommitLookup, type Followable, type Followed, type GroupOrder } from './deltas';
import { Memo } from './memo';
import { statusOrder } from './order';
import { buildWhere, type Viewer } from './where';

type GroupRow = [GroupKey, string | number | null, string | null, number];

const toGroup = ([k, label, detail, n]: GroupRow): GridGroup => ({
  key: k,
  label: label === null ? '' : String(label),
  detail: detail ?? '',
  count: n,
});

/** One level of groups of a view: its query and how a write is followed. */
interface Level {
  /** Identity of the list (its SQL and parameters). */
  key: string;
  query: string;
  params: Param[];
  follow: Followable | undefined;
  /**
   * A window of the level read alone, its LIMIT and OFFSET the last parameters: only for client
   * groups (a status can hold tens of thousands), read in order straight from the index.
   */
  windowQuery: string | null;
}

/**
 * The group headers of the grid: each level's list with its counts, in the order people expect,
 * kept by view and followed by difference after a write (deltas.ts).
 *
 * The grid shows a level a window at a time: a status's 50,000 client groups take ~600 ms to
 * list on 1M interventions, its first 200 ~4 ms straight from the status-then-client index. So
 * a window asked before the whole list is known is read alone (LIMIT/OFFSET) while the list is
 * built beside it, and windows after that are slices of the list.
 */
export class GroupLists {
  private readonly lists = new Memo<GridGroup[]>();
  /** Windows read alone, until their list is known; a write that touches them drops them. */
  private readonly windows = new Memo<GridGroup[]>(400);

  constructor(
    private readonly s: ReadContext,
    private readonly lookup: CommitLookup,
  ) {}

  /** A unit of work was committed: lists follow it by difference where they can, else are dropped. */
  update(notice: Committed, rows: Followed | null): void {
    // A client renamed: groups named by the client only read their new name.
    const renamed = renamedClients(notice);
    this.lists.update(notice, (f, groups, words) => {
      const followed = followedBy(rows, words);
      if (followed) return followGroups(this.s.reads, this.lookup, f, groups, followed);
      return renamed && f.namedBy === 'client' ? relabelClients(this.lookup, groups, renamed) : null;
    });
    this.windows.update(notice, () => null);
  }

  clear(matching?: (key: string, words: ReadonlySet<string>) => boolean): void {
    this.lists.clear(matching);
    this.windows.clear(matching);
  }

  /** The whole level below `path`. */
  list(view: GridView, path: readonly GroupKey[], viewer: Viewer): Promise<GridGroup[]> {
    const level = this.level(view, path, viewer);
    return level ? this.listOf(level) : Promise.resolve([]);
  }

  /** `limit` groups of the level below `path` from `offset`; with the level's size when known. */
  async window(view: GridView, path: readonly GroupKey[], offset: number, limit: number, viewer: Viewer): Promise<GridGroupWindow> {
    const level = this.level(view, path, viewer);
    if (!level) return { groups: [], size: { groups: 0, rows: 0 } };
    const known = this.lists.peek(level.key);
    if (known) return { groups: known.slice(offset, offset + limit), size: sizeOf(known) };
    // A level of a few groups is listed as fast as a window of it: wait for the list.
    const windowQuery = level.windowQuery;
    if (!windowQuery) {
      const list = await this.listOf(level);
      return { groups: list.slice(offset, offset + limit), size: sizeOf(list) };
    }
    // The window is asked first, so it goes to a free worker and the long list to another.
    const window = this.windows.get(JSON.stringify([level.key, offset, limit]), windowQuery, async () =>
      ((await this.s.reads.rows(windowQuery, [...level.params, limit, offset])) as GroupRow[]).map(toGroup),
    );
    this.listOf(level).catch(() => undefined);
    const groups = await window;
    // A short first window is the whole level.
    return { groups, size: offset === 0 && groups.length < limit ? sizeOf(groups) : null };
  }

  /** How many groups the level below `path` has, and rows under them. */
  async size(view: GridView, path: readonly GroupKey[], viewer: Viewer): Promise<GridGroupSize> {
    return sizeOf(await this.list(view, path, viewer));
  }

  private listOf(level: Level): Promise<GridGroup[]> {
    return this.lists.get(
      level.key,
      level.query,
      // As arrays: a status's 50,000 client groups cross from the worker in half the time of objects.
      async () => ((await this.s.reads.longRows(level.query, level.params)) as GroupRow[]).map(toGroup),
      level.follow,
    );
  }

  private level(view: GridView, path: readonly GroupKey[], viewer: Viewer): Level | null {
    const id = view.groupBy[path.length];
    if (!id) return null;
    const g = groupExpressions(viewer.language, view.tzOffsetMinutes)[id];
    const where = buildWhere(view, path, viewer, this.s.now());
    let sql: string;
    // The groups query, or with `alone` one group of it (its key a parameter after the WHERE's).
    const plain = (alone: boolean) => `SELECT g.k AS k, ${g.label} AS label, ${g.detail ?? 'NULL'} AS detail, g.n AS n
             FROM (SELECT ${g.key} AS k, count(*) AS n FROM interventions i WHERE ${where.sql}${alone ? ` AND ${g.key} IS ?` : ''} GROUP BY 1) g ${g.labelJoin ?? ''}`;
    // Client groups come in their clients' sort key order (client-sort.ts), no client first as in
    // the client sort, grouped by key then id so the status-then-client index gives them in
    // order: a window of them is read without grouping the rest.
    const byClient = (alone: boolean, window = false) => `SELECT g.k AS k, c.name AS label, c.locality AS detail, g.n AS n, g.s AS s
             FROM (SELECT i.client_id AS k, i.client_sort AS s, count(*) AS n FROM interventions i
                   WHERE ${where.sql}${alone ? ' AND i.client_id IS ?' : ''} GROUP BY i.client_sort, i.client_id
                   ${window ? 'ORDER BY i.client_sort, i.client_id LIMIT ? OFFSET ?' : ''}) g
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
      byClient: 's, k',
      desc: 'k DESC',
      latestFirst: 'k IS NULL, k DESC',
      byLabel: 'label IS NULL, fold(label), k',
    }[kind];
    const query = `SELECT k, label, detail, n FROM (${sql}) ORDER BY ${order}`;
    return {
      key: JSON.stringify([query, where.params]),
      query,
      params: where.params,
      windowQuery: id === 'client' ? `SELECT k, label, detail, n FROM (${byClient(false, true)}) ORDER BY ${order}` : null,
      // Groups named through the client (its commercial zone) are recounted, not followed.
      follow: g.viaClient
        ? undefined
        : {
            where,
            groupKey: g.key,
            order: kind,
            one: async (k) => {
              const r = await this.s.reads.rows(id === 'client' ? byClient(true) : plain(true), [...where.params, k]);
              return r[0] ? toGroup(r[0] as GroupRow) : null;
            },
            // A client's group at commit: by the index on client_id, its interventions alone (1,159
            // at most at 1M). Not a status or a priority: a group of those can hold 300,000 rows.
            ...(id === 'client'
              ? {
                  oneAt: (lookup: CommitLookup, k: GroupKey) => {
                    const r = lookup.rows(byClient(true), [...where.params, k]);
                    return r[0] ? toGroup(r[0] as GroupRow) : null;
                  },
                }
              : {}),
            ...(id === 'client' ? { namedBy: 'client' as const } : {}),
          },
    };
  }
}

function sizeOf(groups: readonly GridGroup[]): GridGroupSize {
  let rows = 0;
  for (const g of groups) rows += g.count;
  return { groups: groups.length, rows };
}
