import type { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api/result';
import { startWorker, nativeBinding } from './workers';
import type { Job, Mode, Param, Reply } from './read-worker';

export type { Param } from './read-worker';

interface Slot {
  worker: Worker;
  busy: number;
  /** Jobs under way weighted by their cost: a long one counts as many short ones. */
  load: number;
  exited: boolean;
}

/** What a long job (building a snapshot, listing 50,000 groups) weighs against a short one. */
const LONG = 1000;

/**
 * Runs reads off the main thread, so the event loop that serves the windows is never blocked
 * by a query (DESIGN.md: at most 50 ms). Two workers: a slow query (a sort without an index)
 * occupies one while the other keeps answering the fast ones. Long jobs are said so (a snapshot
 * being built, a status's 50,000 client groups being listed) and weigh as many short ones, so a
 * short read goes to the other worker instead of queueing behind a second of work. (A third
 * worker was tried: a group window came ~100 ms sooner when two long jobs ran, but scrolling in
 * Chromium, on the same two cores, fell from 51-55 to 43-48 fps.)
 */
export class ReadPool {
  readonly name = 'read workers';
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; slot: Slot; weight: number }>();
  private nextId = 1;
  /** Why reads are refused for now (the tables are being replaced), or null. */
  private held: string | null = null;

  constructor(file: string, size = 2) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker('read-worker', __dirname, { workerData: { file, nativeBinding: nativeBinding() } });
      worker.unref();
      const slot: Slot = { worker, busy: 0, load: 0, exited: false };
      worker.once('exit', () => (slot.exited = true));
      worker.on('message', (r: Reply) => this.settle(r));
      worker.on('error', (e) => {
        for (const [id, p] of this.pending) {
          if (p.slot === slot) {
            this.pending.delete(id);
            p.reject(e);
          }
        }
      });
      this.slots.push(slot);
    }
  }

  /** Workers still running (0 once stopped). */
  get running(): number {
    return this.slots.filter((s) => !s.exited).length;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Rows as objects keyed by column name. `slot` pins the query to one worker (its temp tables). */
  all<T>(sql: string, params: Param[] = [], slot?: number): Promise<T[]> {
    return this.run('all', sql, params, slot) as Promise<T[]>;
  }

  /** Rows as arrays in column order: cheaper to copy between threads. */
  rows(sql: string, params: Param[] = [], slot?: number): Promise<unknown[][]> {
    return this.run('rows', sql, params, slot) as Promise<unknown[][]>;
  }

  /** As `rows`, for a query known to take long: short ones are kept off its worker. */
  longRows(sql: string, params: Param[] = []): Promise<unknown[][]> {
    return this.run('rows', sql, params, undefined, LONG) as Promise<unknown[][]>;
  }

  get<T>(sql: string, params: Param[] = [], slot?: number): Promise<T | undefined> {
    return this.run('get', sql, params, slot) as Promise<T | undefined>;
  }

  /** Runs a statement that changes only the worker's temp schema; returns the rows changed. `long`: see longRows. */
  change(sql: string, params: Param[], slot: number, long = false): Promise<number> {
    return this.run('run', sql, params, slot, long ? LONG : 1) as Promise<number>;
  }

  /**
   * For each target (in the order they sort), the last of positions 1..n (not in `skip`) whose
   * value comes before it, 0 if none: `firstSql` takes (position, target) and answers the one of
   * the two that comes first. One job for all the targets (read-worker.ts).
   */
  bisect(firstSql: string, targets: readonly number[], n: number, skip: readonly number[], slot: number): Promise<number[]> {
    return this.run('bisect', firstSql, [n, targets.length, ...targets, ...skip], slot) as Promise<number[]>;
  }

  /** Runs statements on one worker. `long`: see longRows. */
  exec(sql: string, slot: number, long = false): Promise<void> {
    return this.run('exec', sql, [], slot, long ? LONG : 1) as Promise<void>;
  }

  /** The worker with the least work under way (long jobs weigh most); ties go to the first. */
  leastBusy(): number {
    let best = 0;
    for (let i = 1; i < this.slots.length; i++) if (this.slots[i]!.load < this.slots[best]!.load) best = i;
    return best;
  }

  private settle(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    this.pending.delete(r.id);
    p.slot.busy--;
    p.slot.load -= p.weight;
    if (p.slot.busy === 0) p.slot.worker.unref();
    if (r.ok) p.resolve(r.rows);
    else p.reject(new Error(r.message));
  }

  /**
   * Refuses reads, saying why, while the tables are replaced under them (a download of the shared
   * store: its tables are without their indexes and half full, so no answer would be right).
   */
  hold(reason: string): void {
    this.held = reason;
  }

  release(): void {
    this.held = null;
  }

  private run(mode: Mode, sql: string, params: Param[], index?: number, weight = 1): Promise<unknown> {
    if (this.held) return Promise.reject(new ApiError('refused', this.held));
    const id = this.nextId++;
    // Unpinned work goes to the least busy worker, so a lone slow query leaves the other free.
    const slot = this.slots[index ?? this.leastBusy()];
    if (!slot) return Promise.reject(new Error(`No read worker ${index}.`));
    if (slot.exited) return Promise.reject(new ApiError('refused', 'The app is closing.'));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot, weight });
      slot.busy++;
      slot.load += weight;
      slot.worker.ref();
      slot.worker.postMessage({ id, mode, sql, params } satisfies Job);
    });
  }

  /**
   * The workers end; queries still waiting are refused, as a refusal (a window's request in
   * flight at shutdown is answered so, not logged as a fault of ours).
   */
  async stop(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new ApiError('refused', 'The app is closing.'));
    }
  }

}
