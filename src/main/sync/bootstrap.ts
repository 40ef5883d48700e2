import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { SyncProgress } from '../../shared/api/sync';
import type { RawDb } from '../db/connection';
import type { WriteGate } from '../core/write-gate';
import { dropSecondaryIndexes, type SavedIndex } from '../db/indexes';
import { startWorker } from '../db/workers';
import { TABLES } from '../core/tables';
import { sortKey } from '../grid/client-sort';
import { CopyTextDecoder } from './copy-text';
import type { IndexJob, IndexMessage } from './index-worker';
import { localTable, NO_LOCAL_PASSWORD } from './local-tables';
import { LOCAL_ONLY } from './store-schema';
import type { Cursor } from './store-connection';
import { getSyncState, setSyncState } from './sync-state';

/*
 * A new or reset workstation's download of the store (issue 13, point 6): every table it may
 * read, from one consistent snapshot, with COPY (the store's tables read as the user, row-level
 * security keeping them to the user's scope: migrations/pg/0005), into local tables without
 * their secondary indexes (interventions with their client sort key); then the indexes and the
 * quick-search index are built once, on a worker thread, and the change log is pulled from the
 * snapshot's position. The copy runs at about 160,000 rows/s (bench:bootstrap); replaying the log
 * row by row instead measured 5,500-12,000 rows/s (bench/sync).
 *
 * Resumable: rows are committed every thousand with where they got to (table, last id), so an
 * interrupted download (network, crash, app closed) goes on from there in a new snapshot. Its
 * catch-up still starts from the first snapshot's position, which is older: what changed between
 * the two is pulled again, and a pull brings each row as the store has it now, so nothing is
 * missed and applying it twice changes nothing.
 */

const STATE_KEY = 'bootstrap';
/**
 * Rows per local commit: each commit is a point to resume from and a moment the app can answer
 * in (with 1,000 the event loop stayed under 55 ms at p99 during a 1M download; with 5,000 it
 * reached 170 ms).
 */
const FLUSH_ROWS = 1000;
/** Rows between two reports of the progress, at least. */
const PROGRESS_ROWS = 5000;
/** The largest seq the cursor can name: with the snapshot's xmin - 1, a pull starts at the first transaction not in the snapshot. */
const LAST_SEQ = Number.MAX_SAFE_INTEGER;

/** The tables copied, in the store's order (foreign keys are off during the load: see download). */
const ORDER = Object.keys(TABLES);

interface BootstrapState {
  /** Where the catch-up pull starts: just before the first snapshot's oldest running transaction. */
  cursor: Cursor | null;
  /** The table being copied (index into ORDER), and the last id of it committed here. */
  table: number;
  after: string;
  done: number;
  total: number;
  /** The local indexes dropped for the load, built again at its end. */
  indexes: SavedIndex[];
  phase: 'download' | 'indexes';
}

function readState(raw: RawDb): BootstrapState | null {
  const value = getSyncState(raw, STATE_KEY);
  return value ? (JSON.parse(value) as BootstrapState) : null;
}

function writeState(raw: RawDb, state: BootstrapState): void {
  setSyncState(raw, STATE_KEY, JSON.stringify(state));
}

/** Whether a download of the store was started here and has not finished. */
export function bootstrapPending(raw: RawDb): boolean {
  return readState(raw) !== null;
}

/**
 * Prepares an emptied workstation for a download: drops the local secondary indexes (kept in the
 * state, with any an earlier unfinished download dropped). Call inside the transaction that
 * empties the tables, so the indexes are never dropped without a note of them.
 */
export function startBootstrap(raw: RawDb, earlier: SavedIndex[] = []): void {
  const indexes = [...earlier, ...dropSecondaryIndexes(raw, ORDER)];
  writeState(raw, { cursor: null, table: 0, after: '', done: 0, total: 0, indexes, phase: 'download' });
}

/** The indexes an unfinished download dropped (joining again must not lose them). */
export function droppedIndexes(raw: RawDb): SavedIndex[] {
  return readState(raw)?.indexes ?? [];
}

/** Each column copied into a local table, and how the store's SELECT gives it in the local form. */
function columnsOf(table: string): { names: string[]; select: string } {
  const t = localTable(table)!;
  const skip = new Set(LOCAL_ONLY[table] ?? []);
  const names: string[] = [];
  const exprs: string[] = [];
  for (const [name, { column }] of t.byColumn) {
    if (skip.has(name)) continue;
    names.push(name);
    if (table === 'users' && name === 'password_hash') exprs.push(`'${NO_LOCAL_PASSWORD}'`);
    // SQLite keeps booleans as 0/1; the other values come as text and take the column's affinity.
    else if (column.columnType === 'SQLiteBoolean') exprs.push(`"${name}"::int`);
    else exprs.push(`"${name}"`);
  }
  return { names, select: exprs.join(', ') };
}

export interface BootstrapOptions {
  onProgress: (p: SyncProgress) => void;
  signal?: AbortSignal;
}

/**
 * Downloads (or goes on downloading) the store as the user `url` logs in as; `finish` stores the
 * cursor the catch-up pulls from, in the commit that ends the download.
 */
