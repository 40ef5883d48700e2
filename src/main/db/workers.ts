import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/*
 * Our worker threads are TypeScript modules like any other (db/read-worker.ts,
 * db/checkpoint-worker.ts, exports/export-worker.ts, sync/index-worker.ts): tsc, lint and unit tests see them. Built, each is an entry of its
 * own beside the bundle (electron.vite.config.ts); from the sources (vitest, tsx: the tests,
 * the demo and the benchmarks) it is loaded through tsx. Either way the thread starts from a
 * one-line require, the same way the SQLite driver is required inside it.
 */
export type WorkerModule = 'read-worker' | 'export-worker' | 'index-worker' | 'checkpoint-worker';

/** `sourceDir`: the folder of the module's .ts (the caller's own __dirname). */
export function startWorker(name: WorkerModule, sourceDir: string, options: WorkerOptions): Worker {
  // Built code sits in out/main/ or its chunks/ folder; the worker entries in out/main/.
  const built = [join(__dirname, `${name}.js`), join(__dirname, '..', `${name}.js`)].find((p) => existsSync(p));
  const code = built ? `require(${JSON.stringify(built)});` : `require('tsx/cjs'); require(${JSON.stringify(join(sourceDir, `${name}.ts`))});`;
  return new Worker(code, { ...options, eval: true });
}

/** The SQLite driver built for Electron, in a development Electron run (scripts/electron-native.mjs). */
export function nativeBinding(): string | undefined {
  return process.versions.electron ? process.env.CC_SQLITE_NATIVE_BINDING : undefined;
}
