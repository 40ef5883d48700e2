import { COLUMN_IDS, type GridRow, type GridValue } from '../../shared/grid/columns';
import type { GridGroup, GridGroupSize, GridGroupWindow, GridRowsResult, GridView, GroupKey } from '../../shared/grid/query';
import type { Events } from '../../shared/api/contract';
import type { ReadContext } from '../core/context';
import { columnExpressions, ROW_JOINS } from './columns-sql';
import { isIndexedSort, orderByFor } from './order';
import { Snapshots } from './snapshots';
import { buildWhere, LIVE, type Viewer } from './where';
import { UNREAD_COUNT_SQL, unreadCountParams } from '../thread/reads';
import { commitLookup, followableRows, followCount, followedBy } from './deltas';
import { GroupLists } from './group-lists';
import { Memo } from './memo';


/**
 * The server-side row model of the interventions window: counts, group headers and windows of
 * rows, all computed in SQLite on the read workers, never on the main thread. Results hold
 * until a write (any window, and later sync) changes a table and column their SQL reads.
 */
export class InterventionGrid {
  private readonly snapshots: Snapshots;
  private readonly counts = new Memo<number>();
  private readonly groupLists: GroupLists;

  constructor(private readonly s: ReadContext) {
    this.snapshots = new Snapshots(s.reads);
    // Counts and group lists of plain views follow a write with point reads on the main
    // connection at commit (deltas.ts); everything else stays on the read workers.
    const lookup = commitLookup(s.raw);
    this.groupLists = new GroupLists(s, lookup);
    // Each unit of work says what it wrote: only the answers whose SQL reads it are dropped; the
    // rows a page shows are always read live, so a changed note or name needs nothing at all.
    // Counts and group lists follow plain updates of interventions by difference (deltas.ts).
    s.events.onCommitted((notice) => {
      if (notice.reset) return this.invalidate();
      const rows = followableRows(notice);
      this.snapshots.follow(notice);
      this.counts.update(notice, (f, n, words) => {
        const followed = followedBy(rows, words);
        return followed ? followCount(s.reads, lookup, f, n, followed) : null;
      });
      this.groupLists.update(notice, rows);
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
    return this.groupLists.list(view, path, viewer);
  }

  /** A window of the groups below `path` (group-lists.ts). */
  groupWindow(view: GridView, path: readonly GroupKey[], offset: number, limit: number, viewer: Viewer): Promise<GridGroupWindow> {
    return this.groupLists.window(view, path, offset, limit, viewer);
  }

  groupSize(view: GridView, path: readonly GroupKey[], viewer: Viewer): Promise<GridGroupSize> {
    return this.groupLists.size(view, path, viewer);
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
