/*
 * Benchmark of sync with the shared store (not a test: it prints figures), on a real PostgreSQL:
 * a throwaway cluster it starts itself (or the server DATABASE_URL names), and workstations
 * that are whole apps, each on its own SQLite file.
 *
 *   npm run bench:sync [-- data/bench-1m.sqlite]
 *
 * Shapes, each beside a raw pipeline measured in the same run:
 *   1. change-to-visible: an edit saved on workstation A until workstation B's grid has read the
 *      row with it (p50/p95), against a bare INSERT + NOTIFY -> LISTEN + SELECT between two
 *      PostgreSQL connections;
 *   2. catch-up after 10,000 offline changes: A's push of them once back online, and B's pull,
 *      against plain multi-row UPDATEs of the same rows and a plain SELECT of them;
 *   3. with a 1,000,000-intervention workstation (the file given): its grid pages (p95) while 20
 *      changes a second arrive from the store, against the same pages with nothing arriving and
 *      a raw SQL page;
 *   4. push throughput of one server with 50 workstations pushing at once, against 50
 *      connections inserting the same rows into a plain table.
 * The machine's two cores run the server, the workstations and the bench together.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createDispatcher, type Caller, type Dispatch } from '../src/main/api/dispatcher';
import { openApp, type App } from '../src/main/app/open';
import { createStoreUser, migrateStore } from '../src/main/sync/store-admin';
import { gridView } from '../src/shared/grid/query';
import type { Events } from '../src/shared/api/contract';
import { startCluster } from '../test/support/pg-cluster';

const LOGIN = 'bench';
const PASSWORD = 'bench-store-password';
const big = process.argv[2] && existsSync(process.argv[2]) ? process.argv[2] : null;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? NaN;
};
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const rate = (n: number, msTotal: number) => `${Math.round((n / msTotal) * 1000).toLocaleString('en')}/s`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const rows: string[][] = [];
const report = (...cells: string[]) => {
  rows.push(cells);
  console.log(cells.join(' | '));
};

interface Station {
  app: App;
  dispatch: Dispatch;
  caller: Caller;
  dir: string;
}

async function call<T>(w: Station, method: string, input: unknown): Promise<T> {
  const r = await w.dispatch(w.caller, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

function station(dbPath?: string): Station {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-sync-'));
  const { app } = openApp({ dataDir: dir, dbPath: dbPath ?? join(dir, 'ws.sqlite'), mode: 'browser', version: 'bench', log: () => {}, adminPassword: 'bench-admin-pw' });
  app.start();
  return { app, dispatch: createDispatcher(app, { log: () => {} }).call, caller: { transport: 'ipc', token: null }, dir };
}

async function joined(url: string): Promise<Station> {
  const w = station();
  await call(w, 'auth.login', { login: 'admin', password: 'bench-admin-pw' });
  await call(w, 'sync.join', { url, login: LOGIN, password: PASSWORD });
  w.caller = { transport: 'ipc', token: null };
  await call(w, 'auth.login', { login: LOGIN, password: PASSWORD });
  return w;
}

/** Resolves when `w` announces a change of interventions naming `id`. */
function changed(w: Station, id: string): Promise<void> {
  return new Promise((resolve) => {
    const off = w.app.ctx.events.subscribe((event, payload) => {
      if (event === 'data.changed' && (payload as Events['data.changed']).capability === 'interventions' && (payload as Events['data.changed']).ids.includes(id)) {
        off();
        resolve();
      }
    });
  });
}

