import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStoreUser } from '../../src/main/sync/store-admin';
import type { SyncState } from '../../src/shared/api/sync';
import { startCluster } from '../support/pg-cluster';
import { tempStore } from '../support/store';
import { call, joinStore, newStation, type Station } from '../support/sync-station';

/*
 * The store's server killed (as a crash would: no shutdown) and started again while one
 * workstation pushes and another pulls. A cluster of this file's own, so no other test file's
 * store goes down with it.
 */

const LOGIN = 'restartadmin';
const PASSWORD = 'restart-store-password';
const N = 1500;

let cluster: Awaited<ReturnType<typeof startCluster>>;
let ownerUrl: string;
let storeUrl: string;

const stations: Station[] = [];

async function workstation(): Promise<Station> {
  const w = newStation();
  stations.push(w);
  await joinStore(w, storeUrl, LOGIN, PASSWORD);
  return w;
}

/** Asks the store as its owner, on a connection of its own (the server may have been killed since the last). */
async function asOwner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  // Durable, as a real store is: what the server acknowledged survives its crash.
  cluster = await startCluster({ durable: true });
  const store = await tempStore(cluster.ownerUrl);
  ownerUrl = store.ownerUrl;
  storeUrl = store.url;
  await createStoreUser(ownerUrl, LOGIN, PASSWORD, 'admin', Date.UTC(2026, 10, 2));
}, 120_000);

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  cluster?.stop();
});

describe('the store killed and started again mid-sync', () => {
  it('the workstations reconnect by themselves; nothing is lost, nothing applied twice', async () => {
    const a = await workstation();
    const b = await workstation();
    await a.t.app.sync.stop();
    await b.t.app.sync.stop();
    for (let i = 0; i < N; i++) await call(a, 'clients.create', { kind: 'company', name: `restart-${i}`, country: 'RO' });
    const ws = a.t.app.ctx.raw.prepare("SELECT value FROM sync_state WHERE key = 'workstation'").pluck().get() as string;
    // Killed as soon as the store has applied part of A's outbox.
    a.t.app.sync.start();
    await vi.waitFor(async () => expect(Number((await asOwner<{ s: string }>('SELECT coalesce(max(last_seq), 0) AS s FROM cc.workstations WHERE id = $1', [ws]))[0]!.s)).toBeGreaterThan(0), {
      timeout: 20_000,
      interval: 5,
    });
    cluster.kill();
    await pause(300);
    cluster.start();
    await vi.waitFor(async () => expect((await call<SyncState>(a, 'sync.now', {})).pending).toBe(0), { timeout: 60_000, interval: 200 });
    // Killed again while B pulls.
    const onB = () => b.t.app.ctx.raw.prepare("SELECT count(*) FROM clients WHERE name LIKE 'restart-%'").pluck().get() as number;
    b.t.app.sync.start();
    await vi.waitFor(() => expect(onB()).toBeGreaterThan(0), { timeout: 20_000, interval: 2 });
    cluster.kill();
    await pause(300);
    cluster.start();
    await vi.waitFor(
      async () => {
        expect((await call<SyncState>(b, 'sync.now', {})).status).toBe('online');
        expect(onB()).toBe(N);
      },
      { timeout: 60_000, interval: 200 },
    );
    const inStore = await asOwner<{ n: string; names: string }>("SELECT count(*) AS n, count(DISTINCT name) AS names FROM cc.clients WHERE name LIKE 'restart-%'");
    expect(inStore[0]).toEqual({ n: String(N), names: String(N) });
    expect((await call<SyncState>(a, 'sync.status', {})).rejected).toBe(0);
    for (const w of [a, b]) expect(w.t.app.ctx.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 180_000);
});
