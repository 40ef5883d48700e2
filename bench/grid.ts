/*
 * Benchmark of the interventions grid on a large demo database (not a test: it prints figures).
 *
 *   npm run demo -- --interventions 1000000 --out data/bench-1m.sqlite   (once, ~1 min)
 *   npm run bench:grid -- data/bench-1m.sqlite
 *
 * For each query shape it prints p50 and p95 through the API dispatcher (validation, session,
 * read workers, snapshot): warm (asked before), under a stream of writes (20 a second: notes,
 * status changes, planned dates, client renames, sent by a separate writer process on its own
 * clock, bench/grid-writer.ts, and applied through the app's write path on this main thread as
 * the host applies other operators' saves), right after one write of each kind,
 * and cold (every cache dropped); next to the same question answered by SQL run directly on
 * better-sqlite3 in this thread, and the ratios; then the largest event-loop delay seen in this
 * (the main) process while the API answered.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { BenchWrite } from './grid-writes';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openApp } from '../src/main/app/open';
import { openRaw } from '../src/main/db/connection';
import { createDispatcher, type Caller } from '../src/main/api/dispatcher';
import { gridView, type GridView } from '../src/shared/grid/query';
import { registerSearchFunctions } from '../src/main/grid/search-index';
import { updateRecord } from '../src/main/core/records';
import { SYSTEM } from '../src/main/core/context';
import { clients, interventions } from '../src/main/db/schema';
import { INTERVENTION_STATUSES } from '../src/shared/domain/intervention';

const file = process.argv[2] ?? 'data/bench-1m.sqlite';
if (!existsSync(file)) {
  console.error(`No database at ${file}. Make one: npm run demo -- --interventions 1000000 --out ${file}`);
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
/** BENCH_ONLY=text: only the shapes whose name holds it (looking into one shape). */
const ONLY = process.env.BENCH_ONLY;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? NaN;
};
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(8);


async function time(runs: number, f: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    out.push(performance.now() - t);
  }
  return out;
}

const JOINS = `LEFT JOIN clients c ON c.id = i.client_id LEFT JOIN request_types rt ON rt.id = i.request_type_id
  LEFT JOIN request_types r1 ON r1.id = i.class1_id LEFT JOIN request_types r2 ON r2.id = i.class2_id LEFT JOIN request_types r3 ON r3.id = i.class3_id
  LEFT JOIN personnel tb ON tb.id = i.taken_by_id LEFT JOIN personnel vf ON vf.id = i.verifier_id LEFT JOIN contact_persons cp ON cp.id = i.contact_person_id
  LEFT JOIN products p ON p.id = i.product_id LEFT JOIN series s ON s.id = i.series_id`;
