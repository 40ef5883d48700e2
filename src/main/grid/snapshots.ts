import type { Committed } from '../core/events';
import type { Param, ReadPool } from '../db/read-pool';
import { canChange, sqlWords } from './dependencies';
import { Overlay, type Added } from './overlay';
import { snapshotRows } from './deltas';

/** How a view's order is computed: what a snapshot is built from and patched by. */
export interface SnapshotSpec {
  /** The view's WHERE over interventions `i` (no joins), and its parameters. */
  where: { sql: string; params: Param[] };
  /** The view's ORDER BY, total (rowid last), and the joins it reads. */
  orderBy: string;
  joins: string;
}

/** The columns of a page: a select list over `i` and the row joins, its parameters first. */
export interface PageSelect {
  sql: string;
  params: Param[];
  joins: string;
}

interface Snapshot {
  /** The words of the SQL it was built by: which writes can change it (dependencies.ts). */
  words: ReadonlySet<string>;
  spec: SnapshotSpec;
  slot: number;
  table: string;
  /** Resolves to the number of rows in the view once built and once every change so far is placed. */
  ready: Promise<number>;
  /** Set once built: the changes placed since. */
  overlay?: Overlay;
  dropped: boolean;
  /** Writes waiting to be placed. */
  placing: number;
  /** The interventions those writes moved, placed together by the next turn (see follow). */
  moved: Set<string>;
  lastUsed: number;
}

/** Past this many moved rows a snapshot is rebuilt rather than patched further. */
const MAX_OVERLAY = 1000;

/**
 * The order of a view, materialised once in a read worker: a temp table of the rows' rowids in
 * view order, numbered 1..n by its own rowid (and indexed by row, to find where a changed row
 * was). Any window of the view is then a keyset read (`v.rowid > position ORDER BY v.rowid
 * LIMIT n`) joined to the live rows, whatever the sort: no large OFFSET, and sorts without an
 * index cost one pass per view instead of one per page. Measured on 1M interventions: built in
 * ~90 ms by an indexed sort, ~3 s by a client's name; a page from it in ~0.5 ms.
 *
 * A write that moves rows in, out or within the view is placed beside the snapshot (overlay.ts)
 * instead of rebuilding it: each changed row's old position is taken out, and if the row is in
 * the view now, a binary search over the snapshot (the view's own ORDER BY comparing two rows)
 * finds where it goes. Writes the overlay cannot follow (another table's rows in the order, a
 * row removed for good) drop the snapshot; a write while it is still being built is placed once
 * the build is done.
 */
/** Temp table names are unique per process: grids that share a read pool never share a table. */
let seq = 0;

export class Snapshots {
  private readonly entries = new Map<string, Snapshot>();

  constructor(
    private readonly pool: ReadPool,
    // The views open across the host's windows; at most ~25 MB each (1M rows with the row index).
    private readonly maxEntries = 16,
  ) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Built: a page from it costs a keyset read (after the writes being placed, a few ms). */
  isReady(key: string): boolean {
    const s = this.entries.get(key);
    return s !== undefined && s.overlay !== undefined && !s.dropped;
  }

  /** Writes are being placed in it: a page waits for them. */
  isPlacing(key: string): boolean {
    return (this.entries.get(key)?.placing ?? 0) > 0;
  }

  /** The view's order, built if needed: a promise of its row count. */
  prepare(key: string, spec: SnapshotSpec): Promise<number> {
    return this.get(key, spec).ready;
  }

  /** A window of the view: rows as arrays of the select's columns, and the view's total. */
  async page(key: string, spec: SnapshotSpec, position: number, limit: number, select: PageSelect): Promise<{ rows: unknown[][]; total: number }> {
    // A snapshot dropped while this page waited for it (a write it could not follow) holds the
    // order from before that write: never read. It is built anew; under writes so frequent that
    // each new one is dropped too, the page is read straight from the tables instead.
    for (let attempt = 0; ; attempt++) {
      const snap = this.get(key, spec);
      const total = await snap.ready;
      if (snap.dropped) {
        if (attempt < 2) continue;
        return this.direct(spec, position, limit, select);
      }
      const overlay = snap.overlay;
      if (!overlay || overlay.size === 0) {
        const rows = await this.pool.rows(
          `SELECT ${select.sql} FROM temp.${snap.table} v JOIN interventions i ON i.rowid = v.r ${select.joins} WHERE v.rowid > ? ORDER BY v.rowid LIMIT ?`,
          [...select.params, position, limit],
          snap.slot,
        );
        return { rows, total };
      }
      return { rows: await this.merged(snap, overlay, position, limit, select), total };
    }
  }

