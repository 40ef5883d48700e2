import type { Param, ReadPool } from '../db/read-pool';
import { sqlWords } from './dependencies';

interface Snapshot {
  /** The words of the SQL it was built by: which writes can change it (dependencies.ts). */
  words: ReadonlySet<string>;
  slot: number;
  table: string;
  /** Resolves to the number of rows once the snapshot is built. */
  ready: Promise<number>;
  lastUsed: number;
}

/**
 * The order of a view, materialised once in a read worker: a temp table of the rows' rowids in
 * view order, numbered 1..n by its own rowid. Any window of the view is then a keyset read
 * (`v.rowid > position ORDER BY v.rowid LIMIT n`) joined to the live rows, whatever the sort:
 * no large OFFSET, and sorts without an index cost one pass per view instead of one per page.
 * Measured on 1M interventions: built in ~90 ms by an indexed sort, ~3 s by a client's name;
 * a page from it in ~0.5 ms. A write drops the snapshots whose SQL reads what it changed.
 */
/** Temp table names are unique per process: grids that share a read pool never share a table. */
let seq = 0;

export class Snapshots {
  private readonly entries = new Map<string, Snapshot>();

  constructor(
    private readonly pool: ReadPool,
    private readonly maxEntries = 8,
  ) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string, orderedRowidsSql: string, params: Param[]): Snapshot {
    const found = this.entries.get(key);
    if (found) {
      found.lastUsed = performance.now();
      return found;
    }
    const slot = this.pool.leastBusy();
    const table = `snap_${++seq}`;
    const ready = (async () => {
      await this.pool.exec(`CREATE TEMP TABLE ${table} (r INTEGER NOT NULL)`, slot);
      return this.pool.change(`INSERT INTO temp.${table} (r) ${orderedRowidsSql}`, params, slot);
    })();
    const snapshot: Snapshot = { words: sqlWords(orderedRowidsSql), slot, table, ready, lastUsed: performance.now() };
    // A failed build is forgotten, so the next request tries again.
    ready.catch(() => {
      if (this.entries.get(key) === snapshot) this.entries.delete(key);
      this.drop(snapshot);
    });
    this.entries.set(key, snapshot);
    this.evict();
    return snapshot;
  }

  /** A write may have changed these orders (all, or those matching). Tables are dropped once their build ends. */
  invalidate(matching?: (key: string, words: ReadonlySet<string>) => boolean): void {
    for (const [key, s] of [...this.entries]) {
      if (matching && !matching(key, s.words)) continue;
      this.drop(s);
      this.entries.delete(key);
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
      if (oldestKey === null) return;
      const s = this.entries.get(oldestKey);
      this.entries.delete(oldestKey);
      if (s) this.drop(s);
    }
  }

  private drop(s: Snapshot): void {
    void s.ready
      .catch(() => 0)
      .then(() => this.pool.exec(`DROP TABLE IF EXISTS temp.${s.table}`, s.slot))
      .catch(() => undefined);
  }
}
