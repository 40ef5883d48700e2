import type { ServiceContext } from '../core/context';
import { SYSTEM } from '../core/context';
import type { BackgroundService } from '../core/lifecycle';
import { derivedChange, unitOfWork } from '../core/unit';
import type { ClientSortKeys } from './client-sort';
import type { SearchIndex } from './search-index';

/*
 * A client renamed, or its phones changed: each of its interventions carries the name in local
 * derived data (the quick-search index and the client sort key), so each must be written again.
 * Done whole in the rename's transaction, the largest client of the 1M-row benchmark database
 * (1,159 interventions) held the host's thread 112 ms (52 ms the index, 60 ms the sort keys), and
 * every window's answers waited behind it (the target is 50 ms at most).
 *
 * So the rename's own transaction takes the client's first interventions (a client has 20 on
 * average: all of them), and the rest follow in turns of the same size after the commit, each
 * its own transaction, the host free between them. Where the client stands is kept in
 * client_rekeys, so a stop midway is finished at the next start. Until its turn, an intervention
 * is found by the old name and sorted under it (the largest client's 24 turns took 144-289 ms in
 * all at 1M). A second rename starts the client over from its first intervention.
 *
 * Each turn says which interventions it changed (derivedChange): the grid's caches follow them
 * (a view sorted by client, a search's results: `interventions_fts` is the index's column that a
 * search's SQL names).
 */

/**
 * Interventions that take a client's name per turn: 5-10 ms of the host's thread at 1M rows (100
 * took 10-20 ms, up to 38 when the index merged its segments on the way).
 */
const CHUNK = 50;

export class ClientRekeys implements BackgroundService {
  readonly name = 'client re-keys';
  private readonly rowsFrom;
  private readonly saveAt;
  private readonly done;
  private readonly next;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly s: ServiceContext,
    private readonly search: SearchIndex,
    private readonly sort: ClientSortKeys,
    private readonly chunk = CHUNK,
  ) {
    // By the partial index on client_id (live rows), in rowid order within the client.
    this.rowsFrom = s.raw.prepare('SELECT rowid FROM interventions WHERE client_id = ? AND deleted_at IS NULL AND rowid > ? ORDER BY rowid LIMIT ?').pluck();
    this.saveAt = s.raw.prepare('INSERT INTO client_rekeys (client_id, after_rowid) VALUES (?, ?) ON CONFLICT (client_id) DO UPDATE SET after_rowid = excluded.after_rowid');
    this.done = s.raw.prepare('DELETE FROM client_rekeys WHERE client_id = ?');
    this.next = s.raw.prepare('SELECT client_id AS clientId, after_rowid AS after FROM client_rekeys LIMIT 1');
  }

  /**
   * A client's name or phones were written: call inside the write's transaction. Both the index
   * and the sort key are written (a key already right is not: its UPDATE changes no row). From
   * the first intervention again, whatever an earlier rename had left to do: they are written
   * from the client as it is now.
   */
  client(clientId: string): void {
    if (this.turn(clientId, 0)) this.schedule();
  }

  start(): void {
    // What a stop left midway (the table is empty otherwise: one read).
    if (this.next.get()) this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.settle();
  }

  /** Resolves once nothing is left to do (tests, benchmarks). */
  idle(): Promise<void> {
    if (!this.next.get()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * One turn for a client from the intervention after `after`: its index text and sort key, the
   * place kept or the client's row removed when none is left. Answers whether some are left.
   */
  private turn(clientId: string, after: number): boolean {
    const rowids = this.rowsFrom.all(clientId, after, this.chunk + 1) as number[];
    const more = rowids.length > this.chunk;
    const these = more ? rowids.slice(0, this.chunk) : rowids;
    if (these.length > 0) {
      this.search.clientRows(clientId, these);
      // The ids of these interventions, for the caches that follow the index (see above).
      derivedChange(this.s, 'interventions_fts', ['interventions_fts'], this.idsOf(these));
      const keyed = this.sort.clientRows(clientId, these[0]!, these[these.length - 1]!);
      if (keyed.length > 0) {
        derivedChange(this.s, 'interventions', ['client_sort'], keyed);
        // The client whose name they took: a list of client groups names it again (deltas.ts renamedClients).
        derivedChange(this.s, 'clients', ['client_sort'], [clientId]);
      }
    }
    if (more) this.saveAt.run(clientId, these[these.length - 1]!);
    else this.done.run(clientId);
    return more;
  }

  private idsOf(rowids: readonly number[]): string[] {
    return this.s.raw
      .prepare(`SELECT id FROM interventions WHERE rowid IN (${rowids.map(() => '?').join(', ')})`)
      .pluck()
      .all(...rowids) as string[];
  }

  private schedule(delay = 0): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.work();
    }, delay);
  }

  /** One turn of the first client queued, in its own transaction; then the next turn is scheduled. */
  private work(): void {
    if (this.stopped) return;
    // While the index worker holds the file (core/write-gate.ts), later.
    if (this.s.writes.held) return void this.s.writes.whenOpen().then(() => this.schedule());
    const row = this.next.get() as { clientId: string; after: number } | undefined;
    if (!row) return this.settle();
    try {
      unitOfWork(this.s, SYSTEM, () => this.turn(row.clientId, row.after), { action: 'derive' });
    } catch {
      // The database refused (closing, locked by another process): tried again in a moment.
      return this.schedule(1000);
    }
    this.schedule();
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