async function main(): Promise<void> {
  const cluster = process.env.DATABASE_URL ? null : await startCluster();
  const base = process.env.DATABASE_URL ?? cluster!.ownerUrl;
  const name = `cc_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const ownerUrl = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  await migrateStore(ownerUrl);
  await createStoreUser(ownerUrl, LOGIN, PASSWORD, 'admin');
  const storeUrl = Object.assign(new URL(ownerUrl), { username: '', password: '' }).toString();
  const userUrl = Object.assign(new URL(ownerUrl), { username: `cc_u_${LOGIN}`, password: PASSWORD }).toString();
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query('CREATE TABLE raw_rows (id text PRIMARY KEY, n bigint NOT NULL, data jsonb NOT NULL)');
  await owner.query('CREATE INDEX raw_rows_n ON raw_rows (n)');
  const stations: Station[] = [];
  try {
    console.log(`bench/sync: PostgreSQL ${(await owner.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version} on 127.0.0.1\n`);
    const a = await joined(storeUrl);
    const b = await joined(storeUrl);
    stations.push(a, b);
    await call(a, 'admin.periods.create', { startDate: '2000-01-01', endDate: '2099-12-31' });
    const client = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Bench Sync SRL', country: 'RO' });
    const ivs: { id: string; version: number }[] = [];
    for (let i = 0; i < 100; i++) ivs.push(await call(a, 'interventions.create', { docDate: '2026-11-20', clientId: client.id, objectText: `Bench ${i}` }));
    await call(a, 'sync.now', {});
    await call(b, 'sync.now', {});

    // 1. Change to visible on another workstation.
    const view = gridView.parse({});
    const visible: number[] = [];
    for (let i = 0; i < 60; i++) {
      const iv = ivs[i % ivs.length]!;
      const seen = changed(b, iv.id);
      const t = performance.now();
      const saved = await call<{ version: number }>(a, 'interventions.update', { id: iv.id, version: iv.version, patch: { notes: `edit ${i}` } });
      iv.version = saved.version;
      await seen;
      await call(b, 'interventions.grid.rows', { view, path: [], position: 0, limit: 100 });
      visible.push(performance.now() - t);
      await sleep(50);
    }
    const l1 = new pg.Client({ connectionString: ownerUrl });
    const l2 = new pg.Client({ connectionString: ownerUrl });
    await Promise.all([l1.connect(), l2.connect()]);
    await l2.query('LISTEN raw_wake');
    const rawVisible: number[] = [];
    for (let i = 0; i < 60; i++) {
      const woke = new Promise<void>((r) => l2.once('notification', () => r()));
      const t = performance.now();
      await l1.query("INSERT INTO raw_rows (id, n, data) VALUES ($1, $2, '{}') ON CONFLICT (id) DO UPDATE SET n = excluded.n", [`v${i % 100}`, i]);
      await l1.query("NOTIFY raw_wake, ''");
      await woke;
      await l2.query('SELECT * FROM raw_rows WHERE id = $1', [`v${i % 100}`]);
      rawVisible.push(performance.now() - t);
    }
    report('shape', 'figure', 'raw', 'ratio', 'target');
    report(
      'change to visible on another workstation',
      `p50 ${ms(pct(visible, 50))}, p95 ${ms(pct(visible, 95))}`,
      `p95 ${ms(pct(rawVisible, 95))}`,
      `${(pct(visible, 95) / pct(rawVisible, 95)).toFixed(1)}x`,
      'p95 < 100 ms',
    );

    // 2. Catch-up after 10,000 offline changes.
    const OFFLINE = 10_000;
    await a.app.sync.stop();
    for (let i = 0; i < OFFLINE; i++) {
      const iv = ivs[i % ivs.length]!;
      const saved = await call<{ version: number }>(a, 'interventions.update', { id: iv.id, version: iv.version, patch: { notes: `offline ${i}` } });
      iv.version = saved.version;
    }
    const pending = (await call<{ pending: number }>(a, 'sync.status', {})).pending;
    // B is offline too while A sends them: its pull then catches up on all of them at once.
    await b.app.sync.stop();
    let t = performance.now();
    a.app.sync.start();
    await call(a, 'sync.now', {});
    while ((await call<{ pending: number }>(a, 'sync.status', {})).pending > 0) await sleep(20);
    const pushMs = performance.now() - t;
    b.app.sync.start();
    t = performance.now();
    await call(b, 'sync.now', {});
    const pullMs = performance.now() - t;
    const last = ivs[(OFFLINE - 1) % ivs.length]!;
    const onB = b.app.ctx.raw.prepare('SELECT notes FROM interventions WHERE id = ?').pluck().get(last.id);
    t = performance.now();
    for (let i = 0; i < OFFLINE; i += 500) {
      const values = Array.from({ length: 500 }, (_, k) => `('v${(i + k) % 100}', ${i + k})`).join(', ');
      await l1.query(`UPDATE raw_rows r SET n = v.n, data = jsonb_build_object('notes', 'offline ' || v.n) FROM (VALUES ${values}) v(id, n) WHERE r.id = v.id`);
    }
    const rawPush = performance.now() - t;
    // The raw pull: 10,000 rows read by keyset in batches of 1,000 and each batch upserted into
    // a SQLite table with a prepared statement in one transaction (no rights, merge or events).
    await l1.query("INSERT INTO raw_rows (id, n, data) SELECT 'p' || g, g, jsonb_build_object('notes', 'offline ' || g) FROM generate_series(1, $1) g", [OFFLINE]);
    const sink = new Database(':memory:');
    sink.exec('CREATE TABLE rows (id TEXT PRIMARY KEY, n INTEGER, data TEXT)');
    const upsert = sink.prepare('INSERT INTO rows (id, n, data) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET n = excluded.n, data = excluded.data');
    const applyBatch = sink.transaction((batch: { id: string; n: string; data: unknown }[]) => {
      for (const r of batch) upsert.run(r.id, Number(r.n), JSON.stringify(r.data));
    });
    t = performance.now();
    let after = 0;
    for (;;) {
      const got = await l2.query<{ id: string; n: string; data: unknown }>("SELECT id, n, data FROM raw_rows WHERE id LIKE 'p%' AND n > $1 ORDER BY n LIMIT 1000", [after]);
      if (got.rows.length === 0) break;
      applyBatch(got.rows);
      after = Number(got.rows[got.rows.length - 1]!.n);
    }
    const rawPull = performance.now() - t;
    sink.close();
    report(
      `catch-up: push of ${OFFLINE.toLocaleString('en')} offline changes (${pending.toLocaleString('en')} outbox entries)`,
      `${ms(pushMs)} (${rate(OFFLINE, pushMs)})`,
      `${ms(rawPush)} (${rate(OFFLINE, rawPush)})`,
      `${(pushMs / rawPush).toFixed(1)}x`,
      '',
    );
    report(
      `catch-up: the other workstation's pull of them (${onB === `offline ${OFFLINE - 1}` ? 'all arrived' : 'NOT all arrived'})`,
      `${ms(pullMs)} (${rate(OFFLINE, pullMs)})`,
      `${ms(rawPull)} (${rate(OFFLINE, rawPull)}: keyset reads into prepared SQLite upserts)`,
      `${(pullMs / rawPull).toFixed(1)}x`,
      '',
    );
    await l1.end();
    await l2.end();

    // 3. A 1,000,000-intervention grid while 20 changes a second arrive from the store.
    if (big) {
      const dir = mkdtempSync(join(tmpdir(), 'cc-bench-big-'));
      const file = join(dir, 'big.sqlite');
      copyFileSync(big, file);
      const c = station(file);
      stations.push(c);
      // As a workstation that joined long ago: the store's URL and a workstation of its own,
      // its data kept (joining would replace it), pulling as the bench user.
      // Logged in first: with a store configured the store decides logins, and it knows only the bench user.
      await call(c, 'auth.login', { login: 'admin', password: 'demo' });
      const set = c.app.ctx.raw.prepare('INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)');
      set.run('store', storeUrl);
      set.run('workstation', uuidv7());
      set.run('cursor', JSON.stringify({ txid: '0', seq: 0 }));
      const me = c.app.ctx.raw.prepare("SELECT id FROM users WHERE login = 'admin'").pluck().get() as string;
      c.app.sync.remember(me, LOGIN, PASSWORD);
      await call(c, 'sync.now', {});
      const total = (await call<{ total: number }>(c, 'interventions.grid.rows', { view, path: [], position: 0, limit: 1 })).total;
      const pivots = c.app.ctx.raw.prepare('SELECT doc_date FROM interventions WHERE deleted_at IS NULL ORDER BY random() LIMIT 200').pluck().all() as string[];
      const rawPage = c.app.ctx.raw.prepare(
        'SELECT i.*, c.name FROM interventions i LEFT JOIN clients c ON c.id = i.client_id WHERE i.deleted_at IS NULL AND i.doc_date <= ? ORDER BY i.doc_date DESC LIMIT 100',
      );
      const pages = async (n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) {
          const position = Math.floor(((i * 7919) % 1000) / 1000 * Math.max(0, total - 100));
          const s = performance.now();
          await call(c, 'interventions.grid.rows', { view, path: [], position, limit: 100 });
          out.push(performance.now() - s);
          await sleep(10);
        }
        return out;
      };
      await pages(20);
      const warm = await pages(150);
      const raw: number[] = [];
      for (let i = 0; i < 150; i++) {
        const s = performance.now();
        rawPage.all(pivots[i % pivots.length]);
        raw.push(performance.now() - s);
      }
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      let writing = true;
      let written = 0;
      const writer = (async () => {
        const started = performance.now();
        while (writing) {
          const iv = ivs[written % ivs.length]!;
          const saved = await call<{ version: number }>(a, 'interventions.update', { id: iv.id, version: iv.version, patch: { notes: `stream ${written}`, priority: 1 + (written % 3) } });
          iv.version = saved.version;
          written++;
          const due = started + written * 50;
          await sleep(Math.max(0, due - performance.now()));
        }
      })();
      const streamed = await pages(150);
      writing = false;
      await writer;
      loop.disable();
      const arrived = c.app.ctx.raw.prepare('SELECT count(*) FROM interventions WHERE notes LIKE ?').pluck().get('stream %') as number;
      report(
        `grid page at ${total.toLocaleString('en')} interventions while ${written} changes arrive (20/s)`,
        `p95 ${ms(pct(streamed, 95))} (warm ${ms(pct(warm, 95))})`,
        `p95 ${ms(pct(raw, 95))}`,
        `${(pct(streamed, 95) / pct(raw, 95)).toFixed(1)}x raw, ${(pct(streamed, 95) / pct(warm, 95)).toFixed(1)}x warm`,
        `≤16 ms (${arrived} of the changed rows arrived; event loop max ${ms(loop.max / 1e6)})`,
      );
      await c.app.close();
      stations.pop();
      rmSync(dir, { recursive: true, force: true });
    } else {
      report('grid page at 1,000,000 interventions while changes arrive', 'skipped: give a demo database (npm run bench:sync -- data/bench-1m.sqlite)', '', '', '');
    }

    // 4. Push throughput with 50 workstations at once.
    const WS = 50;
    const SECONDS = 5;
    const BATCH = 10;
    const conns = await Promise.all(
      Array.from({ length: WS }, async () => {
        const k = new pg.Client({ connectionString: userUrl });
        await k.connect();
        return k;
      }),
    );
    const raws = await Promise.all(
      Array.from({ length: WS }, async () => {
        const k = new pg.Client({ connectionString: ownerUrl });
        await k.connect();
        return k;
      }),
    );
    const now = Date.now();
    const clientRow = (id: string) => ({ id, created_at: now, updated_at: now, name: `Push ${id}`, kind: 'company', country: 'RO' });
    let accepted = 0;
    let refused = 0;
    const end = performance.now() + SECONDS * 1000;
    const pushStart = performance.now();
    await Promise.all(
      conns.map(async (k, w) => {
        const ws = `bench-ws-${w}`;
        const key = `bench-key-${w}-0123456789abcdef`;
        let seq = 0;
        while (performance.now() < end) {
          const mutations = Array.from({ length: BATCH }, () => {
            const id = uuidv7();
            seq++;
            return { id: `m-${ws}-${seq}`, seq, rows: [{ table: 'clients', rowId: id, op: 'insert', baseVersion: 0, changes: clientRow(id) }] };
          });
          const r = await k.query<{ r: { status: string }[] }>('SELECT cc.push($1, $2, $3, $4, $5) AS r', [ws, key, ws, JSON.stringify(mutations), now]);
          for (const o of r.rows[0]!.r) if (o.status === 'accepted') accepted++;
          else refused++;
        }
      }),
    );
    const pushWall = performance.now() - pushStart;
    // How long a workstation then needs to have all of it: the store's pull lag after the burst.
    const t2 = performance.now();
    await call(b, 'sync.now', {});
    const drain = performance.now() - t2;
    let rawRows = 0;
    const rawEnd = performance.now() + SECONDS * 1000;
    const rawStart = performance.now();
    await Promise.all(
      raws.map(async (k) => {
        while (performance.now() < rawEnd) {
          const values = Array.from({ length: BATCH }, () => clientRow(uuidv7()));
          await k.query('INSERT INTO raw_rows (id, n, data) SELECT x ->> \'id\', 0, x FROM jsonb_array_elements($1::jsonb) x', [JSON.stringify(values)]);
          rawRows += BATCH;
        }
      }),
    );
    const rawWall = performance.now() - rawStart;
    report(
      `push throughput, ${WS} workstations pushing batches of ${BATCH} for ${SECONDS} s`,
      `${rate(accepted, pushWall)} accepted (${refused} refused); a workstation then pulled all in ${ms(drain)}`,
      `${rate(rawRows, rawWall)} plain INSERTs`,
      `${(rawRows / rawWall / (accepted / pushWall)).toFixed(1)}x slower`,
      '',
    );
    await Promise.all([...conns, ...raws].map((k) => k.end()));
  } finally {
    for (const w of stations) {
      await w.app.close().catch(() => undefined);
      rmSync(w.dir, { recursive: true, force: true });
    }
    await owner.end();
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
