import { join } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRaw, wrap, type RawDb } from '../../src/main/db/connection';
import { runMigrations } from '../../src/main/db/migrate';
import { generateDemo } from '../../src/main/demo/generate';
import { bootstrapPending } from '../../src/main/sync/bootstrap';
import { copyField, CopyTextDecoder } from '../../src/main/sync/copy-text';
import { createStoreUser } from '../../src/main/sync/store-admin';
import { seedStore } from '../../src/main/sync/store-seed';
import type { SyncState } from '../../src/shared/api/sync';
import { gridView } from '../../src/shared/grid/query';
import { startCluster } from '../support/pg-cluster';
import { Proxy } from '../support/proxy';
import { tempStore } from '../support/store';
import { call, joinStore, logIn, newStation, type Station } from '../support/sync-station';
import { tempDir } from '../support/temp-app';

/*
 * A workstation joining a store downloads it with COPY from one snapshot (sync/bootstrap.ts):
 * a store filled from a demo database, the download compared with that database row for row,
 * and a download cut by the network that goes on where it stopped.
 */

const NOW = new Date(Date.UTC(2026, 10, 2, 9, 0));
const PASSWORD = 'store-admin-pw';
let cluster: Awaited<ReturnType<typeof startCluster>>;
let store: Awaited<ReturnType<typeof tempStore>>;
let proxy: Proxy;
let urlVia: string;
let files: ReturnType<typeof tempDir>;
let demo: RawDb;

const stations: Station[] = [];

function newWorkstation(): Station {
  const w = newStation();
  stations.push(w);
  return w;
}

/** A table's rows as both files hold them, in id order; the local password stays local. */
const rowsOf = (raw: RawDb, table: string) =>
  (raw.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[]).map((r) => (table === 'users' ? { ...r, password_hash: null } : r));
const indexNames = (raw: RawDb) => raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").pluck().all();
const REPLICATED = ['users', 'clients', 'contact_persons', 'personnel', 'teams', 'team_members', 'request_types', 'series', 'interventions', 'intervention_technicians', 'intervention_messages'];

function expectSound(raw: RawDb): void {
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(raw.pragma('foreign_key_check')).toEqual([]);
  // The quick-search index holds every live intervention, and the sort key every one.
  const live = raw.prepare('SELECT count(*) FROM interventions WHERE deleted_at IS NULL').pluck().get();
  expect(raw.prepare('SELECT count(*) FROM interventions_fts').pluck().get()).toBe(live);
  expect(raw.prepare('SELECT count(*) FROM interventions WHERE client_sort IS NULL').pluck().get()).toBe(0);
}

beforeAll(async () => {
  files = tempDir();
  const file = join(files.dir, 'demo.sqlite');
  demo = openRaw(file);
  runMigrations(wrap(demo), file);
  generateDemo(demo, { interventions: 3000, seed: 7, now: NOW });
  // A cluster of this file's own: filling the store is one long transaction, and while it runs
  // no pull anywhere in its cluster hands out newer changes (the log's commit-safe rule), which
  // would hold back the other test files' workstations.
  cluster = await startCluster();
  store = await tempStore(cluster.ownerUrl);
  await seedStore(store.ownerUrl, file);
  // The demo's administrator gets a store login.
  await createStoreUser(store.ownerUrl, 'admin', PASSWORD, 'admin', NOW.getTime());
  ({ proxy, url: urlVia } = await Proxy.inFront(store.ownerUrl));
});

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  await proxy.close();
  await store.dispose();
  cluster.stop();
  demo.close();
  files.dispose();
});

describe('COPY text', () => {
  it('reads back every value PostgreSQL writes, however the stream is cut into chunks', async () => {
    const c = new pg.Client({ connectionString: store.ownerUrl });
    await c.connect();
    try {
      await c.query('CREATE TEMP TABLE copied (n int, v text)');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 12 }), { nil: null }), { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 6 }), async (values, cuts) => {
          // Text with tabs, newlines, backslashes and control characters among it.
          const texts = values.map((v, i) => (v === null ? null : `${v}${['\t', '\n', '\\', '\r', '\b', 'Ș', '\\N', ''][i % 8]}`));
          await c.query('TRUNCATE copied');
          const into = c.query(copyFrom('COPY copied (n, v) FROM STDIN'));
          await new Promise<void>((resolve, reject) => {
            into.on('finish', resolve).on('error', reject);
            into.end(texts.map((t, i) => `${copyField(i)}\t${copyField(t)}\n`).join(''));
          });
          const chunks: Buffer[] = [];
          for await (const chunk of c.query(copyTo('COPY (SELECT n, v FROM copied ORDER BY n) TO STDOUT')) as AsyncIterable<Buffer>) chunks.push(chunk);
          const all = Buffer.concat(chunks);
          // The same bytes cut at arbitrary places (inside a row, inside a character).
          const at = [...new Set(cuts.map((x) => x % (all.length + 1)))].sort((a, b) => a - b);
          const decoder = new CopyTextDecoder();
          const rows: (string | null)[][] = [];
          let from = 0;
          for (const cut of [...at, all.length]) {
            rows.push(...decoder.push(all.subarray(from, cut)));
            from = cut;
          }
          decoder.end();
          expect(rows).toEqual(texts.map((t, i) => [String(i), t]));
        }),
        { numRuns: 60 },
      );
    } finally {
      await c.end();
    }
  });

  it('says so when the data ends inside a row', () => {
    const d = new CopyTextDecoder();
    expect(d.push(Buffer.from('a\tb\nc\t'))).toEqual([['a', 'b']]);
    expect(() => d.end()).toThrow(/ended inside a row/);
  });
});

