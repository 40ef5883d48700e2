import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { gridView, type GridView } from '../../src/shared/grid/query';
import { defaultLayout } from '../../src/shared/grid/views';
import type { GridRow } from '../../src/shared/grid/columns';
import { demoApp, type DemoApp } from '../support/demo-app';
import { clients, interventions, products } from '../../src/main/db/schema';
import { GRID_SOURCES } from '../../src/shared/api/capabilities';
import type { Events } from '../../src/shared/api/contract';
import { createRecord, deleteRecord, updateRecord } from '../../src/main/core/records';
import { SYSTEM } from '../../src/main/core/context';
import { createUser } from '../../src/main/auth/users';
import { createIntervention } from "../../src/main/interventions/commands";

let d: DemoApp;
let dispatch: Dispatch;
let admin: Caller;
const MADE = new Date('2026-11-20T10:00:00Z');
/** How far the app's clock has been moved on from MADE (the exports' retention test moves it). */
let later = 0;

beforeAll(async () => {
  d = demoApp(3000, MADE, () => MADE.getTime() + later);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  admin = { transport: 'ipc', token: null };
  expect((await dispatch(admin, 'auth.login', { login: 'admin', password: 'demo' })).ok).toBe(true);
});
afterAll(() => d.dispose());

const view = (v: Partial<GridView> = {}): GridView => gridView.parse(v);
const sql = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).all(...p) as T[];
async function call<T>(method: string, input: unknown, caller = admin): Promise<T> {
  const r = await dispatch(caller, method, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}
const rows = (v: GridView, position = 0, limit = 100, path: unknown[] = []) =>
  call<{ rows: GridRow[]; total: number }>('interventions.grid.rows', { view: v, path, position, limit });

describe('grid rows', () => {
  it('gives the first page in date order, newest first, with every column', async () => {
    const r = await rows(view());
    const expected = sql<{ id: string }>('SELECT id FROM interventions WHERE deleted_at IS NULL ORDER BY doc_date DESC, rowid DESC LIMIT 100');
    expect(r.total).toBe(3000);
    expect(r.rows.map((x) => x.id)).toEqual(expected.map((x) => x.id));
    expect(Object.keys(r.rows[0]!)).toEqual(expect.arrayContaining(['client', 'requestType', 'class1', 'commercialZone', 'takenBy', 'contactPerson', 'version']));
  });

  it('gives any window, deep in the view, the same rows the order says', async () => {
    const expected = sql<{ id: string }>('SELECT id FROM interventions WHERE deleted_at IS NULL ORDER BY doc_date DESC, rowid DESC LIMIT 50 OFFSET 2950');
    const r = await rows(view(), 2950, 100);
    expect(r.rows.map((x) => x.id)).toEqual(expected.map((x) => x.id));
    const last = await rows(view(), 2999, 100);
    expect(last.rows).toHaveLength(1);
  });

  it('sorts by client name as people read it (accents and case folded), on its index', async () => {
    const r = await rows(view({ sort: [{ column: 'client', desc: false }] }), 1000, 20);
    // The order worked out here from the names themselves, not from the stored key.
    const all = sql<{ id: string; name: string; rowid: number }>('SELECT i.id, c.name, i.rowid FROM interventions i JOIN clients c ON c.id = i.client_id WHERE i.deleted_at IS NULL');
    const folded = (n: string) => n.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/^[^\p{L}\p{N}]+/u, '');
    all.sort((a, b) => (folded(a.name) < folded(b.name) ? -1 : folded(a.name) > folded(b.name) ? 1 : a.rowid - b.rowid));
    expect(r.rows.map((x) => x.id)).toEqual(all.slice(1000, 1020).map((x) => x.id));
    // Names with diacritics sit among their letter, not after Z.
    const names = all.map((x) => x.name);
    const withCedilla = names.findIndex((n) => /^[ȘŞ]/.test(n));
    if (withCedilla >= 0) expect(folded(names[withCedilla + 1] ?? 's')[0]).toBe('s');
  });

  it('filters by status, client and dates together', async () => {
    const [client] = sql<{ client_id: string }>('SELECT client_id FROM interventions GROUP BY client_id ORDER BY count(*) DESC LIMIT 1');
    const v = view({ filters: { statuses: ['finalized'], clientIds: [client!.client_id], docDateFrom: '2026-01-01', docDateTo: '2026-12-31' } });
    const r = await rows(v, 0, 500);
    const [{ n }] = sql<{ n: number }>(
      "SELECT count(*) AS n FROM interventions WHERE status = 'finalized' AND client_id = ? AND doc_date BETWEEN '2026-01-01' AND '2026-12-31' AND deleted_at IS NULL",
      client!.client_id,
    ) as [{ n: number }];
    expect(r.total).toBe(n);
    expect(r.rows.every((x) => x.status === 'finalized')).toBe(true);
  });

  it('finds by quick search with and without diacritics, by phone and by number', async () => {
    const [c] = sql<{ name: string; phone: string }>(
      "SELECT c.name, c.phone FROM clients c JOIN interventions i ON i.client_id = c.id WHERE c.name LIKE '%ș%' OR c.name LIKE '%ã%' OR c.name LIKE '%à%' LIMIT 1",
    );
    const word = c!.name.split(' ').find((w) => /[șãàíç]/.test(w))!;
    const plain = word.normalize('NFD').replace(/\p{Diacritic}/gu, '');
    const withMarks = await rows(view({ filters: { search: word } }));
    const without = await rows(view({ filters: { search: plain } }));
    expect(withMarks.total).toBeGreaterThan(0);
    expect(without.total).toBe(withMarks.total);
    const national = c!.phone.replace(/^\+\d{2}/, '0');
    expect((await rows(view({ filters: { search: c!.phone } }))).total).toBeGreaterThan(0);
    const byNational = await rows(view({ filters: { search: c!.phone.slice(-9) } }));
    expect(byNational.total, national).toBeGreaterThan(0);
    const [num] = sql<{ number: number }>('SELECT number FROM interventions WHERE number > 1000 LIMIT 1');
    const byNumber = await rows(view({ filters: { search: String(num!.number) } }));
    expect(byNumber.rows.map((x) => x.number)).toContain(num!.number);
  });

  it('treats search syntax as plain text', async () => {
    for (const s of ['"', 'NEAR(', 'client:x', '*', 'a OR b AND NOT', "'; DROP TABLE interventions; --"]) {
      const r = await dispatch(admin, 'interventions.grid.rows', { view: view({ filters: { search: s } }), path: [], position: 0, limit: 10 });
      expect(r.ok, s).toBe(true);
    }
  });
});

