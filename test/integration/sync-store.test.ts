import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateStore, setStoreLogin } from '../../src/main/sync/store-admin';
import { StoreConnection } from '../../src/main/sync/store-connection';
import { tempStore } from '../support/store';
import { storeVerifier } from '../../src/main/auth/password';

/*
 * The shared store on a real PostgreSQL: its migrations, its own rules for writes (a user's
 * rights, the per-field merge), and its change log's order.
 */

let store: Awaited<ReturnType<typeof tempStore>>;
const clients: pg.Client[] = [];

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  clients.push(c);
  return c;
}

const NOW = Date.UTC(2026, 10, 2, 9, 0);
const userRow = (id: string, login: string, role: string, rights = '{}', personId: string | null = null) => ({
  id,
  created_at: NOW,
  updated_at: NOW,
  version: 1,
  login,
  display_name: login,
  password_hash: 'local-hash',
  role,
  rights,
  language: 'en',
  active: true,
  session_locked: false,
  favourites: '[]',
  start_page: 'module',
  person_id: personId,
});

/** Rows made by the owner, as a first workstation's push would (the owner may write anything). */
async function seedUser(owner: pg.Client, row: ReturnType<typeof userRow>): Promise<void> {
  const cols = Object.keys(row);
  await owner.query(`INSERT INTO cc.users (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_populate_record(NULL::cc.users, $1)`, [JSON.stringify(row)]);
}

type Outcome = { id: string; status: string; reason?: string; conflicts?: { field: string }[] };
const push = async (c: pg.Client, ws: string, mutations: unknown[]): Promise<Outcome[]> =>
  (await c.query<{ r: Outcome[] }>('SELECT cc.push($1, $2, $3, $4, $5) AS r', [ws, keyOf(ws), ws, JSON.stringify(mutations), NOW])).rows[0]!.r;
const keyOf = (ws: string) => `key-of-${ws}-0123456789`;
const row = (table: string, rowId: string, op: string, baseVersion: number, changes: Record<string, unknown>) => ({ table, rowId, op, baseVersion, changes });
const client = (id: string, name: string) => ({ id, created_at: NOW, updated_at: NOW, name, kind: 'company', country: 'RO' });

beforeAll(async () => {
  store = await tempStore();
  const owner = await connect(store.ownerUrl);
  await seedUser(owner, userRow('u-admin', 'sync_admin', 'admin'));
  await seedUser(owner, userRow('u-tech', 'sync_tech', 'technician', '{}', 'p-tech'));
  await seedUser(owner, userRow('u-op', 'sync_op', 'operator'));
  for (const login of ['sync_admin', 'sync_tech', 'sync_op']) await setStoreLogin(store.ownerUrl, login, 'pw-' + login);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  await store.dispose();
});

