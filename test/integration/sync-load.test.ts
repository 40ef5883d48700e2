import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreUser } from '../../src/main/sync/store-admin';
import type { StoreWorkstation, SyncState } from '../../src/shared/api/sync';
import { tempStore } from '../support/store';
import { call, joinStore, newStation, type Station } from '../support/sync-station';

/*
 * Fifty workstations pushing to one store at once for a bounded time (each its own connection,
 * id and key, as a workstation's sync would push): every accepted change is in the store once,
 * each workstation's last applied entry is the last it sent, the lag each reports is listed, and
 * a real workstation then pulls all of it.
 */

const LOGIN = 'loadadmin';
const PASSWORD = 'load-store-password';
const WORKSTATIONS = 50;
const SECONDS = 2;
const BATCH = 5;

let store: Awaited<ReturnType<typeof tempStore>>;
let station: Station | undefined;

beforeAll(async () => {
  store = await tempStore();
  await createStoreUser(store.ownerUrl, LOGIN, PASSWORD, 'admin', Date.UTC(2026, 10, 2));
});

afterAll(async () => {
  await station?.t.dispose();
  await store.dispose();
});

describe('fifty workstations pushing at once', () => {
  it('lose nothing, apply nothing twice, and each one\'s lag is reported', async () => {
    const now = Date.UTC(2026, 10, 2, 9, 0);
    const conns = await Promise.all(
      Array.from({ length: WORKSTATIONS }, async () => {
        const c = new pg.Client({ connectionString: store.urlFor(LOGIN, PASSWORD) });
        await c.connect();
        return c;
      }),
    );
    const sent = new Map<string, { lastSeq: number; ids: string[] }>();
    const end = performance.now() + SECONDS * 1000;
    try {
      await Promise.all(
        conns.map(async (c, w) => {
          const ws = `load-ws-${w}`;
          const key = `load-key-${w}-0123456789abcdef`;
          const mine = { lastSeq: 0, ids: [] as string[] };
          sent.set(ws, mine);
          while (performance.now() < end) {
            const mutations = Array.from({ length: BATCH }, () => {
              const id = uuidv7();
              mine.ids.push(id);
              mine.lastSeq++;
              const row = { id, created_at: now, updated_at: now, name: `Load ${ws} ${mine.lastSeq}`, kind: 'company', country: 'RO' };
              return { id: `m-${id}`, seq: mine.lastSeq, rows: [{ table: 'clients', rowId: id, op: 'insert', baseVersion: 0, changes: row }] };
            });
            const r = await c.query<{ r: { status: string }[] }>('SELECT cc.push($1, $2, $3, $4, $5) AS r', [ws, key, ws, JSON.stringify(mutations), now]);
            expect(r.rows[0]!.r.map((o) => o.status)).toEqual(Array(BATCH).fill('accepted'));
          }
          // Each reports what it still holds (its lag), as a workstation's round does.
          await c.query('SELECT * FROM cc.workstation($1, $2, $3, $4)', [ws, key, now, w]);
        }),
      );
    } finally {
      await Promise.all(conns.map((c) => c.end()));
    }
    const owner = new pg.Client({ connectionString: store.ownerUrl });
    await owner.connect();
    let total = 0;
    try {
      for (const [ws, mine] of sent) {
        total += mine.ids.length;
        const inStore = await owner.query<{ n: string; ids: string }>("SELECT count(*) AS n, count(DISTINCT id) AS ids FROM cc.clients WHERE name LIKE 'Load ' || $1 || ' %'", [ws]);
        expect(inStore.rows[0], ws).toEqual({ n: String(mine.ids.length), ids: String(mine.ids.length) });
        expect((await owner.query<{ last_seq: string }>('SELECT last_seq FROM cc.workstations WHERE id = $1', [ws])).rows[0]!.last_seq).toBe(String(mine.lastSeq));
      }
    } finally {
      await owner.end();
    }
    expect(total).toBeGreaterThan(WORKSTATIONS * BATCH);
    // A real workstation: the store's list shows each one's lag; a pull brings every change.
    station = newStation();
    await joinStore(station, store.url, LOGIN, PASSWORD);
    const list = await call<StoreWorkstation[]>(station, 'sync.workstations', {});
    for (let w = 0; w < WORKSTATIONS; w++) expect(list.find((x) => x.id === `load-ws-${w}`)?.pending).toBe(w);
    await call<SyncState>(station, 'sync.now', {});
    expect(station.t.app.ctx.raw.prepare("SELECT count(*) FROM clients WHERE name LIKE 'Load %'").pluck().get()).toBe(total);
  }, 60_000);
});