describe('quick search stays current with writes', () => {
  it('finds a new intervention at once, and its client under a new name after a rename', async () => {
    const s = d.app.ctx;
    const client = createRecord(s, SYSTEM, clients, { kind: 'company', name: 'Zmeură Instalații Unice SRL', country: 'RO', phone: '+40744111222' });
    const [series] = sql<{ id: string }>("SELECT id FROM series WHERE doc_type = 'intervention'");
    const made = createIntervention(s, SYSTEM, { docDate: '2026-11-20', clientId: client.id, seriesId: series!.id, objectText: 'Pompă de căldură' }, { validate: true });
    expect((await rows(view({ filters: { search: 'Zmeura unice' } }))).rows.map((r) => r.id)).toEqual([made.id]);
    expect((await rows(view({ filters: { search: '0744111222' } }))).rows.map((r) => r.id)).toEqual([made.id]);
    expect((await rows(view({ filters: { search: 'pompa caldura' } }))).rows.map((r) => r.id)).toContain(made.id);
    updateRecord(s, SYSTEM, clients, client.id, client.version, { name: 'Afine Termo SRL' });
    expect((await rows(view({ filters: { search: 'Afine termo' } }))).rows.map((r) => r.id)).toEqual([made.id]);
    expect((await rows(view({ filters: { search: 'Zmeura unice' } }))).total).toBe(0);
    deleteRecord(s, SYSTEM, interventions, made.id, made.version);
    expect((await rows(view({ filters: { search: 'Afine termo' } }))).total).toBe(0);
  });

  it("names each intervention's technicians in name order, follows a new team at once, and sorts by them", async () => {
    const [iv] = sql<{ id: string; version: number }>(
      "SELECT id, version FROM interventions WHERE deleted_at IS NULL AND status IN ('taken', 'allocated') AND planned_start IS NOT NULL ORDER BY id LIMIT 1",
    );
    const people = sql<{ id: string; name: string }>('SELECT id, name FROM personnel WHERE is_technician = 1 AND active = 1 AND deleted_at IS NULL ORDER BY name DESC, id LIMIT 2');
    const detail = await call<{ version: number }>('interventions.assignTechnicians', { id: iv!.id, version: iv!.version, personIds: people.map((p) => p.id) });
    expect(detail.version).toBeGreaterThan(iv!.version);
    const sorted = view({ sort: [{ column: 'technicians', desc: false }] });
    const found: GridRow[] = [];
    for (let position = 0; position < 3000; position += 500) found.push(...(await rows(sorted, position, 500)).rows);
    expect(found).toHaveLength(3000);
    const row = found.find((r) => r.id === iv!.id)!;
    // Chosen in reverse name order, shown in name order.
    expect(row.technicians).toBe(people.map((p) => p.name).reverse().join(', '));
    // Rows without technicians first (NULL), then by the names' text, as SQLite compares it.
    const shown = found.map((r) => r.technicians as string | null);
    expect(shown).toEqual([...shown].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1)));
  });
});