describe('a workstation joining a store', () => {
  it('downloads it from one snapshot: the same rows, every index, the quick search, a sound file', async () => {
    const w = newWorkstation();
    const seen: SyncState[] = [];
    w.t.app.ctx.events.subscribe((event, payload) => {
      if (event === 'sync.state') seen.push(payload as SyncState);
    });
    await joinStore(w, urlVia, 'admin', PASSWORD);
    const raw = w.t.app.ctx.raw;
    // (A series' counter moves in the store when the workstation reserves its numbers: its rows are compared by id.)
    for (const table of REPLICATED.filter((t) => t !== 'series')) expect(rowsOf(raw, table), table).toEqual(rowsOf(demo, table));
    const seriesIds = (db: RawDb) => db.prepare('SELECT id, doc_type, prefix FROM series ORDER BY id').all();
    expect(seriesIds(raw)).toEqual(seriesIds(demo));
    expect(indexNames(raw)).toEqual(indexNames(demo));
    expectSound(raw);
    expect(bootstrapPending(raw)).toBe(false);
    // The download said how far it was, in rows and rows per second, then that it built the indexes.
    const progress = seen.map((s) => s.progress).filter((p) => p !== null);
    const total = progress[0]!.total;
    expect(total).toBeGreaterThan(3000);
    expect(progress.some((p) => p.phase === 'download' && p.done === total && p.rowsPerSecond > 0)).toBe(true);
    expect(progress[progress.length - 1]!.phase).toBe('indexes');
    expect((await call<SyncState>(w, 'sync.status', {})).progress).toBeNull();
    // The quick search finds a client's interventions by a word of its name.
    const client = raw.prepare("SELECT c.name FROM clients c JOIN interventions i ON i.client_id = c.id WHERE c.name LIKE '% %' LIMIT 1").pluck().get() as string;
    const found = await call<{ total: number }>(w, 'interventions.grid.rows', { view: gridView.parse({ filters: { search: client.split(' ')[0]! } }), path: [], position: 0, limit: 5 });
    expect(found.total).toBeGreaterThan(0);
  });

  it('goes on where a download cut by the network stopped, and what changed meanwhile arrives', async () => {
    const a = stations[0]!;
    await logIn(a, 'admin', PASSWORD);
    const b = newWorkstation();
    // The network goes once 5,000 rows are committed (the interventions among them), well before the end.
    let cutAt: { done: number; total: number } | null = null;
    b.t.app.ctx.events.subscribe((event, payload) => {
      const p = (payload as SyncState).progress;
      if (event === 'sync.state' && !cutAt && p?.phase === 'download' && p.done >= 5000) {
        cutAt = { done: p.done, total: p.total };
        proxy.cut();
      }
    });
    await call(b, 'auth.login', { login: 'admin', password: 'admin-test-password' });
    await expect(call(b, 'sync.join', { url: urlVia, login: 'admin', password: PASSWORD })).rejects.toThrow(/download stopped/);
    const raw = b.t.app.ctx.raw;
    expect(bootstrapPending(raw)).toBe(true);
    expect(cutAt!.done).toBeLessThan(cutAt!.total - 1000);
    proxy.restore();
    // Meanwhile A changes an intervention B already has, and makes a client B has not seen.
    const first = raw.prepare("SELECT id FROM interventions WHERE status IN ('taken', 'allocated') AND deleted_at IS NULL ORDER BY id LIMIT 1").pluck().get() as string;
    const before = await call<{ version: number }>(a, 'interventions.get', { id: first });
    await call(a, 'interventions.update', { id: first, version: before.version, patch: { notes: 'changed while B was cut off' } });
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Made Meanwhile SRL', country: 'RO' });
    await vi.waitFor(async () => expect((await call<SyncState>(a, 'sync.now', {})).pending).toBe(0), { timeout: 15_000, interval: 100 });
    // B's user logs in again: the download goes on, then the catch-up brings what changed.
    await logIn(b, 'admin', PASSWORD);
    await vi.waitFor(
      async () => {
        const s = await call<SyncState>(b, 'sync.now', {});
        expect(s.status).toBe('online');
        expect(bootstrapPending(raw)).toBe(false);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(raw.prepare('SELECT notes FROM interventions WHERE id = ?').pluck().get(first)).toBe('changed while B was cut off');
    expect(raw.prepare('SELECT name FROM clients WHERE id = ?').pluck().get(made.id)).toBe('Made Meanwhile SRL');
    // Then B holds every row as the store has it (one more round brings B's own number reservation back).
    await call(b, 'sync.now', {});
    const owner = new pg.Client({ connectionString: store.ownerUrl });
    await owner.connect();
    try {
      const byId = (a: { id: string }, z: { id: string }) => (a.id < z.id ? -1 : a.id > z.id ? 1 : 0);
      for (const table of REPLICATED) {
        const here = raw.prepare(`SELECT id, version FROM "${table}"`).all() as { id: string; version: number }[];
        const there = (await owner.query<{ id: string; version: string }>(`SELECT id, version FROM cc."${table}"`)).rows.map((r) => ({ id: r.id, version: Number(r.version) }));
        expect(here.sort(byId), table).toEqual(there.sort(byId));
      }
    } finally {
      await owner.end();
    }
    expect(indexNames(raw)).toEqual(indexNames(demo));
    expectSound(raw);
  });
});