  /** A window and the total read without a snapshot: one sort per call, always current. */
  private async direct(spec: SnapshotSpec, position: number, limit: number, select: PageSelect): Promise<{ rows: unknown[][]; total: number }> {
    const { where, orderBy, joins } = spec;
    const [rows, count] = await Promise.all([
      this.pool.rows(
        `SELECT ${select.sql} FROM (SELECT i.rowid AS r FROM interventions i ${joins} WHERE ${where.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?) v
         JOIN interventions i ON i.rowid = v.r ${select.joins} ORDER BY ${orderBy}`,
        [...select.params, ...where.params, limit, position],
      ),
      this.pool.get<{ n: number }>(`SELECT count(*) AS n FROM interventions i WHERE ${where.sql}`, where.params),
    ]);
    return { rows, total: count?.n ?? 0 };
  }

  /** A window through the overlay: the snapshot's positions in one range read, the added rows by id. */
  private async merged(snap: Snapshot, overlay: Overlay, position: number, limit: number, select: PageSelect): Promise<unknown[][]> {
    const items = overlay.window(position, limit);
    const positions = items.flatMap((x) => ('pos' in x ? [x.pos] : []));
    const added = items.flatMap((x) => ('r' in x ? [x.r] : []));
    const [fromSnapshot, fromAdded] = await Promise.all([
      positions.length === 0
        ? []
        : this.pool.rows(
            `SELECT v.rowid, ${select.sql} FROM temp.${snap.table} v JOIN interventions i ON i.rowid = v.r ${select.joins} WHERE v.rowid BETWEEN ? AND ?`,
            [...select.params, positions[0]!, positions[positions.length - 1]!],
            snap.slot,
          ),
      added.length === 0
        ? []
        : this.pool.rows(`SELECT i.rowid, ${select.sql} FROM interventions i ${select.joins} WHERE i.rowid IN (${added.map(() => '?').join(', ')})`, [
            ...select.params,
            ...added,
          ]),
    ]);
    const byPos = new Map(fromSnapshot.map((r) => [r[0] as number, r.slice(1)]));
    const byRow = new Map(fromAdded.map((r) => [r[0] as number, r.slice(1)]));
    return items.flatMap((x) => {
      const row = 'pos' in x ? byPos.get(x.pos) : byRow.get(x.r);
      return row ? [row] : [];
    });
  }

  /**
   * A unit of work was committed: snapshots it cannot change are kept, those it changes by
   * moving interventions are patched, the others dropped (rebuilt when next asked).
   */
  follow(notice: Committed): void {
    for (const [key, s] of [...this.entries]) {
      if (!canChange(notice, s.words)) continue;
      const ids = snapshotRows(notice, s.words);
      if (!ids || s.moved.size + ids.length > MAX_OVERLAY) {
        this.forget(key, s);
        continue;
      }
      // The binary search that places a row compares it with rows at their places in the
      // snapshot, read as they are now: a row that a later write moved, still at its old place,
      // could send it the wrong way. So a turn places every row moved so far, each taken out
      // first; and when another write commits while a turn places (its reads are on a worker,
      // the writes on the main thread), the turn's rows are placed again with that write's.
      // (A client's rename followed in turns right after it, client-rekeys.ts, left its first
      // rows under the old name this way.)
      for (const id of ids) s.moved.add(id);
      // Placed once the snapshot is built, also when it is still being built: whether its build
      // saw this write is unknown, but placing takes each changed row out of wherever the build
      // put it and puts it where it goes now, which is right either way. (Dropping it instead
      // left a view under 20 writes a second without a snapshot for good: each ~1 s build was
      // overtaken by a write and begun again, and both read workers were kept busy by builds.)
      s.placing++;
      s.ready = s.ready.then(
        async (n) => {
          try {
            if (s.dropped) return n;
            const batch = [...s.moved];
            s.moved.clear();
            // Placed by an earlier turn, with its own rows.
            if (batch.length === 0) return n;
            const total = await this.patch(s, batch);
            if (total !== null) {
              if (s.moved.size > 0) for (const id of batch) s.moved.add(id);
              return total;
            }
          } catch {
            // Placing failed (the worker is closing, a query refused): rebuilt when next asked.
          } finally {
            s.placing--;
          }
          this.forget(key, s);
          return n;
        },
        () => {
          // The build failed: forgotten, so a page waiting for it asks for a new one.
          s.placing--;
          this.forget(key, s);
          return 0;
        },
      );
    }
  }

