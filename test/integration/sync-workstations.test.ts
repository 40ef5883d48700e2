import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachmentDownload } from '../../src/main/files/access';
import { addAttachment } from '../../src/main/files/attachments';
import { PART_BYTES } from '../../src/main/sync/file-sync';
import { createStoreUser } from '../../src/main/sync/store-admin';
import { StoreConnection } from '../../src/main/sync/store-connection';
import type { ConflictRow, StoreWorkstation, SyncState } from '../../src/shared/api/sync';
import { Proxy } from '../support/proxy';
import { tempStore } from '../support/store';
import { call, joinStore, logIn, newStation, type Station } from '../support/sync-station';
import { gridView } from '../../src/shared/grid/query';
import { generateDue, occurrenceId } from '../../src/main/contracts/generator';

/*
 * Two workstations (each its own SQLite file and app) and one shared store on a real
 * PostgreSQL: joining, pushing, pulling, merging, and working on through a cut network.
 */

let store: Awaited<ReturnType<typeof tempStore>>;
let proxy: Proxy;
let urlVia: string;
const stations: Station[] = [];
const PASSWORD = 'store-admin-pw';

/** A workstation that joined the store and logged in as `login` (the store's administrator by default). */
async function workstation(login = 'storeadmin', password = PASSWORD): Promise<Station> {
  const w = newStation();
  stations.push(w);
  await joinStore(w, urlVia, login, password);
  return w;
}

const synced = (w: Station) => call<SyncState>(w, 'sync.now', {});
/** Syncs until everything the workstation holds is sent (a round right after the network returns may still fail). */
const drained = (w: Station) => vi.waitFor(async () => expect((await synced(w)).pending).toBe(0), { timeout: 15_000, interval: 100 });

beforeAll(async () => {
  store = await tempStore();
  await createStoreUser(store.ownerUrl, 'storeadmin', PASSWORD, 'admin', Date.UTC(2026, 10, 2));
  ({ proxy, url: urlVia } = await Proxy.inFront(store.ownerUrl));
});

afterAll(async () => {
  for (const w of stations) await w.t.dispose();
  await proxy.close();
  await store.dispose();
});

