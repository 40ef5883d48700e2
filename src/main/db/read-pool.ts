import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * The worker's code is inlined (eval) rather than a separate file so that it runs the same way
 * from the electron-vite build, from vitest and from tsx, without a build step of its own.
 * It opens its own read-only connection: WAL lets it read while the main connection writes.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
const statements = new Map();
parentPort.on('message', (job) => {
  try {
    let stmt = statements.get(job.sql);
    if (!stmt) { stmt = db.prepare(job.sql); statements.set(job.sql, stmt); }
    const rows = job.mode === 'get' ? stmt.get(...job.params) : stmt.all(...job.params);
    parentPort.postMessage({ id: job.id, ok: true, rows });
  } catch (e) {
    parentPort.postMessage({ id: job.id, ok: false, message: String(e && e.message || e) });
  }
});
`;

type Param = string | number | bigint | null | Buffer;
interface Reply {
  id: number;
  ok: boolean;
  rows?: unknown;
  message?: string;
}

/**
 * Runs heavy reads (counts, group counts, exports) off the main thread, so the event loop that
 * serves the windows is never blocked for long (DESIGN.md: at most 50 ms).
 */
export class ReadPool {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(file: string) {
    const driverPath = createRequire(__filename).resolve('better-sqlite3');
    const nativeBinding = process.versions.electron ? process.env.CC_SQLITE_NATIVE_BINDING : undefined;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driverPath, nativeBinding } });
    this.worker.unref();
    this.worker.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (r.ok) p.resolve(r.rows);
      else p.reject(new Error(r.message));
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  all<T>(sql: string, params: Param[] = []): Promise<T[]> {
    return this.run('all', sql, params) as Promise<T[]>;
  }

  get<T>(sql: string, params: Param[] = []): Promise<T | undefined> {
    return this.run('get', sql, params) as Promise<T | undefined>;
  }

  private run(mode: 'all' | 'get', sql: string, params: Param[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, mode, sql, params });
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