export async function runBootstrap(raw: RawDb, url: string, opts: BootstrapOptions & { finish: (cursor: Cursor) => void; writes: WriteGate }): Promise<void> {
  let state = readState(raw);
  if (!state) throw new Error('No download of the store was started on this workstation.');
  if (state.phase === 'download') state = await download(raw, url, state, opts);
  opts.onProgress({ phase: 'indexes', done: state.done, total: state.total, rowsPerSecond: 0, secondsLeft: null });
  // The indexes, the quick search and the sort keys are built once, on a thread of their own,
  // which holds the file's write lock for seconds: this connection's writes wait meanwhile.
  opts.writes.hold();
  try {
    await buildInWorker(raw.name, state.indexes);
  } finally {
    opts.writes.release();
  }
  // Done, and where the catch-up starts, in one commit: a crash now cannot lose either.
  raw.transaction(() => {
    raw.prepare('DELETE FROM sync_state WHERE key = ?').run(STATE_KEY);
    opts.finish(state.cursor!);
  })();
}

async function download(raw: RawDb, url: string, state: BootstrapState, opts: BootstrapOptions): Promise<BootstrapState> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true, application_name: 'callcenter-bootstrap' });
  // A connection that drops mid-copy fails the copy (the stream errors); this keeps it from crashing the app.
  client.on('error', () => undefined);
  await client.connect();
  // Foreign keys are off for the load: rows come table by table, and a resumed download's tables
  // from two snapshots (a row may name one that comes with the catch-up pull).
  const foreignKeys = raw.pragma('foreign_keys', { simple: true }) as number;
  raw.pragma('foreign_keys = OFF');
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The transaction's snapshot is taken by its first statement: this one.
    const xmin = (await client.query<{ x: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x')).rows[0]!.x;
    if (!state.cursor) {
      state.cursor = { txid: (BigInt(xmin) - 1n).toString(), seq: LAST_SEQ };
      const counts = ORDER.map((t) => `(SELECT count(*) FROM cc."${t}")`).join(' + ');
      state.total = Number((await client.query<{ n: string }>(`SELECT ${counts} AS n`)).rows[0]!.n);
      writeState(raw, state);
    }
    const started = performance.now();
    const doneBefore = state.done;
    let shown = -Infinity;
    const report = (always = false) => {
      // Every few thousand rows is enough for a progress bar (each goes to every open window).
      if (!always && state.done - shown < PROGRESS_ROWS) return;
      shown = state.done;
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? (state.done - doneBefore) / seconds : 0;
      opts.onProgress({
        phase: 'download',
        done: state.done,
        total: Math.max(state.total, state.done),
        rowsPerSecond: Math.round(rate),
        secondsLeft: rate > 0 ? Math.max(0, Math.round((state.total - state.done) / rate)) : null,
      });
    };
    report(true);
    for (; state.table < ORDER.length; state.table++, state.after = '') {
      await copyTable(raw, client, ORDER[state.table]!, state, opts, report);
    }
    report(true);
    await client.query('COMMIT');
    state.phase = 'indexes';
    writeState(raw, state);
    return state;
  } finally {
    raw.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
    await client.end().catch(() => undefined);
  }
}

/** Copies one table from where the state says, committing every FLUSH_ROWS rows with the place reached. */
async function copyTable(raw: RawDb, client: pg.Client, table: string, state: BootstrapState, opts: BootstrapOptions, report: () => void): Promise<void> {
  const { names, select } = columnsOf(table);
  const idAt = names.indexOf('id');
  // An intervention's client sort key, from its client's name (copied before it): computed here
  // once per client, rather than by an update of every row after the load (which also kept the
  // key's index up to date row by row).
  const sortKeys = table === 'interventions' ? clientSortKeys(raw) : null;
  const clientAt = names.indexOf('client_id');
  const columns = sortKeys ? [...names, 'client_sort'] : names;
  const insert = raw.prepare(`INSERT OR REPLACE INTO "${table}" (${columns.map((n) => `"${n}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const flush = raw.transaction((rows: (string | null)[][]) => {
    if (sortKeys) for (const r of rows) insert.run([...r, sortKeys.get(r[clientAt] ?? '') ?? null]);
    else for (const r of rows) insert.run(r);
    state.after = rows[rows.length - 1]![idAt]!;
    state.done += rows.length;
    writeState(raw, state);
  });
  // Ordered by id, so a download cut short goes on after the last id it committed.
  const stream = client.query(copyTo(`COPY (SELECT ${select} FROM cc."${table}" WHERE id > ${client.escapeLiteral(state.after)} ORDER BY id) TO STDOUT`));
  const decoder = new CopyTextDecoder();
  let rows: (string | null)[][] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const r of decoder.push(chunk)) rows.push(r);
    if (rows.length >= FLUSH_ROWS) {
      if (opts.signal?.aborted) {
        stream.destroy();
        throw new Error('The download of the store was stopped; it goes on from here next time.');
      }
      flush(rows);
      rows = [];
      report();
    }
  }
  decoder.end();
  if (rows.length > 0) flush(rows);
  report();
}

function buildInWorker(file: string, indexes: SavedIndex[]): Promise<void> {
  const worker = startWorker('index-worker', __dirname, { workerData: { file, indexes } satisfies IndexJob });
  return new Promise<void>((resolve, reject) => {
    let answered = false;
    worker.once('message', (m: IndexMessage) => {
      answered = true;
      if (m.ok) resolve();
      else reject(new Error(`Building the indexes failed: ${m.message}`));
    });
    worker.once('error', reject);
    worker.once('exit', () => {
      if (!answered) reject(new Error('Building the indexes stopped before it ended; it starts again next time.'));
    });
  });
}

/** Each client's name as it sorts (grid/client-sort.ts), by client id. */
function clientSortKeys(raw: RawDb): Map<string, string | null> {
  const keys = new Map<string, string | null>();
  for (const c of raw.prepare('SELECT id, name FROM clients').iterate() as IterableIterator<{ id: string; name: string }>) keys.set(c.id, sortKey(c.name));
  return keys;
}
