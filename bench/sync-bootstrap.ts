/*
 * Benchmark of a workstation's first download of the store (not a test: it prints figures), on a
 * real PostgreSQL: a throwaway cluster it starts itself (or the server DATABASE_URL names).
 *
 *   npm run bench:bootstrap -- data/bench-1m.sqlite
 *
 * The store is filled from the demo database given (sync/store-seed.ts, timed too). Then, in the
 * same run:
 *   raw:     COPY (SELECT ...) TO STDOUT of every table as the owner -> prepared SQLite inserts
 *            into tables without secondary indexes, one transaction per table -> index build;
 *   the app: a new workstation joining the store (sync.join), as a user: COPY from one snapshot
 *            under row-level security, commits every 1,000 rows with where it got to, the
 *            indexes, the quick-search index, the client sort keys, ANALYZE, the catch-up pull.
 * Rows/s and the ratio for both, and the app's phases.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createDispatcher } from '../src/main/api/dispatcher';
import { openApp } from '../src/main/app/open';
import { TABLES } from '../src/main/core/tables';
import { openRaw, wrap } from '../src/main/db/connection';
import { dropSecondaryIndexes, recreateIndexes } from '../src/main/db/indexes';
import { runMigrations } from '../src/main/db/migrate';
import { fillClientSortKeys } from '../src/main/grid/client-sort';
import { rebuildSearchIndex } from '../src/main/grid/search-index';
import { CopyTextDecoder } from '../src/main/sync/copy-text';
import { localTable } from '../src/main/sync/local-tables';
import { createStoreUser, migrateStore } from '../src/main/sync/store-admin';
import { LOCAL_ONLY } from '../src/main/sync/store-schema';
import { seedStore } from '../src/main/sync/store-seed';
import type { SyncState } from '../src/shared/api/sync';
import { startCluster } from '../test/support/pg-cluster';

const PASSWORD = 'bench-store-password';
const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run bench:bootstrap -- data/bench-1m.sqlite (make one with: npm run demo -- --interventions 1000000 --out data/bench-1m.sqlite)');
  process.exit(2);
}
const s = (msTotal: number) => `${(msTotal / 1000).toFixed(1)} s`;
const rate = (n: number, msTotal: number) => `${Math.round((n / msTotal) * 1000).toLocaleString('en')} rows/s`;

/** The raw pipeline: nothing but COPY, inserts and the index build. */
async function rawPipeline(ownerUrl: string, dir: string): Promise<{ rows: number; copyMs: number; indexMs: number; searchMs: number }> {
  const path = join(dir, 'raw.sqlite');
  const raw = openRaw(path);
  runMigrations(wrap(raw), path);
  const saved = dropSecondaryIndexes(raw, Object.keys(TABLES));
  raw.pragma('foreign_keys = OFF');
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  let rows = 0;
  const t0 = performance.now();
  await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  for (const table of Object.keys(TABLES)) {
    const skip = new Set(LOCAL_ONLY[table] ?? []);
    const cols = [...localTable(table)!.byColumn.entries()].filter(([n]) => !skip.has(n));
    const select = cols.map(([n, { column }]) => (column.columnType === 'SQLiteBoolean' ? `"${n}"::int` : `"${n}"`)).join(', ');
    const insert = raw.prepare(`INSERT INTO "${table}" (${cols.map(([n]) => `"${n}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const decoder = new CopyTextDecoder();
    raw.exec('BEGIN');
    for await (const chunk of c.query(copyTo(`COPY (SELECT ${select} FROM cc."${table}") TO STDOUT`)) as AsyncIterable<Buffer>) {
      for (const r of decoder.push(chunk)) insert.run(r);
    }
    raw.exec('COMMIT');
    rows += raw.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
  }
  await c.query('COMMIT');
  const copyMs = performance.now() - t0;
  const t1 = performance.now();
  recreateIndexes(raw, saved);
  const indexMs = performance.now() - t1;
  const t2 = performance.now();
  rebuildSearchIndex(raw);
  fillClientSortKeys(raw);
  const searchMs = performance.now() - t2;
  await c.end();
  raw.close();
  return { rows, copyMs, indexMs, searchMs };
}

async function main(): Promise<void> {
  const cluster = process.env.DATABASE_URL ? null : await startCluster();
  const base = process.env.DATABASE_URL ?? cluster!.ownerUrl;
  const name = `cc_bench_boot_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const ownerUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-boot-'));
  try {
    await migrateStore(ownerUrl);
    const t = performance.now();
    const counts = await seedStore(ownerUrl, file!);
    const seeded = Object.values(counts).reduce((a, b) => a + b, 0);
    const seedMs = performance.now() - t;
    await createStoreUser(ownerUrl, 'admin', PASSWORD, 'admin');
    console.log(`bench/sync-bootstrap: ${counts.interventions!.toLocaleString('en')} interventions, ${seeded.toLocaleString('en')} rows in all`);
    console.log(`store filled from ${file} (COPY FROM) in ${s(seedMs)}: ${rate(seeded, seedMs)}\n`);

    const r = await rawPipeline(ownerUrl, dir);
    const rawMs = r.copyMs + r.indexMs;

    const appDir = join(dir, 'app');
    const { app } = openApp({ dataDir: appDir, dbPath: join(appDir, 'ws.sqlite'), mode: 'browser', version: 'bench', log: () => {}, adminPassword: 'local-admin-password' });
    app.start();
    const dispatch = createDispatcher(app, { log: () => {} }).call;
    const caller = { transport: 'ipc' as const, token: null };
    const login = await dispatch(caller, 'auth.login', { login: 'admin', password: 'local-admin-password' });
    if (!login.ok) throw new Error(login.error.message);
    const phases: { at: number; state: SyncState }[] = [];
    app.ctx.events.subscribe((event, payload) => {
      if (event === 'sync.state') phases.push({ at: performance.now(), state: payload as SyncState });
    });
    const storeUrl = Object.assign(new URL(ownerUrl), { username: '', password: '' }).toString();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    const joined = await dispatch(caller, 'sync.join', { url: storeUrl, login: 'admin', password: PASSWORD, discardLocal: true });
    const appMs = performance.now() - t0;
    loop.disable();
    if (!joined.ok) throw new Error(joined.error.message);
    const indexing = phases.find((p) => p.state.progress?.phase === 'indexes');
    const downloadMs = (indexing?.at ?? t0) - t0;
    const rates = phases.map((p) => p.state.progress?.rowsPerSecond ?? 0).filter((x) => x > 0);
    const got = app.ctx.raw.prepare('SELECT count(*) FROM interventions').pluck().get() as number;
    await app.close();

    const rows = [
      ['', 'the app (sync.join)', 'raw pipeline', 'app/raw'],
      ['rows copied (COPY -> SQLite)', `${s(downloadMs)}: ${rate(r.rows, downloadMs)}`, `${s(r.copyMs)}: ${rate(r.rows, r.copyMs)}`, `${((r.rows / downloadMs) / (r.rows / r.copyMs) * 100).toFixed(0)}% of raw`],
      ['then indexes, quick search, sort keys, ANALYZE, catch-up', s(appMs - downloadMs), `${s(r.indexMs)} indexes (+ ${s(r.searchMs)} quick search and sort keys)`, ''],
      ['whole download, rows/s', `${s(appMs)}: ${rate(r.rows, appMs)}`, `${s(rawMs)}: ${rate(r.rows, rawMs)} (copy + indexes)`, `${((rawMs / appMs) * 100).toFixed(0)}% of raw (target ≥50%)`],
      ['', '', `${s(rawMs + r.searchMs)}: ${rate(r.rows, rawMs + r.searchMs)} (with the quick search too)`, `${(((rawMs + r.searchMs) / appMs) * 100).toFixed(0)}% of raw`],
      ['progress shown', `${phases.filter((p) => p.state.progress).length} updates, ${Math.min(...rates).toLocaleString('en')}-${Math.max(...rates).toLocaleString('en')} rows/s shown`, '', ''],
      ['main thread during the join', `event loop p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms (indexes on a worker thread)`, '', ''],
      ['interventions on the workstation', got.toLocaleString('en'), '', `file ${(statSync(join(appDir, 'ws.sqlite')).size / 1e6).toFixed(0)} MB`],
    ];
    for (const row of rows) console.log(row.join(' | '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    cluster?.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