describe('grid groups', () => {
  it("lists for a technician only what still waits for their own answer", async () => {
    // The demo 'technician' login is linked to a person; log in as that user to ask as them.
    const tech: Caller = { transport: 'ipc', token: null };
    expect((await dispatch(tech, 'auth.login', { login: 'technician', password: 'demo' })).ok).toBe(true);
    const [me] = sql<{ person_id: string }>("SELECT person_id FROM users WHERE login = 'technician'");
    const expected = sql<{ id: string }>(
      `SELECT i.id FROM interventions i WHERE i.deleted_at IS NULL AND i.status NOT IN ('finalized', 'cancelled')
         AND i.id IN (SELECT intervention_id FROM intervention_technicians WHERE person_id = ? AND answer = 'pending' AND deleted_at IS NULL)
       ORDER BY i.doc_date DESC, i.rowid DESC`,
      me!.person_id,
    );
    expect(expected.length).toBeGreaterThan(0);
    const r = await call<{ rows: GridRow[]; total: number }>('interventions.grid.rows', { view: view({ filters: { myAnswer: true } }), path: [], position: 0, limit: 500 }, tech);
    expect(r.total).toBe(expected.length);
    expect(r.rows.map((x) => x.id)).toEqual(expected.map((x) => x.id));
    // The admin's person has answers of its own (or none): never the technician's list.
    const forAdmin = await rows(view({ filters: { myAnswer: true } }));
    expect(forAdmin.rows.map((x) => x.id)).not.toEqual(expected.map((x) => x.id));
  });

  it('counts by status in workflow order, adding up to the total', async () => {
    const groups = await call<{ key: string; count: number }[]>('interventions.grid.groups', { view: view({ groupBy: ['status'] }), path: [] });
    const order = ['taken', 'allocated', 'confirmed', 'finalized', 'cancelled'];
    expect(groups.map((g) => g.key)).toEqual(order.filter((s) => groups.some((g) => g.key === s)));
    expect(groups.reduce((a, g) => a + g.count, 0)).toBe(3000);
  });

  it('nests a second level (status, then client) whose rows match their counts', async () => {
    const v = view({ groupBy: ['status', 'client'] });
    const [first] = await call<{ key: string; count: number }[]>('interventions.grid.groups', { view: v, path: [] });
    const clients = await call<{ key: string; label: string; count: number }[]>('interventions.grid.groups', { view: v, path: [first!.key] });
    expect(clients.reduce((a, g) => a + g.count, 0)).toBe(first!.count);
    // Letters compare without case or accents: "Ștefan" sorts with the S names, not after Z.
    const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
    const names = clients.map((g) => fold(g.label));
    expect(names).toEqual([...names].sort());
    const leaf = clients[0]!;
    const r = await rows(v, 0, 500, [first!.key, leaf.key]);
    expect(r.total).toBe(leaf.count);
    expect(r.rows.every((x) => x.status === first!.key && x.client === leaf.label)).toBe(true);
  });

  it('gives a level a window at a time, the same groups as the whole list, read alone before the list is known', async () => {
    type Window = { groups: { key: string; count: number }[]; size: { groups: number; rows: number } | null };
    // A view of its own (a tz no other test uses): nothing of it is known yet.
    const v = { ...view({ groupBy: ['status', 'client'] }), tzOffsetMinutes: 123 };
    const [first] = await call<{ key: string; count: number }[]>('interventions.grid.groups', { view: v, path: [] });
    const path = [first!.key];
    const firstWindow = await call<Window>('interventions.grid.groupWindow', { view: v, path, offset: 0, limit: 7 });
    const whole = await call<{ key: string; count: number }[]>('interventions.grid.groups', { view: v, path });
    expect(whole.length).toBeGreaterThan(14);
    expect(firstWindow.groups).toEqual(whole.slice(0, 7));
    const size = await call<{ groups: number; rows: number }>('interventions.grid.groupSize', { view: v, path });
    expect(size).toEqual({ groups: whole.length, rows: first!.count });
    // Once the list is known, a window is a slice of it and says the level's size.
    const later = await call<Window>('interventions.grid.groupWindow', { view: v, path, offset: 7, limit: 7 });
    expect(later).toEqual({ groups: whole.slice(7, 14), size });
    const past = await call<Window>('interventions.grid.groupWindow', { view: v, path, offset: whole.length + 5, limit: 7 });
    expect(past.groups).toEqual([]);
    for (const bad of [{ offset: -1, limit: 7 }, { offset: 0, limit: 0 }, { offset: 0, limit: 5000 }, { offset: 1.5, limit: 7 }]) {
      const r = await dispatch(admin, 'interventions.grid.groupWindow', { view: v, path, ...bad });
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('groups by commercial zone, month and classification', async () => {
    for (const g of ['commercialZone', 'docMonth', 'class1', 'class2', 'priority', 'object', 'plannedStartDay'] as const) {
      const groups = await call<{ count: number }[]>('interventions.grid.groups', { view: view({ groupBy: [g] }), path: [] });
      expect(groups.reduce((a, x) => a + x.count, 0), g).toBe(3000);
    }
  });
});

describe('query plans', () => {
  const plan = (q: string) => (d.app.ctx.raw.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
  it('walks an index for the common shapes instead of sorting or scanning the table', () => {
    expect(plan('SELECT i.rowid FROM interventions i WHERE i.deleted_at IS NULL ORDER BY i.doc_date DESC, i.rowid DESC LIMIT 100')).toMatch(/USING (COVERING )?INDEX interventions_doc_date/);
    expect(plan("SELECT i.rowid FROM interventions i WHERE i.deleted_at IS NULL AND i.status IN ('taken') ORDER BY i.doc_date DESC, i.rowid DESC LIMIT 100")).not.toMatch(/SCAN interventions(?! USING)/);
    expect(plan('SELECT i.status, count(*) FROM interventions i WHERE i.deleted_at IS NULL GROUP BY 1')).toMatch(/USING (COVERING )?INDEX interventions_status/);
    expect(plan('SELECT i.client_id, count(*) FROM interventions i WHERE i.deleted_at IS NULL GROUP BY 1')).toMatch(/USING (COVERING )?INDEX interventions_client/);
    expect(plan('SELECT i.class1_id, count(*) FROM interventions i WHERE i.deleted_at IS NULL GROUP BY 1')).toMatch(/USING (COVERING )?INDEX interventions_class1/);
    expect(plan("SELECT i.rowid FROM interventions i WHERE i.deleted_at IS NULL AND i.rowid IN (SELECT rowid FROM interventions_fts WHERE interventions_fts MATCH 'x') LIMIT 100")).toMatch(/interventions_fts VIRTUAL TABLE/);
  });
});

describe('live data', () => {
  it('a deleted intervention leaves counts, groups and snapshots at once', async () => {
    const v = view({ sort: [{ column: 'client', desc: false }] });
    const before = await rows(v, 10, 5);
    const target = before.rows[0]!;
    // Only drafts may be deleted: make this row one, as an operator's unvalidated save would be.
    d.app.ctx.raw
      .prepare("UPDATE interventions SET valid = 0, number = NULL, status = 'taken', finalized_at = NULL, cancelled_at = NULL, planned_start = NULL WHERE id = ?")
      .run(target.id);
    await call('interventions.delete', { id: target.id, version: target.version });
    const after = await rows(v, 10, 5);
    expect(after.total).toBe(before.total - 1);
    expect(after.rows.map((x) => x.id)).not.toContain(target.id);
    expect(await call<number>('interventions.grid.count', { view: view(), path: [] })).toBe(2999);
  });

  it('refuses to delete a numbered or closed intervention: cancel it instead', async () => {
    const [numbered] = sql<{ id: string; version: number }>("SELECT id, version FROM interventions WHERE valid = 1 AND status = 'taken' AND deleted_at IS NULL LIMIT 1");
    const [closed] = sql<{ id: string; version: number }>("SELECT id, version FROM interventions WHERE status = 'finalized' AND deleted_at IS NULL LIMIT 1");
    const a = await dispatch(admin, 'interventions.delete', { id: numbered!.id, version: numbered!.version });
    expect(a).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Cancel it with a reason') as unknown } });
    const b = await dispatch(admin, 'interventions.delete', { id: closed!.id, version: closed!.version });
    expect(b).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('cannot be deleted') as unknown } });
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM interventions WHERE id IN (?, ?) AND deleted_at IS NULL', numbered!.id, closed!.id)[0]!.n).toBe(2);
  });

  it('a stale delete is refused as a conflict', async () => {
    const { rows: [row] } = await rows(view(), 0, 1);
    await call('interventions.cancel', { id: row!.id, version: row!.version, reason: 'Duplicate call' }).catch(() => undefined);
    const r = await dispatch(admin, 'interventions.delete', { id: row!.id, version: row!.version });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses delete and cancel to a user with only the right to read, from main', async () => {
    const reader = createUser(d.app.ctx, { login: 'reader', displayName: 'Reader', password: 'reader-pass-1', role: 'operator' });
    d.app.ctx.raw.prepare(`UPDATE users SET rights = '{"interventions":"read"}' WHERE id = ?`).run(reader.id);
    const c: Caller = { transport: 'ipc', token: null };
    await call('auth.login', { login: 'reader', password: 'reader-pass-1' }, c);
    const { rows: [row] } = await rows(view(), 5, 1);
    expect(await dispatch(c, 'interventions.delete', { id: row!.id, version: row!.version })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'You have no right to change interventions.' } });
    expect(await dispatch(c, 'interventions.cancel', { id: row!.id, version: row!.version, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await dispatch(c, 'interventions.grid.rows', { view: view(), path: [], position: 0, limit: 1 })).ok).toBe(true);
  });
});