const COLS = `i.id, i.version, s.prefix, i.number, i.doc_date, c.name, rt.name_en, coalesce(i.object_text, p.name), i.planned_start, i.planned_end, i.status,
  i.priority, tb.name, i.valid, i.cancelled_at IS NOT NULL, i.notes, i.vehicle, c.fiscal_code, c.phone, c.email, c.address, c.locality, c.county, c.country,
  c.commercial_zone, r1.name_en, r2.name_en, r3.name_en, i.serial_lot, vf.name, cp.name`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-'));
  const { app } = openApp({ dataDir, dbPath: file, mode: 'browser', version: 'bench', log: () => {} });
  // The checkpoints off the main thread, as in the running app (its other background jobs are not
  // started: contract rounds and mail would write on their own clocks).
  app.checkpoints.start();
  const dispatch = createDispatcher(app).call;
  const caller: Caller = { transport: 'ipc', token: null };
  const login = await dispatch(caller, 'auth.login', { login: 'admin', password: 'demo' });
  if (!login.ok) throw new Error(`login: ${login.error.message}`);
  const raw = openRaw(file);
  registerSearchFunctions(raw);
  const api = async (method: string, input: unknown) => {
    const r = await dispatch(caller, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value;
  };
  const v = (x: Partial<GridView>) => gridView.parse(x);
  const total = (raw.prepare('SELECT count(*) AS n FROM interventions WHERE deleted_at IS NULL').get() as { n: number }).n;
  // What an operator types: a person's name as the caller gives it (two words, diacritics dropped).
  const person = (raw.prepare("SELECT name FROM clients WHERE kind = 'person' AND name LIKE '%ș%' LIMIT 1").get() as { name: string } | undefined)?.name ?? 'Ștefan Anghel';
  const term = person.normalize('NFD').replace(/\p{M}/gu, '');
  const firstStatus = 'taken';
  const deepPositions = [total - 100, Math.floor(total / 2), Math.floor(total * 0.9), Math.floor(total * 0.3)];
  const deepKeys = deepPositions.map((p) => raw.prepare('SELECT doc_date AS d, rowid AS r FROM interventions WHERE deleted_at IS NULL ORDER BY doc_date DESC, rowid DESC LIMIT 1 OFFSET ?').get(p) as { d: string; r: number });

  interface Shape {
    name: string;
    target: string;
    api: (i: number) => Promise<unknown>;
    sql: (i: number) => unknown;
  }
  const page = raw.prepare(`SELECT ${COLS} FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL ORDER BY i.doc_date DESC, i.rowid DESC LIMIT 100`);
  const keyset = raw.prepare(`SELECT ${COLS} FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL AND (i.doc_date, i.rowid) < (?, ?) ORDER BY i.doc_date DESC, i.rowid DESC LIMIT 100`);
  const filterSort = raw.prepare(`SELECT ${COLS} FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL AND i.status IN ('allocated', 'confirmed') AND i.priority IN (3) ORDER BY i.planned_start ASC, i.rowid ASC LIMIT 100`);
  const group1 = raw.prepare('SELECT status, count(*) FROM interventions WHERE deleted_at IS NULL GROUP BY status');
  const group2 = raw.prepare(`SELECT g.k, c.name, g.n FROM (SELECT client_id AS k, count(*) AS n FROM interventions i WHERE i.deleted_at IS NULL AND i.status IS ? GROUP BY 1) g LEFT JOIN clients c ON c.id = g.k ORDER BY c.name`);
  const byClient = raw.prepare(`SELECT ${COLS} FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL ORDER BY i.client_sort ASC, i.rowid ASC LIMIT 100`);
  const byClientDeep = raw.prepare(`SELECT ${COLS} FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL AND (i.client_sort, i.rowid) > (?, ?) ORDER BY i.client_sort ASC, i.rowid ASC LIMIT 100`);
  const clientKeys = deepPositions.map((p) => raw.prepare('SELECT client_sort AS k, rowid AS r FROM interventions WHERE deleted_at IS NULL ORDER BY client_sort, rowid LIMIT 1 OFFSET ?').get(p) as { k: string; r: number });
  const fts = raw.prepare(`SELECT ${COLS} FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL AND i.rowid IN (SELECT rowid FROM interventions_fts WHERE interventions_fts MATCH ?) ORDER BY i.doc_date DESC, i.rowid DESC LIMIT 100`);
  const rows = (view: GridView, position = 0, path: unknown[] = []) => api('interventions.grid.rows', { view, path, position, limit: 100 });
  const defaultView = v({});
  const clientView = v({ sort: [{ column: 'client', desc: false }] });
  // Build the default view's snapshot once, as the first scroll would, so deep pages measure paging.
  await rows(defaultView, 200);

  const shapes: Shape[] = [
    { name: 'first page (100 rows)', target: '≤16 ms p95, ≤2x', api: () => rows(defaultView), sql: () => page.all() },
    { name: 'deep keyset page', target: '≤16 ms p95, ≤2x', api: (i) => rows(defaultView, deepPositions[i % 4]), sql: (i) => keyset.all(deepKeys[i % 4]!.d, deepKeys[i % 4]!.r) },
    {
      name: 'filter + sort (page)',
      target: '≤16 ms p95',
      api: () => rows(v({ filters: { statuses: ['allocated', 'confirmed'], priorities: [3] }, sort: [{ column: 'plannedStart', desc: false }] })),
      sql: () => filterSort.all(),
    },
    { name: 'group counts, 1 level (status)', target: '≤100 ms', api: () => api('interventions.grid.groups', { view: v({ groupBy: ['status'] }), path: [] }), sql: () => group1.all() },
    {
      name: 'group counts, 2 levels (status > client)',
      target: '≤100 ms',
      api: () => api('interventions.grid.groups', { view: v({ groupBy: ['status', 'client'] }), path: [firstStatus] }),
      sql: () => group2.all(firstStatus),
    },
    { name: 'sort by client name (first page)', target: '≤16 ms p95', api: () => rows(clientView), sql: () => byClient.all() },
    { name: 'sort by client name (deep page)', target: '≤16 ms p95', api: (i) => rows(clientView, deepPositions[i % 4]), sql: (i) => byClientDeep.all(clientKeys[i % 4]!.k, clientKeys[i % 4]!.r) },
    {
      name: `full-text "${term}"`,
      target: '≤5 ms',
      api: () => rows(v({ filters: { search: term } })),
      sql: () => fts.all(term.split(' ').map((w) => `"${w}"*`).join(' ')),
    },
  ];

  // The stream of writes: what a room of operators saves, through the app's own write path.
  const sampleIds = raw.prepare('SELECT id FROM interventions WHERE deleted_at IS NULL ORDER BY random() LIMIT 5000').pluck().all() as string[];
  const sampleClients = raw.prepare('SELECT id, name FROM clients ORDER BY random() LIMIT 500').all() as { id: string; name: string }[];
  let written = 0;
  /** The slowest write applied on the main thread, per kind (a stall here is the event loop's). */
  const slowest = new Map<string, number>();
  /** Applies one write of the stream through the app's write path, as the host applies a save. */
  const apply = (w: BenchWrite) => {
    const started = performance.now();
    try {
      applyWrite(w);
    } finally {
      slowest.set(w.kind, Math.max(slowest.get(w.kind) ?? 0, performance.now() - started));
    }
  };
  const applyWrite = (w: BenchWrite) => {
    const ctx = app.ctx;
    if (w.kind === 'rename') {
      const version = (raw.prepare('SELECT version FROM clients WHERE id = ?').pluck().get(w.id) as number) ?? 1;
      updateRecord(ctx, SYSTEM, clients, w.id, version, { name: w.name });
    } else {
      const row = raw.prepare('SELECT version, status FROM interventions WHERE id = ?').get(w.id) as { version: number; status: string };
      const patch =
        w.kind === 'notes'
          ? { notes: w.text }
          : w.kind === 'status'
            ? { status: INTERVENTION_STATUSES[(INTERVENTION_STATUSES.indexOf(row.status as never) + 1) % 3]! }
            : { plannedStart: w.at };
      updateRecord(ctx, SYSTEM, interventions, w.id, row.version, patch);
    }
    written++;
  };
  // The writer: a separate process on its own clock (bench/grid-writer.ts).
  const writer = fork(join(process.cwd(), 'bench', 'grid-writer.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const sample = { ids: sampleIds, clients: sampleClients };
  let waiting: (() => void) | null = null;
  writer.on('message', (w: BenchWrite) => {
    apply(w);
    waiting?.();
  });
  /** One write from the writer, applied. */
  const writeOne = () =>
    new Promise<void>((resolve) => {
      waiting = () => {
        waiting = null;
        resolve();
      };
      writer.send({ one: sample });
    });
  /** Runs `f` while the writer's 20 writes a second arrive. */
  async function underWrites<T>(f: () => Promise<T>): Promise<T> {
    writer.send({ start: sample });
    try {
      return await f();
    } finally {
      writer.send({ stop: true });
    }
  }

  // The event loop is watched only while the API answers: the baseline blocks it on purpose.
  let maxDelay = 0;
  let meanDelay = 0;
  /** The largest delay of the shape being measured, per phase (warm, writes, 1 write, cold). */
  let phaseDelays: number[] = [];
  async function watched<T>(f: () => Promise<T>): Promise<T> {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    await new Promise((r) => setTimeout(r, 20));
    h.reset();
    const out = await f();
    h.disable();
    maxDelay = Math.max(maxDelay, h.max / 1e6);
    phaseDelays.push(h.max / 1e6);
    if (Number.isFinite(h.mean)) meanDelay = Math.max(meanDelay, h.mean / 1e6);
    return out;
  }

  // The first write of each kind in a process prepares its statements (15-27 ms, measured): an
  // app that has run a while has done so. Made here, untimed, and reported apart.
  for (let i = 0; i < 4; i++) await writeOne();
  const firstWrites = new Map(slowest);
  slowest.clear();

  console.log(`Database: ${file} (${total.toLocaleString('en')} interventions); ${RUNS} runs per shape`);
  console.log('warm: the view was asked before (its snapshot, count and groups are kept while no write changes what they read);');
  console.log('writes: while 20 writes a second arrive (notes, status, planned dates, client renames) through the write path;');
  console.log(`1 write: right after one write (${RUNS}, the four kinds in turn; the view then asked once);`);
  console.log('cold: every cache dropped before each call (the machine otherwise idle);');
  console.log('loop max: the main process\'s largest event-loop delay in each of those four phases (warm/writes/1 write/cold).\n');
  console.log(
    `${'shape'.padEnd(44)} ${'warm p50'.padStart(8)} ${'warm p95'.padStart(8)} ${'wr p50'.padStart(8)} ${'wr p95'.padStart(8)} ${'1w p95'.padStart(8)} ${'cold p95'.padStart(8)} ${'sql p95'.padStart(8)} ${'warm/sql'.padStart(8)} ${'wr/sql'.padStart(8)} ${'1w/warm'.padStart(8)}  target`,
  );
  for (const s of shapes) {
    if (ONLY && !s.name.includes(ONLY)) continue;
    phaseDelays = [];
    // Warm means asked before: the snapshot the first ask starts (a deep page of the client-name
    // order: ~1 s at 1M) is left to finish, untimed, as the scroll that follows a sort would.
    await s.api(0);
    await new Promise((r) => setTimeout(r, 1500));
    s.sql(0);
    const warm = await watched(() => time(RUNS, s.api));
    const streaming = await watched(() => underWrites(() => time(RUNS, s.api)));
    // One write (the kinds in turn), then the view asked once (untimed pause for the snapshot the
    // write dropped, as a user scrolls on). As many as the other phases: with 12, its p95 was
    // its single slowest sample.
    const afterOne: number[] = [];
    await watched(async () => {
      for (let i = 0; i < RUNS; i++) {
        await s.api(i);
        await new Promise((r) => setTimeout(r, 200));
        await writeOne();
        const t = performance.now();
        await s.api(i);
        afterOne.push(performance.now() - t);
      }
    });
    // Cold: as after a write on an otherwise idle workstation. Between calls (untimed) the
    // snapshot the previous call started is left to finish, so calls do not queue behind it.
    const cold: number[] = [];
    await watched(async () => {
      for (let i = 0; i < Math.max(10, RUNS / 4); i++) {
        app.grid.invalidate();
        await new Promise((r) => setTimeout(r, 30));
        const t = performance.now();
        await s.api(i);
        cold.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 400));
      }
    });
    const q = await time(RUNS, (i) => s.sql(i));
    const r = (a: number[]) => (pct(a, 95) / pct(q, 95)).toFixed(2).padStart(8);
    console.log(
      `${s.name.padEnd(44)} ${fmt(pct(warm, 50))} ${fmt(pct(warm, 95))} ${fmt(pct(streaming, 50))} ${fmt(pct(streaming, 95))} ${fmt(pct(afterOne, 95))} ${fmt(pct(cold, 95))} ${fmt(pct(q, 95))} ${r(warm)} ${r(streaming)} ${(pct(afterOne, 95) / pct(warm, 95)).toFixed(2).padStart(8)}  ${s.target}; loop max ${phaseDelays.map((d) => d.toFixed(0)).join('/')} ms`,
    );
  }

  // Export: the API writes in a worker and reports progress; the baseline writes CSV here.
  const exportView = v({ filters: { docDateFrom: '2000-01-01' }, sort: [] });
  const last100k = raw.prepare('SELECT doc_date FROM interventions WHERE deleted_at IS NULL ORDER BY doc_date DESC LIMIT 1 OFFSET 99999').pluck().get() as string;
  const view100k = v({ ...exportView, filters: { docDateFrom: last100k } });
  const count100k = (await api('interventions.grid.count', { view: view100k, path: [] })) as number;
  const columns = ['number', 'docDate', 'client', 'requestType', 'status', 'priority', 'plannedStart', 'phone', 'locality'] as const;
  const exportApi = async () => {
    const done = new Promise<void>((resolve) => {
      const stop = app.ctx.events.subscribe((event, p) => {
        if (event === 'export.progress' && (p as { finished: boolean }).finished) {
          stop();
          resolve();
        }
      });
    });
    await api('interventions.export', {
      view: view100k, format: 'csv', columns: [...columns], headers: [...columns],
      statusLabels: { taken: 'Taken', allocated: 'Allocated', confirmed: 'Confirmed', finalized: 'Finalized', cancelled: 'Cancelled' },
      priorityLabels: { 1: 'Low', 2: 'Medium', 3: 'High' },
      sourceLabels: { phone: 'Phone', email: 'E-mail', portal: 'Portal', schedule: 'Service schedule', walk_in: 'Walk-in' },
    });
    await done;
  };
  const exportSql = raw.prepare(`SELECT i.number, i.doc_date, c.name, rt.name_en, i.status, i.priority, i.planned_start, c.phone, c.locality FROM interventions i ${JOINS} WHERE i.deleted_at IS NULL AND i.doc_date >= ? ORDER BY i.doc_date DESC, i.rowid DESC`).raw(true);
  const out = join(dataDir, 'baseline.csv');
  const exportRaw = () => {
    let buf = '';
    for (const r of exportSql.iterate(last100k)) buf += (r as unknown[]).join(',') + '\n';
    writeFileSync(out, buf);
  };
  const ea = await watched(() => time(5, exportApi));
  const er = await time(5, () => exportRaw());
  console.log(
    `${`export CSV (${count100k.toLocaleString('en')} rows)`.padEnd(44)} ${fmt(pct(ea, 50))} ${fmt(pct(ea, 95))} ${''.padStart(8)} ${''.padStart(8)} ${''.padStart(8)} ${''.padStart(8)} ${fmt(pct(er, 95))} ${(pct(ea, 95) / pct(er, 95)).toFixed(2).padStart(8)}  streamed in a worker`,
  );

  console.log(`\n${written} writes made through the write path during the run; the slowest of each kind: ${[...slowest].map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`).join(', ')}.`);
  console.log(`The first write of each kind, before the shapes (untimed): ${[...firstWrites].map(([k, ms]) => `${k} ${ms.toFixed(1)} ms`).join(', ')}.`);
  console.log(`Largest main-process event-loop delay while the API answered: ${maxDelay.toFixed(1)} ms (target ≤50 ms); largest mean ${meanDelay.toFixed(2)} ms`);
  writer.disconnect();
  raw.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
