import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/*
 * A read worker (db/read-pool.ts): its own read-only connection (WAL lets it read while main
 * writes), answering one query at a time, so the main process's event loop never waits on SQL.
 */

export type Mode = 'all' | 'get' | 'rows' | 'run' | 'exec' | 'bisect';
export type Param = string | number | bigint | null | Buffer;
export interface Job {
  id: number;
  mode: Mode;
  sql: string;
  params: Param[];
}
export interface Reply {
  id: number;
  ok: boolean;
  rows?: unknown;
  message?: string;
}

/** Letters without case or accents, for orders people read ("Ștefan" among the S names). */
export const fold = (s: unknown): unknown => (typeof s === 'string' ? s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : s);

/** Opens the worker's connection with what every query of it needs. */
export function openReader(file: string, nativeBinding?: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -131072');
  db.pragma('mmap_size = 1073741824');
  db.pragma('temp_store = MEMORY');
  db.function('fold', { deterministic: true }, fold);
  return db;
}

/** Answers one job; an SQL error is an answer too (the pool rejects that query only). */
export function answer(db: Database.Database, statements: Map<string, Database.Statement>, job: Job): Reply {
  try {
    if (job.mode === 'exec') {
      db.exec(job.sql);
      return { id: job.id, ok: true, rows: null };
    }
    let stmt = statements.get(job.sql);
    if (!stmt) {
      // Snapshot queries name their own temp tables: keep the cache from growing without end.
      if (statements.size > 500) statements.clear();
      stmt = db.prepare(job.sql);
      statements.set(job.sql, stmt);
    }
    if (job.mode === 'run') return { id: job.id, ok: true, rows: stmt.run(...job.params).changes };
    if (job.mode === 'bisect') return { id: job.id, ok: true, rows: bisect(stmt.pluck(), job.params) };
    stmt.raw(job.mode === 'rows');
    const rows = job.mode === 'get' ? stmt.get(...job.params) : stmt.all(...job.params);
    return { id: job.id, ok: true, rows };
  } catch (e) {
    return { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/**
 * For each target, in order, the last of positions 1..n (skipping those in `skip`) whose value
 * comes before it; 0 when none does. `first` answers which of (the value at a position, a
 * target) comes first. The targets come in the order they sort, so each search gallops from
 * where the previous one ended (1, 2, 4... past it): the rows of one renamed client, placed
 * together, cost a few steps each. Run here, one statement per step, in one job: the ~20 steps
 * of a search would otherwise each cross between threads (grid/snapshots.ts).
 */
function bisect(first: Database.Statement, params: Param[]): number[] {
  const [n = 0, count = 0, ...rest] = params as number[];
  const targets = rest.slice(0, count);
  const skip = new Set(rest.slice(count));
  const out: number[] = [];
  let from = 0;
  for (const target of targets) {
    from = place(first, target, n, from, skip);
    out.push(from);
  }
  return out;
}

function place(first: Database.Statement, target: number, n: number, from: number, skip: ReadonlySet<number>): number {
  const before = (p: number) => first.get(p, target) !== target;
  let lo = from + 1;
  let hi = n;
  let found = from;
  if (from > 0) {
    for (let step = 1; lo <= hi; step *= 2) {
      let p = Math.min(hi, from + step);
      while (p < hi && skip.has(p)) p++;
      if (skip.has(p)) break;
      if (!before(p)) {
        hi = p - 1;
        break;
      }
      found = p;
      lo = p + 1;
    }
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    let m = mid;
    while (m <= hi && skip.has(m)) m++;
    if (m > hi) {
      m = mid - 1;
      while (m >= lo && skip.has(m)) m--;
      if (m < lo) break;
    }
    if (before(m)) {
      found = m;
      lo = m + 1;
    } else hi = m - 1;
  }
  return found;
}

// Only as a worker: imported by a test, the module does nothing on its own.
if (parentPort) {
  const port = parentPort;
  const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
  const db = openReader(file, nativeBinding);
  const statements = new Map<string, Database.Statement>();
  port.on('message', (job: Job) => port.postMessage(answer(db, statements, job)));
}