describe('two workstations and a shared store', () => {
  it("see each other's changes; different fields of one record both stay", async () => {
    const a = await workstation();
    const b = await workstation();
    expect((await synced(a)).status).toBe('online');
    const made = await call<{ id: string; version: number }>(a, 'clients.create', { kind: 'company', name: 'Frigo Sync SRL', country: 'RO', phone: '021 311 2233' });
    expect((await synced(a)).pending).toBe(0);
    await synced(b);
    const seen = await call<{ client: { name: string; version: number } }>(b, 'clients.get', { id: made.id });
    expect(seen.client.name).toBe('Frigo Sync SRL');
    // Both edit the same client, different fields, from the same version: B is not syncing
    // meanwhile, so it cannot have A's edit before its own whatever the timing.
    await b.t.app.sync.stop();
    const onA = await call<{ version: number }>(a, 'clients.get', { id: made.id }).then((d) => (d as unknown as { client: { version: number } }).client);
    await call(a, 'clients.update', { id: made.id, version: onA.version, patch: { phone: '0722 123 456' } });
    await call(b, 'clients.update', { id: made.id, version: seen.client.version, patch: { email: 'office@frigo.test' } });
    await drained(a);
    b.t.app.sync.start();
    await drained(b);
    await synced(a);
    for (const w of [a, b]) {
      const d = await call<{ client: { phone: string; email: string } }>(w, 'clients.get', { id: made.id });
      expect(d.client).toMatchObject({ phone: '+40722123456', email: 'office@frigo.test' });
    }
  });

  it('an edit reaches the other workstation by itself, long before the poll would bring it', async () => {
    const [a, b] = stations as [Station, Station];
    const made = await call<{ id: string; version: number }>(a, 'clients.create', { kind: 'company', name: 'Wake SRL', country: 'RO' });
    // No sync.now anywhere: A pushes at once, its push wakes B (LISTEN/NOTIFY), B pulls.
    const arrived = () => b.t.app.ctx.raw.prepare('SELECT name FROM clients WHERE id = ?').pluck().get(made.id);
    await vi.waitFor(() => expect(arrived()).toBe('Wake SRL'), { timeout: 5_000, interval: 50 });
  });

  it('works on through a cut network and catches up when it comes back; the other sees every change', async () => {
    const [a, b] = stations as [Station, Station];
    proxy.cut();
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'person', name: 'Ana Offline', country: 'RO' });
    const state = await synced(a);
    expect(state.status).toBe('offline');
    expect(state.pending).toBeGreaterThan(0);
    proxy.restore();
    // The loop reconnects by itself (back-off), no call needed.
    await vi.waitFor(async () => expect((await call<SyncState>(a, 'sync.status', {})).pending).toBe(0), { timeout: 15_000, interval: 200 });
    await synced(b);
    expect((await call<{ client: { name: string } }>(b, 'clients.get', { id: made.id })).client.name).toBe('Ana Offline');
  });

  it('pushes again after a crash between the push and its mark, and nothing is applied twice', async () => {
    const [a, b] = stations as [Station, Station];
    const made = await call<{ id: string; version: number }>(a, 'clients.create', { kind: 'company', name: 'Dublu SRL', country: 'RO' });
    await synced(a);
    // As if the app died after the store answered but before the outbox was marked.
    a.t.app.ctx.raw.prepare('UPDATE outbox SET pushed_at = NULL').run();
    expect((await synced(a)).pending).toBe(0);
    await synced(b);
    const onB = await call<{ client: { version: number } }>(b, 'clients.get', { id: made.id });
    expect(onB.client.version).toBe(1);
    const n = b.t.app.ctx.raw.prepare("SELECT count(*) AS n FROM clients WHERE name = 'Dublu SRL'").get() as { n: number };
    expect(n.n).toBe(1);
    expect(a.t.app.ctx.raw.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('refuses to join over work of its own unless told to discard it, and a wrong store login', async () => {
    const [a] = stations as [Station];
    const r = await a.dispatch(a.caller, 'sync.join', { url: urlVia, login: 'storeadmin', password: PASSWORD });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Confirm to discard them/);
    const bad = await a.dispatch(a.caller, 'sync.join', { url: urlVia, login: 'storeadmin', password: 'nope', discardLocal: true });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/refused the connection/);
    const notUrl = await a.dispatch(a.caller, 'sync.join', { url: 'http://x', login: 'storeadmin', password: PASSWORD });
    expect(notUrl.ok).toBe(false);
  });

  it("a technician made on one workstation logs in on their laptop, which receives only the technician's interventions", async () => {
    const [a] = stations as [Station];
    await call(a, 'admin.periods.create', { startDate: '2026-11-01', endDate: '2026-11-30' });
    const person = await call<{ id: string }>(a, 'admin.personnel.create', { name: 'Radu Teren', isTechnician: true });
    await call(a, 'admin.users.create', { login: 'radu', displayName: 'Radu Teren', role: 'technician', personId: person.id, password: 'radu-field-pw' });
    const theirs = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Teren SRL', country: 'RO' });
    const others = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Birou Central SRL', country: 'RO' });
    const mine = await call<{ id: string }>(a, 'interventions.create', { docDate: '2026-11-20', clientId: theirs.id, objectText: 'Pompa', technicianIds: [person.id] });
    const other = await call<{ id: string }>(a, 'interventions.create', { docDate: '2026-11-20', clientId: others.id, objectText: 'Server' });
    await call(a, 'interventions.messages.add', { id: other.id, body: 'Not for the field' });
    expect((await synced(a)).rejected).toBe(0);

    // The user and their store login came with the push: the laptop joins as them.
    const laptop = await workstation('radu', 'radu-field-pw');
    const raw = laptop.t.app.ctx.raw;
    expect(raw.prepare('SELECT id FROM interventions').pluck().all()).toEqual([mine.id]);
    const names = raw.prepare('SELECT name FROM clients').pluck().all();
    expect(names).toContain('Teren SRL');
    expect(names).not.toContain('Birou Central SRL');
    expect(raw.prepare('SELECT count(*) FROM intervention_messages WHERE intervention_id = ?').pluck().get(other.id)).toBe(0);
    expect(raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    // Their edit reaches the office; the office's edit to another intervention never reaches them.
    // The calendar's list of its technicians is made on the laptop after the download (never replicated).
    const listOn = (w: Station) => w.t.app.ctx.raw.prepare('SELECT technician_ids FROM interventions WHERE id = ?').pluck().get(mine.id);
    expect(listOn(laptop)).toBe(person.id);
    // A second technician put on in the office: the pull keeps the laptop's list too.
    const helper = await call<{ id: string }>(a, 'admin.personnel.create', { name: 'Ana Ajutor', isTechnician: true });
    const before = await call<{ version: number }>(a, 'interventions.get', { id: mine.id });
    await call(a, 'interventions.assignTechnicians', { id: mine.id, version: before.version, personIds: [person.id, helper.id] });
    await synced(a);
    await vi.waitFor(async () => {
      await synced(laptop);
      expect(String(listOn(laptop)).split(',').sort()).toEqual([person.id, helper.id].sort());
    });
    const d = await call<{ version: number }>(laptop, 'interventions.get', { id: mine.id });
    await call(laptop, 'interventions.update', { id: mine.id, version: d.version, patch: { notes: 'Pump replaced on site' } });
    expect((await synced(laptop)).rejected).toBe(0);
    const o = await call<{ version: number }>(a, 'interventions.get', { id: other.id });
    await call(a, 'interventions.update', { id: other.id, version: o.version, patch: { notes: 'office only' } });
    await synced(a);
    await synced(laptop);
    expect((await call<{ notes: string }>(a, 'interventions.get', { id: mine.id })).notes).toBe('Pump replaced on site');
    expect(raw.prepare('SELECT count(*) FROM interventions WHERE id = ?').pluck().get(other.id)).toBe(0);
    expect(raw.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');

    // Taken off the job in the office: the intervention leaves the laptop, with its thread and its client.
    await call(laptop, 'interventions.messages.add', { id: mine.id, body: 'On site at 9' });
    await synced(laptop);
    const now = await call<{ version: number }>(a, 'interventions.get', { id: mine.id });
    await call(a, 'interventions.update', { id: mine.id, version: now.version, patch: {}, technicianIds: [] });
    await synced(a);
    await vi.waitFor(async () => {
      await synced(laptop);
      expect(raw.prepare('SELECT count(*) FROM interventions').pluck().get()).toBe(0);
    });
    expect(raw.prepare('SELECT count(*) FROM intervention_messages').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM interventions_fts').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT name FROM clients').pluck().all()).not.toContain('Teren SRL');
    expect(raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // It stays in the store, thread and all.
    expect((await call<{ id: string }[]>(a, 'interventions.messages.list', { id: mine.id })).length).toBeGreaterThan(0);
  });

  it('a password reset on one workstation is the one the store accepts', async () => {
    const [a] = stations as [Station];
    const radu = a.t.app.ctx.raw.prepare("SELECT id, version FROM users WHERE login = 'radu'").get() as { id: string; version: number };
    await call(a, 'admin.users.setPassword', { id: radu.id, version: radu.version, password: 'radu-new-secret' });
    await synced(a);
    const b = stations[1]!;
    expect(await b.t.app.sync.checkLogin('radu', 'radu-new-secret')).toBe(true);
    expect(await b.t.app.sync.checkLogin('radu', 'radu-field-pw')).toBe(false);
  });

  it('numbers documents offline from reserved blocks: never the same number twice, and a document that waited gets its number at the next sync', async () => {
    const [a, b] = stations as [Station, Station];
    const series = await call<{ id: string }>(a, 'admin.series.create', { docType: 'intervention', prefix: 'BLK', endNumber: 100000 });
    await synced(a);
    await synced(a);
    await synced(b);
    const clientId = (a.t.app.ctx.raw.prepare("SELECT id FROM clients WHERE name = 'Teren SRL'").pluck().get() as string);
    const validated = (w: Station) => call<{ id: string; number: number | null; valid: boolean }>(w, 'interventions.create', { docDate: '2026-11-21', clientId, objectText: 'Boiler', seriesId: series.id, validate: true });
    proxy.cut();
    const made = [await validated(a), await validated(a), await validated(b), await validated(b)];
    expect(made.every((m) => m.number !== null)).toBe(true);
    // B's blocks run out while it is offline: the next document is validated and waits for its number.
    b.t.app.ctx.raw.prepare('UPDATE number_blocks SET next = last + 1').run();
    const waiting = await validated(b);
    expect(waiting).toMatchObject({ valid: true, number: null });
    proxy.restore();
    // The first round after the network comes back may still meet a dropped connection: sync
    // until each has sent everything (B numbers the waiting document, then sends it).
    await drained(a);
    await vi.waitFor(
      async () => {
        await synced(b);
        expect((await call<{ number: number | null }>(b, 'interventions.get', { id: waiting.id })).number).not.toBeNull();
      },
      { timeout: 15_000, interval: 100 },
    );
    await drained(b);
    await synced(a);
    await synced(b);
    const numbered = await call<{ number: number | null }>(b, 'interventions.get', { id: waiting.id });
    const numbers = [...made.map((m) => m.number), numbered.number];
    expect(new Set(numbers).size).toBe(numbers.length);
    // Every workstation and the store hold the same numbers, each once.
    const onA = a.t.app.ctx.raw.prepare('SELECT number FROM interventions WHERE series_id = ? ORDER BY number').pluck().all(series.id);
    const onB = b.t.app.ctx.raw.prepare('SELECT number FROM interventions WHERE series_id = ? ORDER BY number').pluck().all(series.id);
    expect(onA).toEqual([...numbers].sort((x, y) => x! - y!));
    expect(onB).toEqual(onA);
  });

  it('a value that lost is listed for review with its record and field, re-applied through the form\'s command, and marked resolved', async () => {
    const [a, b] = stations as [Station, Station];
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Conflict SRL', country: 'RO' });
    await synced(a);
    await synced(b);
    const base = await call<{ client: { version: number } }>(a, 'clients.get', { id: made.id });
    // B not syncing while both edit: A's value reaches the store first, whatever the timing.
    await b.t.app.sync.stop();
    await call(a, 'clients.update', { id: made.id, version: base.client.version, patch: { email: 'first@conflict.test' } });
    await call(b, 'clients.update', { id: made.id, version: base.client.version, patch: { email: 'second@conflict.test' } });
    await drained(a);
    b.t.app.sync.start();
    await drained(b);
    expect((await call<SyncState>(b, 'sync.status', {})).conflicts).toBeGreaterThan(0);
    const open = await call<ConflictRow[]>(b, 'sync.conflicts', {});
    const mine = open.find((c) => c.rowId === made.id)!;
    expect(mine).toMatchObject({ table: 'clients', field: 'email', fieldKey: 'email', theirs: 'second@conflict.test', kept: 'first@conflict.test', record: 'Conflict SRL', resolvedAt: null });
    expect(mine.reapply?.method).toBe('clients.update');
    // B shows the store's value meanwhile; re-applying goes through clients.update like any edit.
    await call(b, mine.reapply!.method, mine.reapply!.input);
    expect(await call(b, 'sync.resolve', { id: mine.id })).toEqual({ resolved: true });
    expect(await call(b, 'sync.resolve', { id: mine.id })).toEqual({ resolved: false });
    await synced(b);
    await synced(a);
    expect((await call<{ client: { email: string } }>(a, 'clients.get', { id: made.id })).client.email).toBe('second@conflict.test');
    expect((await call<ConflictRow[]>(b, 'sync.conflicts', {})).some((c) => c.id === mine.id)).toBe(false);
    expect((await call<ConflictRow[]>(b, 'sync.conflicts', { all: true })).find((c) => c.id === mine.id)?.resolvedAt).not.toBeNull();
    const bad = await b.dispatch(b.caller, 'sync.resolve', { id: 987654 });
    expect(bad.ok ? null : bad.error.code).toBe('not_found');
  });

  it('a second offline edit of a record still meets what another workstation changed meanwhile (no silent overwrite)', async () => {
    const [a, b] = stations as [Station, Station];
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Twice Offline SRL', country: 'RO' });
    await synced(a);
    await synced(b);
    await b.t.app.sync.stop();
    const onA = await call<{ client: { version: number } }>(a, 'clients.get', { id: made.id });
    await call(a, 'clients.update', { id: made.id, version: onA.client.version, patch: { email: 'a@twice.test' } });
    await drained(a);
    // B, offline, edits twice: its second edit counts from B's own first edit, not from anything
    // it saw of the store, so A's e-mail is as unknown to it as to the first.
    for (const patch of [{ notes: 'called back' }, { email: 'b@twice.test' }]) {
      const onB = await call<{ client: { version: number } }>(b, 'clients.get', { id: made.id });
      await call(b, 'clients.update', { id: made.id, version: onB.client.version, patch });
    }
    b.t.app.sync.start();
    await drained(b);
    await synced(a);
    for (const w of [a, b]) {
      await synced(w);
      expect((await call<{ client: { email: string; notes: string } }>(w, 'clients.get', { id: made.id })).client).toMatchObject({ email: 'a@twice.test', notes: 'called back' });
    }
    const kept = (await call<ConflictRow[]>(b, 'sync.conflicts', {})).filter((c) => c.rowId === made.id);
    expect(kept.map((c) => [c.field, c.theirs, c.kept])).toEqual([['email', 'b@twice.test', 'a@twice.test']]);
  });

  it("an attachment's bytes reach the other workstation in parts, and a download cut short goes on from its last part", async () => {
    const [a, b] = stations as [Station, Station];
    const admin = a.t.app.ctx.raw.prepare("SELECT id FROM users WHERE login = 'storeadmin'").pluck().get() as string;
    await b.t.app.sync.stop();
    const bytes = randomBytes(2 * PART_BYTES + 12_345);
    const row = addAttachment(a.t.app.ctx, a.t.app.files, { userId: admin }, { name: 'scan.bin', bytes }, 10 * PART_BYTES);
    await drained(a);
    expect((await synced(a)).files).toEqual({ toSend: 0, toReceive: 0 });
    // B's download was cut after its first part; the rest comes when it syncs again.
    b.t.app.files.writePartial(row.sha256, 0, bytes.subarray(0, PART_BYTES));
    const asked = vi.spyOn(StoreConnection.prototype, 'getFilePart');
    try {
      b.t.app.sync.start();
      await vi.waitFor(async () => expect((await synced(b)).files).toEqual({ toSend: 0, toReceive: 0 }), { timeout: 15_000, interval: 100 });
      expect(asked.mock.calls.filter((c) => c[0] === row.sha256).map((c) => c[1])).toEqual([1, 2]);
    } finally {
      asked.mockRestore();
    }
    const got = attachmentDownload(b.t.app.ctx, b.t.app.files, admin, row.id, false);
    expect(Buffer.compare(readFileSync(got.path), bytes)).toBe(0);
  });

  it('sends again what the store accepted and then lost (restored from a backup)', async () => {
    const [a] = stations as [Station];
    await drained(a);
    const before = a.t.app.ctx.raw.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Lost And Found SRL', country: 'RO' });
    await drained(a);
    // The store goes back to before that change, as a restore from last night's backup would
    // (A not syncing by itself meanwhile, so the round below is the one that finds it).
    await a.t.app.sync.stop();
    const ws = a.t.app.ctx.raw.prepare("SELECT value FROM sync_state WHERE key = 'workstation'").pluck().get() as string;
    const owner = new pg.Client({ connectionString: store.ownerUrl });
    await owner.connect();
    try {
      await owner.query('DELETE FROM cc.clients WHERE id = $1', [made.id]);
      await owner.query('UPDATE cc.workstations SET last_seq = $2 WHERE id = $1', [ws, before]);
      const state = await synced(a);
      expect(state.message).toMatch(/did not have 1 of this workstation's changes/);
      a.t.app.sync.start();
      await drained(a);
      expect((await owner.query('SELECT name FROM cc.clients WHERE id = $1', [made.id])).rows).toEqual([{ name: 'Lost And Found SRL' }]);
    } finally {
      await owner.end();
    }
  });

  it('pulls everything again when the store is behind its cursor (restored from a backup)', async () => {
    const [a, b] = stations as [Station, Station];
    await drained(a);
    await synced(b);
    // Not syncing by itself meanwhile, so the round below is the one that finds it.
    await b.t.app.sync.stop();
    // B's cursor is past anything the store will give next, as after the store went back in time.
    b.t.app.ctx.raw.prepare("UPDATE sync_state SET value = ? WHERE key = 'cursor'").run(JSON.stringify({ txid: '99999999999', seq: 1 }));
    const made = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'After The Restore SRL', country: 'RO' });
    await drained(a);
    const state = await synced(b);
    expect(state.message).toMatch(/store is behind this workstation/);
    expect((await call<{ client: { name: string } }>(b, 'clients.get', { id: made.id })).client.name).toBe('After The Restore SRL');
    const cursor = JSON.parse(b.t.app.ctx.raw.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get() as string) as { txid: string };
    expect(BigInt(cursor.txid)).toBeLessThan(99999999999n);
    b.t.app.sync.start();
  });

  it("a contract's visit made on two workstations while offline is one intervention in the store, with no conflict", async () => {
    const [a, b] = stations as [Station, Station];
    await call(a, 'admin.periods.create', { startDate: '2099-01-01', endDate: '2099-12-31' });
    const client = await call<{ id: string }>(a, 'clients.create', { kind: 'company', name: 'Contract Sync SRL', country: 'RO' });
    const type = await call<{ id: string }>(a, 'admin.requestTypes.save', { values: { code: 'SCH-SYNC', parentId: null, names: { en: 'Scheduled', ro: 'Programat', 'pt-BR': 'Programado', ca: 'Programat' } } });
    // Starts in 2099: the stations run on the real clock, and the save's round must find nothing due.
    const contract = await call<{ id: string; generated: number }>(a, 'contracts.create', {
      name: 'Monthly check', clientId: client.id, requestTypeId: type.id, priority: 2, rule: 'FREQ=MONTHLY;BYMONTHDAY=10',
      startDate: '2099-01-01', visitTime: '10:00', durationMinutes: 60, leadDays: 5,
    });
    expect(contract.generated).toBe(0);
    await drained(a);
    await synced(b);
    // Both offline; each one's generator reaches March 2099 on its own.
    await a.t.app.sync.stop();
    await b.t.app.sync.stop();
    const at = Date.parse('2099-03-06T08:00:00Z');
    const madeOnA = generateDue(a.t.app.ctx, at, 'Europe/Bucharest').created;
    const madeOnB = generateDue(b.t.app.ctx, at, 'Europe/Bucharest').created;
    expect([madeOnA, madeOnB]).toEqual([3, 3]);
    a.t.app.sync.start();
    b.t.app.sync.start();
    await drained(a);
    await drained(b);
    await synced(a);
    const owner = new pg.Client({ connectionString: store.ownerUrl });
    await owner.connect();
    try {
      const rows = await owner.query<{ id: string; contract_occurrence: string }>('SELECT id, contract_occurrence FROM cc.interventions WHERE contract_id = $1 ORDER BY contract_occurrence', [contract.id]);
      expect(rows.rows.map((r) => r.contract_occurrence)).toEqual(['2099-01-10', '2099-02-10', '2099-03-10']);
      expect(rows.rows.map((r) => r.id)).toEqual(['2099-01-10', '2099-02-10', '2099-03-10'].map((day) => occurrenceId(contract.id, day)));
      const conflicts = await owner.query('SELECT 1 FROM cc.conflicts WHERE row_id = ANY($1)', [rows.rows.map((r) => r.id)]);
      expect(conflicts.rowCount).toBe(0);
    } finally {
      await owner.end();
    }
    for (const w of [a, b]) {
      const days = w.t.app.ctx.raw.prepare('SELECT contract_occurrence FROM interventions WHERE contract_id = ? ORDER BY 1').pluck().all(contract.id);
      expect(days).toEqual(['2099-01-10', '2099-02-10', '2099-03-10']);
    }
  });

  it("lists the store's workstations for an administrator, this one marked", async () => {
    const [a, b] = stations as [Station, Station];
    const list = await call<StoreWorkstation[]>(a, 'sync.workstations', {});
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.filter((w) => w.thisOne)).toHaveLength(1);
    const onB = await call<StoreWorkstation[]>(b, 'sync.workstations', {});
    expect(onB.find((w) => w.thisOne)!.id).not.toBe(list.find((w) => w.thisOne)!.id);
    expect(list.every((w) => w.lastPullAt !== null && !('key' in w) && !('keyHash' in w))).toBe(true);
  });

  it("joining drops the grid's cached answers: the grid shows the store's interventions at once", async () => {
    // A store of its own with no interventions: nothing pulled tells the grid anything.
    const empty = await tempStore();
    await createStoreUser(empty.ownerUrl, 'storeadmin', PASSWORD, 'admin', Date.UTC(2026, 10, 2));
    const url = new URL(empty.ownerUrl);
    url.username = '';
    url.password = '';
    const w = newStation();
    try {
      await call(w, 'auth.login', { login: 'admin', password: 'admin-test-password' });
      await call(w, 'admin.periods.create', { startDate: '2026-11-01', endDate: '2026-11-30' });
      const own = await call<{ id: string }>(w, 'clients.create', { kind: 'company', name: 'Local Only SRL', country: 'RO' });
      await call(w, 'interventions.create', { docDate: '2026-11-20', clientId: own.id, objectText: 'Local' });
      const rows = async (filters: Record<string, unknown>) =>
        (await call<{ total: number }>(w, 'interventions.grid.rows', { view: gridView.parse({ filters }), path: [], position: 0, limit: 50 })).total;
      expect(await rows({})).toBe(1);
      expect(await call<number>(w, 'interventions.grid.count', { view: gridView.parse({}), path: [] })).toBe(1);
      await call(w, 'sync.join', { url: url.toString(), login: 'storeadmin', password: PASSWORD, discardLocal: true });
      await logIn(w, 'storeadmin', PASSWORD);
      expect(await rows({})).toBe(0);
      expect(await call<number>(w, 'interventions.grid.count', { view: gridView.parse({}), path: [] })).toBe(0);
    } finally {
      await w.t.dispose();
      await empty.dispose();
    }
  });
});