describe('the store', () => {
  it('is migrated once; migrating again changes nothing, and says its schema step', async () => {
    const again = await migrateStore(store.ownerUrl);
    expect(again.step).toBeGreaterThanOrEqual(2);
    const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    expect((await admin.query<{ v: string }>('SELECT cc.version() AS v')).rows[0]!.v).toBe(again.tag);
  });

  it('lets a user reach it only through its functions, as themselves', async () => {
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    // A hostile workstation with a user's credentials: no table can be read or written directly.
    await expect(op.query('SELECT * FROM cc.users')).rejects.toThrow(/permission denied/);
    await expect(op.query("UPDATE cc.users SET role = 'admin'")).rejects.toThrow(/permission denied/);
    await expect(op.query("INSERT INTO cc.log (txid, table_name, row_id) VALUES (pg_current_xact_id(), 'x', 'y')")).rejects.toThrow(/permission denied/);
    await expect(op.query('SELECT cc.apply_row(cc.me(), $1, $2, $3, $4)', ['w', 'm', '{}', NOW])).rejects.toThrow(/permission denied/);
    await expect(op.query("SELECT cc.set_login(cc.me(), 'u-op', 'x')")).rejects.toThrow(/permission denied/);
    // The store's administration is for administrators.
    await expect(op.query('SELECT * FROM cc.workstations_list()')).rejects.toThrow(/may not see the store's workstations/);
    // A wrong password is no way in.
    await expect(connect(store.urlFor('sync_op', 'wrong'))).rejects.toThrow(/password authentication failed/);
  });

  it('applies what a user may write, refuses the rest, each mutation all or nothing', async () => {
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    const out = await push(op, 'ws-op', [
      { id: 'm1', seq: 1, rows: [row('clients', 'c1', 'insert', 0, client('c1', 'Afine SRL'))] },
      // An operator may not make themselves an admin, nor change the administration's tables.
      { id: 'm2', seq: 2, rows: [row('clients', 'c2', 'insert', 0, client('c2', 'Brad SRL')), row('users', 'u-op', 'update', 1, { role: 'admin' })] },
      { id: 'm3', seq: 3, rows: [row('series', 's1', 'insert', 0, { id: 's1', created_at: NOW, updated_at: NOW, doc_type: 'intervention', prefix: 'X', end_number: 9 })] },
      // Their own preferences they may.
      { id: 'm4', seq: 4, rows: [row('users', 'u-op', 'update', 1, { language: 'ro' })] },
      { id: 'm5', seq: 5, rows: [row('no_such_table', 'x', 'insert', 0, {})] },
    ]);
    expect(out.map((o) => o.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted', 'rejected']);
    expect(out[1]!.reason).toMatch(/may not change users/);
    expect(out[4]!.reason).toMatch(/no table no_such_table/);
    const owner = await connect(store.ownerUrl);
    const names = (await owner.query<{ id: string }>("SELECT id FROM cc.clients WHERE id IN ('c1', 'c2') ORDER BY id")).rows.map((r) => r.id);
    // c2 went with the refused mutation it was part of.
    expect(names).toEqual(['c1']);
    expect((await owner.query("SELECT role, language FROM cc.users WHERE id = 'u-op'")).rows[0]).toEqual({ role: 'operator', language: 'ro' });
  });

  it('never applies a mutation twice, whatever is resent', async () => {
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    const m = { id: 'n1', seq: 1, rows: [row('clients', 'c9', 'insert', 0, client('c9', 'Cais SRL'))] };
    expect((await push(op, 'ws-resend', [m]))[0]!.status).toBe('accepted');
    expect((await push(op, 'ws-resend', [m, { ...m, id: 'n2', seq: 2, rows: [row('clients', 'c9', 'update', 1, { name: 'Cais Grup SRL' })] }])).map((o) => o.status)).toEqual([
      'duplicate',
      'accepted',
    ]);
    const owner = await connect(store.ownerUrl);
    expect((await owner.query("SELECT name, version::int AS version FROM cc.clients WHERE id = 'c9'")).rows[0]).toEqual({ name: 'Cais Grup SRL', version: 2 });
  });

  it('merges field by field: different fields both win; the same field keeps the first and records the other', async () => {
    const a = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    const b = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    await push(a, 'ws-a', [{ id: 'x1', seq: 1, rows: [row('clients', 'k1', 'insert', 0, { ...client('k1', 'Dacia SRL'), phone: '0211', email: 'a@x.test' })] }]);
    // Both based on version 1.
    await push(a, 'ws-a', [{ id: 'x2', seq: 2, rows: [row('clients', 'k1', 'update', 1, { phone: '0222' })] }]);
    const out = await push(b, 'ws-b', [{ id: 'y1', seq: 1, rows: [row('clients', 'k1', 'update', 1, { phone: '0333', email: 'b@x.test' })] }]);
    expect(out[0]).toMatchObject({ status: 'accepted', conflicts: [{ field: 'phone' }] });
    const owner = await connect(store.ownerUrl);
    expect((await owner.query("SELECT phone, email, version::int AS version FROM cc.clients WHERE id = 'k1'")).rows[0]).toEqual({ phone: '0222', email: 'b@x.test', version: 3 });
    const kept = await owner.query("SELECT field, theirs, kept, workstation_id FROM cc.conflicts WHERE row_id = 'k1'");
    expect(kept.rows).toEqual([{ field: 'phone', theirs: '0333', kept: '0222', workstation_id: 'ws-b' }]);
    // A workstation's own earlier change is no conflict for its next one.
    expect((await push(a, 'ws-a', [{ id: 'x3', seq: 3, rows: [row('clients', 'k1', 'update', 2, { phone: '0444' })] }]))[0]).toMatchObject({ status: 'accepted', conflicts: [] });
  });

  it('holds the status workflow: the status comes from the merged facts, and a closed intervention is read-only', async () => {
    const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    const owner = await connect(store.ownerUrl);
    const statusOf = async (id: string) => (await owner.query<{ status: string; version: number }>('SELECT status, version::int AS version FROM cc.interventions WHERE id = $1', [id])).rows[0];
    const iv = (id: string, extra: Record<string, unknown>) => ({ id, created_at: NOW, updated_at: NOW, doc_date: '2026-11-02', client_id: 'wf-c', ...extra });
    const planned = { planned_start: NOW, planned_end: NOW + 3_600_000, team_id: 'wf-team', verifier_id: 'wf-v' };
    const tech = (id: string, answer: string) => ({ id, created_at: NOW, updated_at: NOW, intervention_id: 'wf-1', person_id: 'wf-p', answer });
    let seq = 0;
    const one = async (...rows: ReturnType<typeof row>[]) => (await push(admin, 'ws-wf', [{ id: `wf-m${++seq}`, seq, rows }]))[0]!;
    expect((await one(row('clients', 'wf-c', 'insert', 0, client('wf-c', 'Flux SRL')))).status).toBe('accepted');
    // Sent as 'finalized' with nothing that finalizes it: the store keeps what the facts say.
    expect((await one(row('interventions', 'wf-1', 'insert', 0, iv('wf-1', { ...planned, status: 'finalized' })))).status).toBe('accepted');
    expect(await statusOf('wf-1')).toMatchObject({ status: 'allocated' });
    // Two technicians' answers from two workstations: the store's status follows both.
    await one(row('intervention_technicians', 'wf-t1', 'insert', 0, tech('wf-t1', 'accepted')));
    expect(await statusOf('wf-1')).toMatchObject({ status: 'confirmed' });
    await one(row('intervention_technicians', 'wf-t2', 'insert', 0, tech('wf-t2', 'rejected')));
    const back = await statusOf('wf-1');
    expect(back).toMatchObject({ status: 'taken' });
    // Finalized with its technicians' open answers closed in the same mutation: accepted.
    const closing = await one(
      row('interventions', 'wf-1', 'update', back!.version, { finalized_at: NOW, status: 'finalized', resolution: 'Done' }),
      row('intervention_technicians', 'wf-t2', 'update', 1, { answer: 'not_answered' }),
    );
    expect(closing.status).toBe('accepted');
    const closed = await statusOf('wf-1');
    expect(closed).toMatchObject({ status: 'finalized' });
    // Then read-only: a later edit is refused, its number (given late, offline) and its thread are not.
    const edit = await one(row('interventions', 'wf-1', 'update', closed!.version, { notes: 'changed after closing' }));
    expect(edit).toMatchObject({ status: 'rejected', code: '55000' });
    expect(edit.reason).toMatch(/is finalized: it is read-only/);
    expect((await one(row('intervention_technicians', 'wf-t1', 'update', 1, { answer: 'rejected' }))).status).toBe('rejected');
    expect((await one(row('interventions', 'wf-1', 'update', closed!.version, { number: 41 }))).status).toBe('accepted');
    expect((await one(row('intervention_messages', 'wf-msg', 'insert', 0, { id: 'wf-msg', created_at: NOW, updated_at: NOW, intervention_id: 'wf-1', at: NOW, body: 'Invoice sent', kind: 'note' }))).status).toBe('accepted');
    expect(await statusOf('wf-1')).toMatchObject({ status: 'finalized' });
  });

  it('hands out changes in one order, never past a transaction that has not ended', async () => {
    const owner = await connect(store.ownerUrl);
    const reader = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    const pull = async (after: { txid: string; seq: number }) =>
      (await reader.query<{ txid: string; seq: string; row_id: string }>('SELECT txid::text, seq, row_id FROM cc.pull($1::xid8, $2, 1000)', [after.txid, after.seq])).rows;
    const all = await pull({ txid: '0', seq: 0 });
    const end = { txid: all[all.length - 1]!.txid, seq: Number(all[all.length - 1]!.seq) };
    // A slow transaction starts and writes first; a quick one writes and commits after it.
    const slow = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    await slow.query('BEGIN');
    await push(slow, 'ws-slow', [{ id: 's1', seq: 1, rows: [row('clients', 'late', 'insert', 0, client('late', 'Late SRL'))] }]);
    const quick = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    await push(quick, 'ws-quick', [{ id: 'q1', seq: 1, rows: [row('clients', 'early', 'insert', 0, client('early', 'Early SRL'))] }]);
    // The quick one committed, but it comes after the slow one in the order: not handed out yet.
    expect((await pull(end)).map((r) => r.row_id)).toEqual([]);
    await slow.query('COMMIT');
    expect((await pull(end)).map((r) => r.row_id)).toEqual(['late', 'early']);
    void owner;
  });

  it('knows a workstation by its key: nobody pushes or reports under another workstation\'s id', async () => {
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    expect((await push(op, 'ws-keyed', [{ id: 'k1', seq: 1, rows: [row('clients', 'kc1', 'insert', 0, client('kc1', 'Keyed SRL'))] }]))[0]!.status).toBe('accepted');
    const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    // Another user (or a copied id) with a key of their own: refused, and the outbox position stays.
    const forged = JSON.stringify([{ id: 'k9', seq: 999, rows: [] }]);
    await expect(admin.query('SELECT cc.push($1, $2, $3, $4, $5)', ['ws-keyed', 'a-key-of-my-own-0123456789', 'x', forged, NOW])).rejects.toThrow(/belongs to another workstation/);
    await expect(admin.query('SELECT * FROM cc.workstation($1, $2, $3, $4)', ['ws-keyed', 'a-key-of-my-own-0123456789', NOW, 0])).rejects.toThrow(/belongs to another workstation/);
    await expect(admin.query('SELECT cc.push($1, $2, $3, $4, $5)', ['ws-short', 'short', 'x', '[]', NOW])).rejects.toThrow(/key of 16 to 200 characters/);
    const owner = await connect(store.ownerUrl);
    expect((await owner.query("SELECT last_seq::int AS s FROM cc.workstations WHERE id = 'ws-keyed'")).rows[0]).toEqual({ s: 1 });
    // Its own key still works, from any of its users.
    expect((await push(admin, 'ws-keyed', [{ id: 'k2', seq: 2, rows: [] }]))[0]!.status).toBe('accepted');
  });

  it('never deadlocks two pushes of the same rows in opposite orders: both are applied whole', async () => {
    const owner = await connect(store.ownerUrl);
    const a = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    const b = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    const ids = ['dl-1', 'dl-2', 'dl-mid'];
    await push(b, 'ws-dl-seed', ids.map((id, i) => ({ id: `dls${i}`, seq: i + 1, rows: [row('clients', id, 'insert', 0, client(id, `Lock ${id} SRL`))] })));
    // The middle row held by someone else, so that each push has taken its first row when the
    // middle one frees: in the old per-row order A then held dl-1 and wanted dl-2, B the reverse.
    await owner.query('BEGIN');
    await owner.query("SELECT 1 FROM cc.clients WHERE id = 'dl-mid' FOR UPDATE");
    const pids = [(await a.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]!.p, (await b.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]!.p];
    const one = (ws: string, id: string, seq: number, changes: Record<string, unknown>) => ({ id: `${id}-${ws}-${seq}`, seq, rows: [row('clients', id, 'update', 1, changes)] });
    const fromA = push(a, 'ws-dl-a', [one('a', 'dl-1', 1, { phone: 'a1' }), one('a', 'dl-mid', 2, { phone: 'a-mid' }), one('a', 'dl-2', 3, { phone: 'a2' })]);
    const fromB = push(b, 'ws-dl-b', [one('b', 'dl-2', 1, { email: 'b2@x.test' }), one('b', 'dl-mid', 2, { email: 'bm@x.test' }), one('b', 'dl-1', 3, { email: 'b1@x.test' })]);
    // Both waiting on a lock before the middle row frees.
    const waiting = async () => (await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY ($1) AND wait_event_type = 'Lock'", [pids])).rows[0]!.n;
    for (let i = 0; (await waiting()) < 2; i++) {
      if (i > 3000) throw new Error('the two pushes never both waited for a lock');
      await new Promise((r) => setTimeout(r, 10));
    }
    await owner.query('COMMIT');
    const [outA, outB] = await Promise.all([fromA, fromB]);
    expect([...outA, ...outB].map((o) => [o.id, o.status, o.reason ?? ''])).toEqual([
      ['dl-1-a-1', 'accepted', ''],
      ['dl-mid-a-2', 'accepted', ''],
      ['dl-2-a-3', 'accepted', ''],
      ['dl-2-b-1', 'accepted', ''],
      ['dl-mid-b-2', 'accepted', ''],
      ['dl-1-b-3', 'accepted', ''],
    ]);
    const rows = await owner.query("SELECT id, phone, email FROM cc.clients WHERE id LIKE 'dl-%' ORDER BY id");
    expect(rows.rows).toEqual([
      { id: 'dl-1', phone: 'a1', email: 'b1@x.test' },
      { id: 'dl-2', phone: 'a2', email: 'b2@x.test' },
      { id: 'dl-mid', phone: 'a-mid', email: 'bm@x.test' },
    ]);
  });

  it('takes "try again" (a lock it could not get in time) for no refusal: the push fails whole and is sent again', async () => {
    const owner = await connect(store.ownerUrl);
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    await push(op, 'ws-lt-seed', [{ id: 'lts1', seq: 1, rows: [row('clients', 'lt-1', 'insert', 0, client('lt-1', 'Busy SRL'))] }]);
    await owner.query('BEGIN');
    await owner.query("SELECT 1 FROM cc.clients WHERE id = 'lt-1' FOR UPDATE");
    await op.query("SET lock_timeout = '50ms'");
    const m = [{ id: 'lt-m1', seq: 1, rows: [row('clients', 'lt-1', 'update', 1, { phone: '0700' })] }];
    await expect(push(op, 'ws-lt', m)).rejects.toMatchObject({ code: '55P03' });
    await owner.query('COMMIT');
    // Nothing of it stayed, not even its place in the outbox: sent again, it is applied.
    expect((await push(op, 'ws-lt', m))[0]).toMatchObject({ status: 'accepted' });
    expect((await owner.query("SELECT phone FROM cc.clients WHERE id = 'lt-1'")).rows[0]).toEqual({ phone: '0700' });
  });

  it('is pushed to again by the workstation when it answered "try again", until it takes the push', async () => {
    const owner = await connect(store.ownerUrl);
    const seed = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    await push(seed, 'ws-rt-seed', [{ id: 'rts1', seq: 1, rows: [row('clients', 'rt-1', 'insert', 0, client('rt-1', 'Retry SRL'))] }]);
    // The workstation's connection gives up on a lock after 50 ms.
    const url = new URL(store.urlFor('sync_op', 'pw-sync_op'));
    url.searchParams.set('options', '-c lock_timeout=50ms');
    const ws = await StoreConnection.open(url.toString());
    // Watched from outside the lock holder's transaction (its view of pg_stat_activity stands still).
    const watcher = await connect(store.ownerUrl);
    try {
      await owner.query('BEGIN');
      await owner.query("SELECT 1 FROM cc.clients WHERE id = 'rt-1' FOR UPDATE");
      const mutation = { id: 'rt-m1', seq: 1, userId: 'u-op', rows: [{ table: 'clients', rowId: 'rt-1', op: 'update' as const, baseVersion: 1, changes: { phone: '0711' } }] };
      const pushed = ws.push({ id: 'ws-rt', key: keyOf('ws-rt') }, 'ws-rt', [mutation], NOW);
      // The lock is held through the first attempt and freed during a later one.
      const attempt = async () =>
        (await watcher.query<{ s: Date }>("SELECT query_start AS s FROM pg_stat_activity WHERE usename = 'cc_u_sync_op' AND wait_event_type = 'Lock'")).rows[0]?.s.getTime();
      let first: number | undefined;
      for (let i = 0; ; i++) {
        const at = await attempt();
        if (first === undefined) first = at;
        else if (at !== undefined && at !== first) break;
        if (i > 10_000) throw new Error('the workstation never tried its push a second time');
        await new Promise((r) => setTimeout(r, 2));
      }
      await owner.query('COMMIT');
      expect(await pushed).toMatchObject([{ id: 'rt-m1', status: 'accepted' }]);
      expect((await owner.query("SELECT phone FROM cc.clients WHERE id = 'rt-1'")).rows[0]).toEqual({ phone: '0711' });
    } finally {
      await ws.close();
    }
  });

  describe('a technician limited to their own interventions', () => {
    const person = (id: string, name: string) => ({ id, created_at: NOW, updated_at: NOW, name, is_technician: true });
    const intervention = (id: string, clientId: string, extra: Record<string, unknown> = {}) => ({ id, created_at: NOW, updated_at: NOW, doc_date: '2026-11-02', client_id: clientId, ...extra });
    const contact = (id: string, clientId: string) => ({ id, created_at: NOW, updated_at: NOW, client_id: clientId, name: 'Ana ' + id });
    const tech = (id: string, iv: string, p: string) => ({ id, created_at: NOW, updated_at: NOW, intervention_id: iv, person_id: p });
    const note = (id: string, iv: string, body: string) => ({ id, created_at: NOW, updated_at: NOW, intervention_id: iv, at: NOW, body, kind: 'note' });
    let cursor = { txid: '0', seq: 0 };

    beforeAll(async () => {
      const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
      const owner = await connect(store.ownerUrl);
      // Everything before this point is not the technician's to judge here: pull from now on.
      const end = (await owner.query<{ txid: string; seq: string }>('SELECT txid::text, seq FROM cc.log ORDER BY txid DESC, seq DESC LIMIT 1')).rows[0]!;
      cursor = { txid: end.txid, seq: Number(end.seq) };
      const out = await push(admin, 'ws-dispatch', [
        { id: 'd1', seq: 1, rows: [row('personnel', 'p-tech', 'insert', 0, person('p-tech', 'Radu')), row('personnel', 'p-other', 'insert', 0, person('p-other', 'Dan'))] },
        { id: 'd2', seq: 2, rows: [row('clients', 'mine-c', 'insert', 0, client('mine-c', 'Mine SRL')), row('contact_persons', 'mine-k', 'insert', 0, contact('mine-k', 'mine-c'))] },
        { id: 'd3', seq: 3, rows: [row('clients', 'other-c', 'insert', 0, client('other-c', 'Other SRL')), row('contact_persons', 'other-k', 'insert', 0, contact('other-k', 'other-c'))] },
        // The technician's note lands before they are put on the intervention: it must still reach them.
        { id: 'd4', seq: 4, rows: [row('interventions', 'iv-mine', 'insert', 0, intervention('iv-mine', 'mine-c', { contact_person_id: 'mine-k' })), row('intervention_messages', 'msg-early', 'insert', 0, note('msg-early', 'iv-mine', 'before'))] },
        { id: 'd5', seq: 5, rows: [row('interventions', 'iv-other', 'insert', 0, intervention('iv-other', 'other-c')), row('intervention_technicians', 't-other', 'insert', 0, tech('t-other', 'iv-other', 'p-other'))] },
        { id: 'd6', seq: 6, rows: [row('intervention_technicians', 't-mine', 'insert', 0, tech('t-mine', 'iv-mine', 'p-tech'))] },
        { id: 'd7', seq: 7, rows: [row('intervention_messages', 'msg-other', 'insert', 0, note('msg-other', 'iv-other', 'secret'))] },
      ]);
      expect(out.map((o) => o.status)).toEqual(Array(7).fill('accepted'));
    });

    it('receives only their interventions, with their clients, contacts and threads, parents first', async () => {
      const t = await connect(store.urlFor('sync_tech', 'pw-sync_tech'));
      const got = (await t.query<{ table_name: string; row_id: string; data: unknown }>('SELECT table_name, row_id, data FROM cc.pull($1::xid8, $2, 1000)', [cursor.txid, cursor.seq])).rows;
      const seen = got.filter((r) => r.table_name !== '').map((r) => `${r.table_name}:${r.row_id}`);
      expect(new Set(seen)).toEqual(
        new Set(['personnel:p-tech', 'personnel:p-other', 'clients:mine-c', 'contact_persons:mine-k', 'interventions:iv-mine', 'intervention_technicians:t-mine', 'intervention_messages:msg-early']),
      );
      expect(seen.join(' ')).not.toMatch(/other-c|other-k|iv-other|t-other|msg-other/);
      // An intervention never comes before its client and contact; its thread never before it.
      const at = (k: string) => seen.indexOf(k);
      expect(at('clients:mine-c')).toBeLessThan(at('interventions:iv-mine'));
      expect(at('contact_persons:mine-k')).toBeLessThan(at('interventions:iv-mine'));
      expect(at('interventions:iv-mine')).toBeLessThan(at('intervention_messages:msg-early'));
      // What they may not read still moves their cursor on, as bare positions.
      expect(got.filter((r) => r.table_name === '').every((r) => r.data === null && r.row_id === '')).toBe(true);
      expect(got.some((r) => r.table_name === '')).toBe(true);
    });

    it('reads the tables directly only within their scope, and never the store\'s own columns (row-level security)', async () => {
      const t = await connect(store.urlFor('sync_tech', 'pw-sync_tech'));
      const ids = async (sql: string) => (await t.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();
      expect(await ids('SELECT id FROM cc.interventions')).toEqual(['iv-mine']);
      expect(await ids('SELECT id FROM cc.clients')).toEqual(['mine-c']);
      expect(await ids('SELECT id FROM cc.contact_persons')).toEqual(['mine-k']);
      expect(await ids('SELECT id FROM cc.intervention_technicians')).toEqual(['t-mine']);
      expect(await ids('SELECT id FROM cc.intervention_messages')).toEqual(['msg-early']);
      // What every workstation needs is everyone's.
      expect(await ids("SELECT id FROM cc.personnel WHERE id IN ('p-tech', 'p-other')")).toEqual(['p-other', 'p-tech']);
      await expect(t.query('SELECT cc_fields FROM cc.interventions')).rejects.toThrow(/permission denied/);
      await expect(t.query('SELECT password_hash FROM cc.users')).rejects.toThrow(/permission denied/);
      await expect(t.query('SELECT * FROM cc.log')).rejects.toThrow(/permission denied/);
      await expect(t.query('SELECT * FROM cc.conflicts')).rejects.toThrow(/permission denied/);
      await expect(t.query("UPDATE cc.interventions SET notes = 'x' WHERE id = 'iv-mine'")).rejects.toThrow(/permission denied/);
      // An administrator reads all of them.
      const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
      expect((await admin.query<{ id: string }>("SELECT id FROM cc.interventions WHERE id IN ('iv-mine', 'iv-other') ORDER BY id")).rows.map((r) => r.id)).toEqual(['iv-mine', 'iv-other']);
    });

    it('may change their intervention and create one, not change another\'s', async () => {
      const t = await connect(store.urlFor('sync_tech', 'pw-sync_tech'));
      const out = await push(t, 'ws-laptop', [
        { id: 'l1', seq: 1, rows: [row('interventions', 'iv-mine', 'update', 1, { notes: 'replaced the pump' })] },
        { id: 'l2', seq: 2, rows: [row('interventions', 'iv-other', 'update', 1, { notes: 'hostile' })] },
        { id: 'l3', seq: 3, rows: [row('intervention_messages', 'msg-x', 'insert', 0, note('msg-x', 'iv-other', 'hostile'))] },
        // Moving a note of theirs onto another's intervention is changing that one.
        { id: 'l4', seq: 4, rows: [row('intervention_messages', 'msg-early', 'update', 1, { intervention_id: 'iv-other' })] },
        { id: 'l5', seq: 5, rows: [row('interventions', 'iv-new', 'insert', 0, intervention('iv-new', 'mine-c')), row('intervention_technicians', 't-new', 'insert', 0, tech('t-new', 'iv-new', 'p-tech'))] },
      ]);
      expect(out.map((o) => o.status)).toEqual(['accepted', 'rejected', 'rejected', 'rejected', 'accepted']);
      for (const o of out.slice(1, 4)) expect(o.reason).toMatch(/outside their scope/);
      const owner = await connect(store.ownerUrl);
      expect((await owner.query("SELECT id, notes FROM cc.interventions WHERE id IN ('iv-mine', 'iv-other') ORDER BY id")).rows).toEqual([
        { id: 'iv-mine', notes: 'replaced the pump' },
        { id: 'iv-other', notes: null },
      ]);
      expect((await owner.query("SELECT intervention_id FROM cc.intervention_messages WHERE id = 'msg-early'")).rows[0]).toEqual({ intervention_id: 'iv-mine' });
    });

    it("gives a file's bytes only to those who may read an attachment of it, checked against its hash", async () => {
      const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
      const t = await connect(store.urlFor('sync_tech', 'pw-sync_tech'));
      const PART = 1024 * 1024;
      const bytes = Buffer.alloc(PART + 300, 7);
      bytes.write('a report of the other intervention');
      const sha = createHash('sha256').update(bytes).digest('hex');
      const attachment = (id: string) => ({ id, created_at: NOW, updated_at: NOW, sha256: sha, size: bytes.length, mime_type: 'application/pdf', file_name: 'report.pdf', created_by: 'u-admin' });
      const out = await push(admin, 'ws-dispatch', [
        { id: 'f1', seq: 20, rows: [row('attachments', 'att-other', 'insert', 0, attachment('att-other')), row('intervention_messages', 'msg-file', 'insert', 0, { ...note('msg-file', 'iv-other', ''), attachment_id: 'att-other' })] },
      ]);
      expect(out[0]!.status).toBe('accepted');
      const put = (c: pg.Client, part: number, data: Buffer) => c.query<{ r: string }>('SELECT cc.put_file_part($1, $2, $3, $4, $5) AS r', [sha, bytes.length, part, data, NOW]).then((r) => r.rows[0]!.r);
      const state = (c: pg.Client) => c.query<{ sha256: string; parts: number; complete: boolean }>('SELECT sha256, parts, complete FROM cc.file_state($1::text[])', [[sha]]).then((r) => r.rows);
      // Parts of the wrong length, or past the end, are refused; other bytes under its hash are not kept.
      await expect(put(admin, 0, bytes.subarray(0, 10))).rejects.toThrow(/Part 0 of this file has 1048576 bytes, not 10/);
      await expect(put(admin, 2, bytes.subarray(0, 300))).rejects.toThrow(/parts 0 to 1, not 2/);
      expect(await put(admin, 0, Buffer.alloc(PART, 1))).toBe('partial');
      expect(await put(admin, 1, bytes.subarray(PART))).toBe('mismatch');
      expect(await state(admin)).toEqual([{ sha256: sha, parts: 0, complete: false }]);
      // The right bytes, in any order, once each (a part sent again changes nothing).
      expect(await put(admin, 1, bytes.subarray(PART))).toBe('partial');
      expect(await put(admin, 1, bytes.subarray(PART))).toBe('partial');
      expect(await put(admin, 0, bytes.subarray(0, PART))).toBe('complete');
      expect(await put(admin, 0, bytes.subarray(0, PART))).toBe('complete');
      expect(await state(admin)).toEqual([{ sha256: sha, parts: 2, complete: true }]);
      const got = await admin.query<{ data: Buffer }>('SELECT cc.get_file_part($1, 1) AS data', [sha]);
      expect(Buffer.compare(got.rows[0]!.data, bytes.subarray(PART))).toBe(0);
      // The technician's scope does not hold that intervention: nothing of the file is theirs.
      expect(await state(t)).toEqual([]);
      await expect(t.query('SELECT cc.get_file_part($1, 0)', [sha])).rejects.toThrow(/may not have this file/);
      await expect(put(t, 0, bytes.subarray(0, PART))).rejects.toThrow(/has no attachment with this file/);
      await expect(t.query('SELECT * FROM cc.file_parts')).rejects.toThrow(/permission denied/);
    });
  });

  it('reserves numbers in blocks that never overlap; the counter moves only there, and a number is held once', async () => {
    const admin = await connect(store.urlFor('sync_admin', 'pw-sync_admin'));
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    const ser = { id: 'ser-b', created_at: NOW, updated_at: NOW, doc_type: 'intervention', prefix: 'B', next_number: 1, end_number: 150 };
    expect((await push(admin, 'ws-admin-n', [{ id: 'sb1', seq: 1, rows: [row('series', 'ser-b', 'insert', 0, ser)] }]))[0]!.status).toBe('accepted');
    const reserve = (c: pg.Client, ws: string, count: number) =>
      c.query<{ first_number: string; last_number: string }>('SELECT * FROM cc.reserve_numbers($1, $2, $3, $4, $5)', [ws, keyOf(ws), 'ser-b', count, NOW]).then((r) => r.rows[0]!);
    // Two workstations at once: disjoint blocks, whatever the interleaving.
    const [x, y] = await Promise.all([reserve(op, 'ws-n1', 100), reserve(admin, 'ws-n2', 100)]);
    const blocks = [x, y].map((b) => [Number(b.first_number), Number(b.last_number)]).sort((p, q) => p[0]! - q[0]!);
    expect(blocks).toEqual([
      [1, 100],
      [101, 150],
    ]);
    await expect(reserve(op, 'ws-n1', 10)).rejects.toThrow(/has run out of numbers/);
    await expect(reserve(op, 'ws-n1', 0)).rejects.toThrow(/1 to 1000 numbers/);
    // An operator cannot move the counter back by a push any more.
    const back = await push(op, 'ws-n1', [{ id: 'sb2', seq: 1, rows: [row('series', 'ser-b', 'update', 2, { next_number: 1 })] }]);
    expect(back[0]!.status).toBe('rejected');
    expect(back[0]!.reason).toMatch(/may not change series/);
    // Nor give a number twice.
    const iv = (id: string) => ({ id, created_at: NOW, updated_at: NOW, doc_date: '2026-11-02', client_id: 'c1', series_id: 'ser-b', number: 7, valid: true });
    const twice = await push(op, 'ws-n1', [
      { id: 'sb3', seq: 2, rows: [row('interventions', 'iv-n7', 'insert', 0, iv('iv-n7'))] },
      { id: 'sb4', seq: 3, rows: [row('interventions', 'iv-n7b', 'insert', 0, iv('iv-n7b'))] },
    ]);
    expect(twice.map((o) => o.status)).toEqual(['accepted', 'rejected']);
    expect(twice[1]!.reason).toMatch(/interventions_series_number/);
  });

  it("sets a store login's password only from a verifier pushed by an administrator or the user themself", async () => {
    const op = await connect(store.urlFor('sync_op', 'pw-sync_op'));
    const forAdmin = await storeVerifier('taken-over');
    const hostile = await push(op, 'ws-pw', [{ id: 'pw1', seq: 1, rows: [row('users', 'u-admin', 'update', 1, { store_verifier: forAdmin })] }]);
    expect(hostile[0]!.status).toBe('rejected');
    await expect(connect(store.urlFor('sync_admin', 'taken-over'))).rejects.toThrow(/password authentication failed/);
    const garbage = await push(op, 'ws-pw', [{ id: 'pw2', seq: 2, rows: [row('users', 'u-op', 'update', 1, { store_verifier: "x' SUPERUSER" })] }]);
    expect(garbage[0]!.reason).toMatch(/SCRAM-SHA-256 verifier/);
    const own = await push(op, 'ws-pw', [{ id: 'pw3', seq: 3, rows: [row('users', 'u-op', 'update', 1, { store_verifier: await storeVerifier('my-new-pw') })] }]);
    expect(own[0]!.status).toBe('accepted');
    const again = await connect(store.urlFor('sync_op', 'my-new-pw'));
    expect((await again.query<{ v: string }>('SELECT cc.version() AS v')).rows[0]!.v).toMatch(/^\d{4}_/);
  });
});