describe('saved views', () => {
  const definition = { filters: { statuses: ['taken'] }, sort: [{ column: 'client', desc: false }], groupBy: ['status'], layout: defaultLayout() };
  it('saves, lists, replaces, keeps one default, and deletes a user\'s views', async () => {
    const a = await call<{ id: string; version: number }>('views.save', { module: 'interventions', name: 'Mine today', definition, isDefault: true });
    const b = await call<{ id: string; version: number }>('views.save', { module: 'interventions', name: 'Zone North', definition, isDefault: true });
    const list = await call<{ name: string; isDefault: boolean }[]>('views.list', { module: 'interventions' });
    expect(list.map((v) => [v.name, v.isDefault])).toEqual([['Mine today', false], ['Zone North', true]]);
    expect(await dispatch(admin, 'views.save', { module: 'interventions', name: 'zone north', definition, isDefault: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Making b the default took the flag from a, which is a change: a's version moved on.
    expect(await dispatch(admin, 'views.save', { module: 'interventions', id: a.id, version: a.version, name: 'x', definition, isDefault: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const current = (await call<{ id: string; version: number }[]>('views.list', { module: 'interventions' })).find((v) => v.id === a.id)!;
    await call('views.save', { module: 'interventions', id: a.id, version: current.version, name: 'Mine, renamed', definition, isDefault: false });
    await call('views.delete', { id: b.id, version: b.version });
    const after = await call<{ name: string }[]>('views.list', { module: 'interventions' });
    expect(after.map((v) => v.name)).toEqual(['Mine, renamed']);
  });

  it('keeps views private to their user and refuses bad definitions', async () => {
    createUser(d.app.ctx, { login: 'other', displayName: 'Other', password: 'other-pass-1', role: 'operator' });
    const c: Caller = { transport: 'ipc', token: null };
    await call('auth.login', { login: 'other', password: 'other-pass-1' }, c);
    expect(await call<unknown[]>('views.list', { module: 'interventions' }, c)).toEqual([]);
    const [mine] = await call<{ id: string; version: number }[]>('views.list', { module: 'interventions' });
    expect(await dispatch(c, 'views.delete', { id: mine!.id, version: mine!.version })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = await dispatch(admin, 'views.save', { module: 'interventions', name: '', definition: { ...definition, sort: [{ column: 'nope', desc: true }] }, isDefault: false });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('export', () => {
  const labels = {
    statusLabels: { taken: 'Taken', allocated: 'Allocated', confirmed: 'Confirmed', finalized: 'Finalized', cancelled: 'Cancelled' },
    priorityLabels: { 1: 'Low', 2: 'Medium', 3: 'High' },
    sourceLabels: { phone: 'Phone', email: 'E-mail', portal: 'Portal', schedule: 'Service schedule', walk_in: 'Walk-in' },
  };
  const COLUMNS = ['number', 'docDate', 'client', 'status', 'priority', 'plannedStart', 'phone'];
  const HEADERS = ['No.', 'Date', 'Client', 'Status', 'Priority', 'Planned start', 'Phone'];
  async function exportView(v: GridView, format: 'csv' | 'xlsx', columns = COLUMNS, headers = HEADERS) {
    const done = new Promise<{ url: string }>((resolve) => {
      const stop = d.app.ctx.events.subscribe((event, payload) => {
        const p = payload as { finished?: boolean; url?: string };
        if (event === 'export.progress' && p.finished && p.url) {
          stop();
          resolve({ url: p.url });
        }
      });
    });
    const started = await call<{ exportId: string; total: number }>('interventions.export', {
      view: v, format, columns, headers, ...labels,
    });
    await done;
    const me = await call<{ userId: string }>('session.me', {});
    return { started, file: d.app.exports.download(started.exportId, me.userId)! };
  }

  it('writes the whole filtered view to CSV, with the rows and labels the user sees', async () => {
    const v = view({ filters: { statuses: ['finalized'] } });
    const { started, file } = await exportView(v, 'csv');
    const lines = readFileSync(file.path, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('No.,Date,Client,Status,Priority,Planned start,Phone');
    expect(lines.length - 1).toBe(started.total);
    expect(started.total).toBe(await call<number>('interventions.grid.count', { view: v, path: [] }));
    expect(lines.slice(1).every((l) => l.includes(',Finalized,'))).toBe(true);
  });

  it('writes XLSX that a spreadsheet reads back, with the same row count', async () => {
    const v = view({ filters: { priorities: [3] } });
    const { started, file } = await exportView(v, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file.path);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount - 1).toBe(started.total);
    expect(ws.getRow(2).getCell(5).value).toBe('High');
  });

  it('writes every formula-looking text as text, in CSV and XLSX (CSV injection)', async () => {
    const name = "+1+cmd|' /C calc'!A0";
    const client = createRecord(d.app.ctx, SYSTEM, clients, { name, kind: 'company', country: 'RO' });
    const objects = ['-2+3+cmd|\' /C calc\'!A0', '  =HYPERLINK("http://x")', '@SUM(A1)', '\t=1+1', '\r=1+1'];
    for (const notes of objects) createIntervention(d.app.ctx, SYSTEM, { docDate: '2026-11-20', clientId: client.id, notes });
    const columns = ['number', 'client', 'notes'];
    const csv = await exportView(view({ filters: { clientIds: [client.id] } }), 'csv', columns, ['No.', 'Client', 'Notes']);
    const lines = readFileSync(csv.file.path, 'utf8').replace(/^\ufeff/, '').split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(objects.length);
    for (const line of lines) {
      expect(line).toMatch(/^\d*,/); // drafts have no number yet
      expect(line).toContain(`,'${name},`);
    }
    const cells = lines.map((l) => l.slice(l.indexOf(`'${name},`) + name.length + 2));
    const expected = ['"\'\r=1+1"', "'\t=1+1", '"\'  =HYPERLINK(""http://x"")"', "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1)"];
    expect(cells.sort()).toEqual(expected.sort());
    const xlsx = await exportView(view({ filters: { clientIds: [client.id] } }), 'xlsx', columns, ['No.', 'Client', 'Notes']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.file.path);
    const ws = wb.worksheets[0]!;
    for (let r = 2; r <= objects.length + 1; r++) {
      for (const c of [2, 3]) {
        const cell = ws.getRow(r).getCell(c);
        expect(cell.type).toBe(ExcelJS.ValueType.String); // text, never a formula
        expect(cell.numFmt).toBe('@'); // and stays text when edited
      }
    }
    // XML turns a carriage return into a line feed when read back; the text is otherwise the same.
    expect(ws.getColumn(3).values.slice(2).sort()).toEqual(objects.map((o) => o.replace('\r', '\n')).sort());
  });

  it('writes two exports at once, queues the rest, and refuses a user a third of their own while two are under way', async () => {
    const operator: Caller = { transport: 'ipc', token: null };
    expect((await dispatch(operator, 'auth.login', { login: 'operator', password: 'demo' })).ok).toBe(true);
    const input = { view: view(), format: 'csv', columns: ['number', 'client'], headers: ['No.', 'Client'], ...labels };
    const finished = new Set<string>();
    const stop = d.app.ctx.events.subscribe((event, payload) => {
      const p = payload as { exportId: string; finished: boolean };
      if (event === 'export.progress' && p.finished) finished.add(p.exportId);
    });
    const peakBefore = d.app.exports.limiter.peak;
    const calls = [admin, admin, admin, operator, operator].map((c) => dispatch(c, 'interventions.export', input));
    const answers = await Promise.all(calls);
    expect(answers[2]).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'You already have 2 exports being written. Wait until one is done, then try again.' } });
    const started = answers.filter((a) => a.ok).map((a) => (a.value as { exportId: string }).exportId);
    expect(started).toHaveLength(4);
    await expect.poll(() => started.every((id) => finished.has(id)), { timeout: 30_000 }).toBe(true);
    stop();
    expect(peakBefore).toBeLessThanOrEqual(2);
    expect(d.app.exports.limiter.peak).toBe(2);
  });

  it('removes an export’s file a minute after its download, or an hour after it was made if nobody took it', async () => {
    const taken = await exportView(view({ filters: { priorities: [1] } }), 'csv');
    const left = await exportView(view({ filters: { priorities: [2] } }), 'csv');
    const me = await call<{ userId: string }>('session.me', {});
    taken.file.sent?.();
    later += 59_000;
    d.app.exports.sweep();
    expect(existsSync(taken.file.path)).toBe(true); // a second click within the minute still works
    later += 2_000;
    d.app.exports.sweep();
    expect(existsSync(taken.file.path)).toBe(false);
    expect(d.app.exports.download(taken.started.exportId, me.userId)).toBeNull();
    expect(existsSync(left.file.path)).toBe(true);
    later += 3600_000;
    d.app.exports.sweep();
    expect(existsSync(left.file.path)).toBe(false);
  });

  it('serves a finished export only to its owner, whatever the transport (one guard for all)', async () => {
    const { started } = await exportView(view({ filters: { statuses: ['cancelled'] } }), 'csv');
    expect(d.app.exports.download(started.exportId, 'someone-else')).toBeNull();
    expect(d.app.exports.download('../../etc/passwd', 'x')).toBeNull();
    // Through the dispatcher, as HTTP, IPC and the desktop app's scheme all ask for it.
    const dispatcher = createDispatcher(d.app, { log: (e) => console.error(e) });
    const owner = await dispatcher.download(admin, 'exports.download', { id: started.exportId });
    expect(owner.ok && owner.value.fileName).toMatch(/^interventions-\d{12}\.csv$/);
    const other: Caller = { transport: 'ipc', token: null };
    expect((await dispatch(other, 'auth.login', { login: 'operator', password: 'demo' })).ok).toBe(true);
    expect(await dispatcher.download(other, 'exports.download', { id: started.exportId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatcher.download({ transport: 'ipc', token: null }, 'exports.download', { id: started.exportId })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatcher.download(admin, 'exports.download', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatcher.download(admin, 'files.upload', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
});

describe('renames the grid shows', () => {
  it('a contact person, a series or a product renamed: the event names a grid source and the rows show the new name', async () => {
    const seen: Events['data.changed'][] = [];
    const stop = d.app.ctx.events.subscribe((event, payload) => {
      if (event === 'data.changed') seen.push(payload as Events['data.changed']);
    });
    // Its own rows: a draft in a new series, for a client's contact person, about a catalogue product.
    const [contact] = sql<{ id: string; version: number; client_id: string }>('SELECT id, version, client_id FROM contact_persons WHERE deleted_at IS NULL LIMIT 1');
    const [product] = sql<{ id: string; version: number }>('SELECT id, version FROM products WHERE deleted_at IS NULL LIMIT 1');
    const series = await call<{ id: string; version: number }>('admin.series.create', { docType: 'intervention', prefix: 'REN', endNumber: 999 });
    const object = `Rename check ${Date.now()}`;
    const made = await call<{ id: string }>('interventions.create', {
      docDate: '2026-11-20',
      clientId: contact!.client_id,
      contactPersonId: contact!.id,
      seriesId: series.id,
      objectKind: 'product',
      productId: product!.id,
      notes: object,
    });
    const shown = async () => (await rows(view({ filters: { search: object } }))).rows.find((r) => r.id === made.id)!;
    seen.length = 0;
    await call('contacts.update', { id: contact!.id, version: contact!.version, patch: { name: 'Renamed Contact' } });
    await call('admin.series.update', { id: series.id, version: series.version, prefix: 'RNM', nextNumber: 1, endNumber: 999, active: true });
    // Products have no screen yet; sync will rename them like this (the one write path).
    updateRecord(d.app.ctx, SYSTEM, products, product!.id, product!.version, { name: 'Renamed Product' });
    stop();
    expect(seen.map((e) => e.capability)).toEqual(['clients', 'numbering', 'catalogue']);
    expect(seen.every((e) => GRID_SOURCES.includes(e.capability))).toBe(true);
    expect(seen[0]!.ids).toEqual([contact!.client_id]);
    const row = await shown();
    expect(row).toMatchObject({ contactPerson: 'Renamed Contact', series: 'RNM', object: 'Renamed Product' });
  });
});
