import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/*
 * A read worker (db/read-pool.ts): its own read-only connection (WAL lets it read while main
 * writes), answering one query at a time, so the main process's event loop never waits on SQL.
 */

export type Mode = 'all' | 'get' | 'rows' | 'run' | 'exec';
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
    stmt.raw(job.mode === 'rows');
    const rows = job.mode === 'get' ? stmt.get(...job.params) : stmt.all(...job.params);
    return { id: job.id, ok: true, rows };
  } catch (e) {
    return { id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

// Only as a worker: imported by a test, the module does nothing on its own.
if (parentPort) {
  const port = parentPort;
  const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
  const db = openReader(file, nativeBinding);
  const statements = new Map<string, Database.Statement>();
  port.on('message', (job: Job) => port.postMessage(answer(db, statements, job)));
}
