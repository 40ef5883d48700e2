import { BUSY_TIMEOUT_MS, type RawDb } from '../db/connection';

/*
 * The main connection's writes while another connection holds the file's write lock for long:
 * after a download of the shared store, the index worker (sync/index-worker.ts) builds indexes
 * and the quick-search index in transactions of seconds (the search index alone ~12 s at
 * 1,000,000 interventions). Left alone, a write on the main connection (a login's session, a
 * save, a background job) would wait in busy_timeout on the host's thread, every window frozen
 * for up to 5 s, and then fail "database is locked"; or slip in between two of the worker's
 * statements and break its transaction (SQLITE_BUSY_SNAPSHOT, measured on 60,000 rows).
 *
 * While the gate is held, the main connection waits for no lock: a write fails at once with
 * SQLITE_BUSY, before it changed anything (units are IMMEDIATE transactions), and the dispatcher
 * waits for the gate to open and runs the call again (api/dispatcher.ts). Background jobs skip
 * their rounds meanwhile (a job added later must check `held` too: its write would fail); a
 * session's last-seen time is not written.
 */
export class WriteGate {
  private opened: Promise<void> | null = null;
  private open: (() => void) | null = null;

  constructor(private readonly raw: RawDb) {}

  /** Whether the main connection's writes are held back now. */
  get held(): boolean {
    return this.opened !== null;
  }

  hold(): void {
    if (this.opened) return;
    this.opened = new Promise<void>((resolve) => (this.open = resolve));
    this.raw.pragma('busy_timeout = 0');
  }

  release(): void {
    if (!this.opened) return;
    this.raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const open = this.open!;
    this.opened = null;
    this.open = null;
    open();
  }

  /** Resolves when writes may go on (at once when they may now). */
  whenOpen(): Promise<void> {
    return this.opened ?? Promise.resolve();
  }
}

/** Whether an error is SQLite's "another connection holds the lock". */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