  /** Places the changed rows; null when the snapshot should be rebuilt instead. */
  private async patch(s: Snapshot, ids: string[]): Promise<number | null> {
    const overlay = s.overlay!;
    const { where, orderBy, joins } = s.spec;
    const found = await this.pool.all<{ r: number; pos: number | null }>(
      `SELECT i.rowid AS r, v.rowid AS pos FROM interventions i LEFT JOIN temp.${s.table} v ON v.r = i.rowid WHERE i.id IN (${ids.map(() => '?').join(', ')})`,
      ids,
      s.slot,
    );
    if (found.length === 0) return overlay.total;
    // Every changed row leaves its old place first, so the search below compares only rows
    // whose place in the snapshot still holds.
    for (const f of found) overlay.remove(f.r, f.pos ?? undefined);
    const rowids = found.map((f) => f.r);
    const marksOf = (list: readonly unknown[]) => list.map(() => '?').join(', ');
    // The rows in the view now, in its order: each is then placed from where the last one went.
    const inView = await this.pool.all<{ r: number }>(
      `SELECT i.rowid AS r FROM interventions i ${joins} WHERE i.rowid IN (${marksOf(rowids)}) AND ${where.sql} ORDER BY ${orderBy}`,
      [...rowids, ...where.params],
      s.slot,
    );
    if (overlay.size + inView.length > MAX_OVERLAY) return null;
    const anchors = new Map(overlay.added.map((a) => [a.r, a.anchor]));
    const first = `SELECT i.rowid FROM interventions i ${joins} WHERE i.rowid IN ((SELECT r FROM temp.${s.table} WHERE rowid = ?), ?) ORDER BY ${orderBy} LIMIT 1`;
    const placed = inView.length === 0 ? [] : await this.pool.bisect(first, inView.map((x) => x.r), overlay.n, overlay.removed, s.slot);
    inView.forEach(({ r }, i) => anchors.set(r, placed[i]!));
    const all = [...anchors.keys()];
    const ordered =
      all.length === 0
        ? []
        : await this.pool.all<{ r: number }>(`SELECT i.rowid AS r FROM interventions i ${joins} WHERE i.rowid IN (${marksOf(all)}) ORDER BY ${orderBy}`, all, s.slot);
    const added: Added[] = ordered.map((o) => ({ r: o.r, anchor: anchors.get(o.r)! }));
    return added.length === all.length && overlay.setAdded(added) ? overlay.total : null;
  }

  private get(key: string, spec: SnapshotSpec): Snapshot {
    const found = this.entries.get(key);
    if (found) {
      found.lastUsed = performance.now();
      return found;
    }
    const slot = this.pool.leastBusy();
    const table = `snap_${++seq}`;
    const ordered = `SELECT i.rowid FROM interventions i ${spec.joins} WHERE ${spec.where.sql} ORDER BY ${spec.orderBy}`;
    const snapshot: Snapshot = { words: sqlWords(ordered), spec, slot, table, ready: Promise.resolve(0), dropped: false, placing: 0, moved: new Set(), lastUsed: performance.now() };
    snapshot.ready = (async () => {
      await this.pool.exec(`CREATE TEMP TABLE ${table} (r INTEGER NOT NULL)`, slot);
      const n = await this.pool.change(`INSERT INTO temp.${table} (r) ${ordered}`, spec.where.params, slot, true);
      // Dropped while its rows were read (a write it could not follow, the view closed): the
      // index would keep a worker busy for nothing.
      if (snapshot.dropped) return n;
      // Where a changed row was: one lookup instead of a scan. Building it is long too (0.3-0.9 s
      // on 1M rows, measured under writes): said so, or short reads queue behind it.
      await this.pool.exec(`CREATE INDEX temp.${table}_r ON ${table} (r)`, slot, true);
      if (!snapshot.dropped) snapshot.overlay = new Overlay(n);
      return n;
    })();
    // A failed build is forgotten, so the next request tries again.
    snapshot.ready.catch(() => this.forget(key, snapshot));
    this.entries.set(key, snapshot);
    this.evict();
    return snapshot;
  }

  /** A write may have changed these orders (all, or those matching). Tables are dropped once their build ends. */
  invalidate(matching?: (key: string, words: ReadonlySet<string>) => boolean): void {
    for (const [key, s] of [...this.entries]) {
      if (matching && !matching(key, s.words)) continue;
      this.forget(key, s);
    }
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      let oldestKey: string | null = null;
      let oldest = Infinity;
      for (const [k, s] of this.entries) {
        if (s.lastUsed < oldest) {
          oldest = s.lastUsed;
          oldestKey = k;
        }
      }
      const s = oldestKey === null ? undefined : this.entries.get(oldestKey);
      if (!s || oldestKey === null) return;
      this.forget(oldestKey, s);
    }
  }

  private forget(key: string, s: Snapshot): void {
    if (this.entries.get(key) === s) this.entries.delete(key);
    if (s.dropped) return;
    s.dropped = true;
    void s.ready
      .catch(() => 0)
      .then(() => this.pool.exec(`DROP TABLE IF EXISTS temp.${s.table}`, s.slot))
      .catch(() => undefined);
  }
}
