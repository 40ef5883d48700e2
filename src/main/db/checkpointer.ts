import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { RawDb } from './connection';
import type { CheckpointJob, CheckpointReport } from './checkpoint-worker';
import { nativeBinding, startWorker } from './workers';

/*
 * SQLite copies the write-ahead log into the database file in the connection that commits, once
 * the log passes 1,000 pages (~4 MB). On the main connection that made a save now and then 20-25
 * ms longer (the copy, and an fsync of the file), every window's answers waiting behind it: on
 * 1M interventions, under 20 writes a second, most of the slowest writes (measured: notes and
 * renames at 25-31 ms with their own work under 5 ms; 11 ms at most without the checkpoints).
 *
 * So while the app runs, a worker thread with its own connection checkpoints twice a second
 * (checkpoint-worker.ts), and the main connection's own threshold is raised to a backstop it only
 * reaches if the worker stops (10,000 pages, ~40 MB). Stopped, the threshold is SQLite's again.
 */

const EVERY_MS = 500;
const BACKSTOP_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1000;

/** Started and stopped with the app (core/lifecycle.ts), as the read workers are. */
export class Checkpointer {
  readonly name = 'checkpoints';
  private worker: Worker | null = null;
  private readonly listeners = new Set<(r: CheckpointReport) => void>();

  constructor(
    private readonly file: string,
    private readonly raw: RawDb,
  ) {}

  start(): void {
    if (this.worker) return;
    const worker = startWorker('checkpoint-worker', __dirname, {
      workerData: { file: this.file, everyMs: EVERY_MS, ...(nativeBinding() ? { nativeBinding: nativeBinding()! } : {}) } satisfies CheckpointJob,
    });
    worker.unref();
    worker.on('message', (r: CheckpointReport) => {
      for (const l of this.listeners) l(r);
    });
    // A worker that failed leaves the checkpoints to the main connection again.
    worker.on('error', () => this.backstop(false));
    worker.once('exit', () => this.backstop(false));
    this.worker = worker;
    this.backstop(true);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    this.backstop(false);
    const exited = once(worker, 'exit');
    worker.postMessage('stop');
    await exited;
  }

  /** Calls `listener` with each checkpoint that found the log, or what is copied of it, changed; answers how to stop. */
  onReport(listener: (r: CheckpointReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private backstop(on: boolean): void {
    if (this.raw.open) this.raw.pragma(`wal_autocheckpoint = ${on ? BACKSTOP_PAGES : SQLITE_DEFAULT_PAGES}`);
  }
}
