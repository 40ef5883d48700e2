import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateStore, setStoreLogin } from '../../src/main/sync/store-admin';
import { tempStore } from '../support/store';

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
const userRow = (id: string, login: string, role: string, rights = '{}') => ({
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
});

/** Rows made by the owner, as a first workstation's push would (the owner may write anything). */
async function seedUser(owner: pg.Client, row: ReturnType<typeof userRow>): Promise<void> {
  const cols = Object.keys(row);
  await owner.query(`INSERT INTO cc.users (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_populate_record(NULL::cc.users, $1)`, [JSON.stringify(row)]);
}

type Outcome = { id: string; status: string; reason?: string; conflicts?: { field: string }[] };
const push = async (c: pg.Client, ws: string, mutations: unknown[]): Promise<Outcome[]> =>
  (await c.query<{ r: Outcome[] }>('SELECT cc.push($1, $2, $3, $4) AS r', [ws, ws, JSON.stringify(mutations), NOW])).rows[0]!.r;
const row = (table: string, rowId: string, op: string, baseVersion: number, changes: Record<string, unknown>) => ({ table, rowId, op, baseVersion, changes });
const client = (id: string, name: string) => ({ id, created_at: NOW, updated_at: NOW, name, kind: 'company', country: 'RO' });

beforeAll(async () => {
  store = await tempStore();
  const owner = await connect(store.ownerUrl);
  await seedUser(owner, userRow('u-admin', 'sync_admin', 'admin'));
  await seedUser(owner, userRow('u-tech', 'sync_tech', 'technician'));
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
});
