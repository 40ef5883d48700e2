import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStoreUser } from '../../src/main/sync/store-admin';
import type { SyncState } from '../../src/shared/api/sync';
import { tempStore } from '../support/store';
import { call, joinStore, newStation, type Station } from '../support/sync-station';

/*
 * Three workstations editing the same clients online and offline in random interleavings
 * (fast-check): whatever the order, they all end with the store's rows, and no edit is lost:
 * every value a workstation saved was, at some moment, the store's value of that field (a
 * trigger of the test's own on the store keeps each value a field took), or is kept as a
 * conflict for its author to review.
 */

const LOGIN = 'mixadmin';
const PASSWORD = 'mix-store-password';
const FIELDS = ['address', 'notes', 'email'] as const;

type Workstation = Station & { online: boolean };

let store: Awaited<ReturnType<typeof tempStore>>;
let owner: pg.Client;
const stations: Workstation[] = [];
let clientIds: string[] = [];

async function workstation(url: string): Promise<Workstation> {
  const w = { ...newStation(), online: true };
  await joinStore(w, url, LOGIN, PASSWORD);
  return w;
}

/** Saves a field as the form would, from the version this workstation has (again if a pull landed in between). */
async function edit(w: Workstation, id: string, field: string, value: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const { client } = await call<{ client: { version: number } }>(w, 'clients.get', { id });
    try {
      await call(w, 'clients.update', { id, version: client.version, patch: { [field]: value } });
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict' || attempt > 5) throw e;
    }
  }
}

/**
 * Every workstation online and synced until none has anything to send and each holds the
 * run's clients as the store has them. Waited for, not assumed after one round: a pull hands out
 * only changes older than every transaction still running in the store's cluster (other test
 * files write there too), so a workstation may be behind for a moment; it is never missing one.
 */
async function settle(): Promise<void> {
  for (const w of stations) {
    if (!w.online) w.t.app.sync.start();
    w.online = true;
  }
  for (const w of stations) {
    await vi.waitFor(async () => expect(await call<SyncState>(w, 'sync.now', {})).toMatchObject({ status: 'online', pending: 0 }), { timeout: 30_000, interval: 50 });
  }
  const inStore = (await owner.query<{ id: string; version: string; address: string | null; notes: string | null; email: string | null }>(
    'SELECT id, version, address, notes, email FROM cc.clients WHERE id = ANY ($1) ORDER BY id',
    [clientIds],
  )).rows.map((r) => ({ ...r, version: Number(r.version) }));
  for (const w of stations) {
    await vi.waitFor(
      async () => {
        await call(w, 'sync.now', {});
        expect(w.t.app.ctx.raw.prepare('SELECT id, version, address, notes, email FROM clients WHERE id IN (?, ?) ORDER BY id').all(...clientIds)).toEqual(inStore);
      },
      { timeout: 30_000, interval: 50 },
    );
  }
}


type Command = { kind: 'edit'; w: number; c: number; field: (typeof FIELDS)[number] } | { kind: 'sync'; w: number } | { kind: 'offline'; w: number } | { kind: 'online'; w: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), w: fc.nat(2), c: fc.nat(1), field: fc.constantFrom(...FIELDS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), w: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), w: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), w: fc.nat(2) }) },
);

beforeAll(async () => {
  store = await tempStore();
  await createStoreUser(store.ownerUrl, LOGIN, PASSWORD, 'admin', Date.UTC(2026, 10, 2));
  owner = new pg.Client({ connectionString: store.ownerUrl });
  await owner.connect();
  // Every value each field of a client took in the store, in the store itself (test instrumentation).
  await owner.query(`
    CREATE TABLE public.took (row_id text, field text, value text);
    CREATE FUNCTION public.note_values() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO public.took SELECT NEW.id, f, v FROM (VALUES ('address', NEW.address), ('notes', NEW.notes), ('email', NEW.email)) x(f, v) WHERE v IS NOT NULL;
      RETURN NEW;
    END $$;
    CREATE TRIGGER note_values AFTER INSERT OR UPDATE ON cc.clients FOR EACH ROW EXECUTE FUNCTION public.note_values();`);
  for (let i = 0; i < 3; i++) stations.push(await workstation(store.url));
}, 60_000);

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  await owner.end();
  await store.dispose();
});

describe('workstations editing the same clients in any interleaving', () => {
  it('end with the store\'s rows, and every saved value was the store\'s or is kept as a conflict', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        // Refusals counted by this run only (the counter runs since start), so a failure shrinks to its own cause.
        const refusedBefore = await Promise.all(stations.map(async (w) => (await call<SyncState>(w, 'sync.status', {})).rejected));
        // Fresh clients for each run, known to every workstation.
        const made = [];
        for (let c = 0; c < 2; c++) made.push(await call<{ id: string }>(stations[0]!, 'clients.create', { kind: 'company', name: `Mix ${++n}`, country: 'RO' }));
        clientIds = made.map((m) => m.id);
        await settle();
        const saved: { id: string; field: string; value: string }[] = [];
        for (const cmd of commands) {
          const w = stations[cmd.w]!;
          if (cmd.kind === 'edit') {
            const value = cmd.field === 'email' ? `v${++n}@w${cmd.w}.test` : `w${cmd.w} value ${++n}`;
            await edit(w, clientIds[cmd.c]!, cmd.field, value);
            saved.push({ id: clientIds[cmd.c]!, field: cmd.field, value });
          } else if (cmd.kind === 'sync') {
            if (w.online) await call(w, 'sync.now', {});
          } else if (cmd.kind === 'offline' && w.online) {
            await w.t.app.sync.stop();
            w.online = false;
          } else if (cmd.kind === 'online' && !w.online) {
            w.t.app.sync.start();
            w.online = true;
          }
        }
        // The same rows everywhere: the store's (settle waits for it).
        await settle();
        // Nothing refused by the store (said first: a refused change is also a lost value).
        for (const [i, w] of stations.entries()) {
          const st = await call<SyncState>(w, 'sync.status', {});
          expect(st.rejected - refusedBefore[i]!, `refused at workstation ${i}: ${st.message ?? ''}`).toBe(0);
        }
        // No saved value lost: the store's at some moment, or a conflict kept for review.
        for (const s of saved) {
          const found = await owner.query(
            `SELECT 1 FROM public.took WHERE row_id = $1 AND field = $2 AND value = $3
             UNION ALL SELECT 1 FROM cc.conflicts WHERE row_id = $1 AND field = $2 AND theirs #>> '{}' = $3`,
            [s.id, s.field, s.value],
          );
          if (!found.rowCount) {
            // What the store holds of that row, and the saves in order, for whoever hunts the bug.
            const row = await owner.query('SELECT version, address, notes, email FROM cc.clients WHERE id = $1', [s.id]);
            expect.fail(`${s.field} = ${s.value} lost; the store has ${JSON.stringify(row.rows[0])}; saves: ${JSON.stringify(saved)}; commands: ${JSON.stringify(commands)}`);
          }
        }
      }),
      // Run 35 of this seed found a bug (fixed): two workstations pushing the same clients in
      // opposite orders deadlocked in the store, which took the cancelled mutation for a refusal
      // and the workstation dropped it (test/integration/sync-store.test.ts shows it on purpose).
      { numRuns: Number(process.env.CC_PROPERTY_RUNS ?? 60), seed: Number(process.env.CC_PROPERTY_SEED ?? 1341407622) },
    );
  }, 300_000);
});
