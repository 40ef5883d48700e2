import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import type { ApiErrorBody, ApiResult } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { PeriodRow, SeriesRow } from '../../src/shared/api/numbering';
import type { PersonRow, TeamRow } from '../../src/shared/api/personnel';
import type { UserRow } from '../../src/shared/api/auth';
import type { Me } from '../../src/shared/api/auth';
import { takeNumber } from '../../src/main/numbering/series';

/*
 * The Administration API through the real dispatcher, on a small demo database: every rule is
 * checked in main, so each test calls it as a window would and reads what was stored.
 */

let d: DemoApp;
let dispatch: Dispatch;
const admin: Caller = { transport: 'ipc', token: null };
const operator: Caller = { transport: 'ipc', token: null };

const sql = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;

async function call(method: string, input: unknown, caller: Caller = admin): Promise<ApiResult<unknown>> {
  return dispatch(caller, method, input);
}
async function ok<T>(method: string, input: unknown, caller: Caller = admin): Promise<T> {
  const r = await call(method, input, caller);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(method: string, input: unknown, caller: Caller = admin): Promise<ApiErrorBody> {
  const r = await call(method, input, caller);
  if (r.ok) throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
  return r.error;
}
async function logIn(login: string, password: string): Promise<Caller> {
  const c: Caller = { transport: 'ipc', token: null };
  const r = await dispatch(c, 'auth.login', { login, password });
  if (!r.ok) throw new Error(`login ${login}: ${JSON.stringify(r.error)}`);
  return c;
}
const paths = (e: ApiErrorBody) => (e.issues ?? []).map((i) => i.path).sort();

beforeAll(async () => {
  d = demoApp(200);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const [login, caller] of [['admin', admin], ['operator', operator]] as const) {
    const r = await dispatch(caller, 'auth.login', { login, password: 'demo' });
    expect(r.ok, login).toBe(true);
  }
});
afterAll(() => d.dispose());

describe('who may administer', () => {
  it('refuses every administration method to a non-admin, through the dispatcher', async () => {
    for (const m of ['admin.series.list', 'admin.users.list', 'admin.personnel.list', 'admin.periods.list', 'admin.teams.list']) {
      expect((await fails(m, {}, operator)).code, m).toBe('forbidden');
    }
    expect((await fails('admin.series.create', { docType: 'intervention', prefix: 'X', endNumber: 10 }, operator)).code).toBe('forbidden');
    expect((await fails('admin.users.create', { login: 'x', displayName: 'x', role: 'admin', personId: null, password: 'long-enough' }, operator)).code).toBe('forbidden');
    expect((await fails('settings.update', { operationLogLevel: 'basic' }, operator)).code).toBe('forbidden');
    expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM series WHERE prefix = 'X'").n).toBe(0);
  });
});

describe('document series', () => {
  let created: SeriesRow;

  it('creates a series and shows how many numbers are left', async () => {
    created = await ok<SeriesRow>('admin.series.create', { docType: 'intervention', prefix: 'SRV-26', nextNumber: 100, endNumber: 199 });
    expect(created).toMatchObject({ prefix: 'SRV-26', nextNumber: 100, endNumber: 199, active: true, remaining: 100, lastUsed: null });
    expect((await ok<SeriesRow[]>('admin.series.list', {})).map((s) => s.prefix)).toContain('SRV-26');
  });

  it('refuses a duplicate prefix per type, but allows it for the other type', async () => {
    const e = await fails('admin.series.create', { docType: 'intervention', prefix: 'srv-26', endNumber: 10 });
    expect(e.code).toBe('validation');
    expect(paths(e)).toEqual(['prefix']);
    await ok('admin.series.create', { docType: 'register', prefix: 'SRV-26', endNumber: 10 });
  });

  it('refuses an end below the next number, empty and malformed fields', async () => {
    expect(paths(await fails('admin.series.create', { docType: 'intervention', prefix: 'A1', nextNumber: 50, endNumber: 10 }))).toEqual(['endNumber']);
    expect(paths(await fails('admin.series.create', { docType: 'intervention', prefix: '', endNumber: 10 }))).toEqual(['prefix']);
    expect(paths(await fails('admin.series.create', { docType: 'intervention', prefix: 'x'.repeat(21), endNumber: 10 }))).toEqual(['prefix']);
    expect(paths(await fails('admin.series.create', { docType: 'intervention', prefix: '<script>', endNumber: 10 }))).toEqual(['prefix']);
    expect(paths(await fails('admin.series.create', { docType: 'invoice', prefix: 'A2', endNumber: '10' })).sort()).toEqual(['docType', 'endNumber']);
    expect(paths(await fails('admin.series.create', { docType: 'intervention', prefix: 'A3', endNumber: 1.5 }))).toEqual(['endNumber']);
    expect((await fails('admin.series.create', null)).code).toBe('validation');
  });

  it('never lets the next number go back below a number already given', async () => {
    // Two numbers given, as validation does.
    d.app.ctx.raw.transaction(() => {
      takeNumber(d.app.ctx, created.id);
      takeNumber(d.app.ctx, created.id);
    })();
    const now = (await ok<SeriesRow[]>('admin.series.list', {})).find((s) => s.id === created.id)!;
    expect(now.nextNumber).toBe(102);
    const e = await fails('admin.series.update', { id: now.id, version: now.version, prefix: now.prefix, nextNumber: 101, endNumber: 199, active: true });
    expect(e).toMatchObject({ code: 'validation', issues: [{ path: 'nextNumber', message: 'at least 102' }] });
    expect(e.message).toContain('never reused');
    // Forward is fine (skipping numbers), and so is a lower end as long as it is not below next.
    const moved = await ok<SeriesRow>('admin.series.update', { id: now.id, version: now.version, prefix: now.prefix, nextNumber: 150, endNumber: 152, active: true });
    expect(moved).toMatchObject({ nextNumber: 150, endNumber: 152, remaining: 3 });
    expect(paths(await fails('admin.series.update', { id: now.id, version: moved.version, prefix: now.prefix, nextNumber: 150, endNumber: 149, active: true }))).toEqual(['endNumber']);
  });

  it('counts a number a document carries as given, even above the counter', async () => {
    const demo = sql<{ id: string; next_number: number; version: number; prefix: string; end_number: number }>(
      "SELECT id, next_number, version, prefix, end_number FROM series WHERE doc_type = 'intervention' AND prefix = 'INT'",
    );
    const maxUsed = sql<{ n: number }>('SELECT MAX(number) AS n FROM interventions WHERE series_id = ?', demo.id).n;
    expect(maxUsed).toBeGreaterThan(0);
    const list = await ok<SeriesRow[]>('admin.series.list', {});
    expect(list.find((s) => s.id === demo.id)?.lastUsed).toBe(maxUsed);
    const e = await fails('admin.series.update', { id: demo.id, version: demo.version, prefix: demo.prefix, nextNumber: maxUsed, endNumber: demo.end_number, active: true });
    expect(e.issues?.[0]?.path).toBe('nextNumber');
  });

  it('answers a stale edit (a number was given meanwhile) with a conflict', async () => {
    const s = (await ok<SeriesRow[]>('admin.series.list', {})).find((x) => x.id === created.id)!;
    takeNumber(d.app.ctx, created.id);
    expect((await fails('admin.series.update', { id: s.id, version: s.version, prefix: s.prefix, nextNumber: s.nextNumber, endNumber: s.endNumber, active: false })).code).toBe('conflict');
  });
});

describe('working periods', () => {
  it('adds, refuses overlaps, opens and closes', async () => {
    const p = await ok<PeriodRow>('admin.periods.create', { startDate: '2030-01-01', endDate: '2030-06-30' });
    expect(p).toMatchObject({ startDate: '2030-01-01', endDate: '2030-06-30', open: true, documents: 0 });
    const overlap = await fails('admin.periods.create', { startDate: '2030-06-30', endDate: '2030-12-31' });
    expect(overlap.code).toBe('validation');
    expect(paths(overlap)).toEqual(['endDate', 'startDate']);
    expect(overlap.message).toContain('2030-01-01');
    const inside = await fails('admin.periods.create', { startDate: '2030-02-01', endDate: '2030-02-10' });
    expect(inside.code).toBe('validation');
    await ok('admin.periods.create', { startDate: '2030-07-01', endDate: '2030-12-31' });
    const closed = await ok<PeriodRow>('admin.periods.update', { id: p.id, version: p.version, startDate: p.startDate, endDate: p.endDate, open: false });
    expect(closed.open).toBe(false);
    // Growing it into the next one is an overlap too.
    expect((await fails('admin.periods.update', { id: p.id, version: closed.version, startDate: p.startDate, endDate: '2030-07-15', open: false })).code).toBe('validation');
    await ok('admin.periods.delete', { id: p.id, version: closed.version });
  });

  it('refuses bad dates and an end before the start', async () => {
    expect(paths(await fails('admin.periods.create', { startDate: '2031-02-30', endDate: '2031-03-01' }))).toEqual(['startDate']);
    expect(paths(await fails('admin.periods.create', { startDate: '2031-03-01', endDate: '2031-02-01' }))).toEqual(['endDate']);
    expect(paths(await fails('admin.periods.create', { startDate: '', endDate: 20310101 }))).toEqual(['endDate', 'startDate']);
    expect(paths(await fails('admin.periods.create', { startDate: '<script>', endDate: '2031-01-01' }))).toEqual(['startDate']);
  });

  it('keeps a period with documents: closing yes, deleting no; a closed period refuses documents', async () => {
    const list = await ok<PeriodRow[]>('admin.periods.list', {});
    const current = list.find((p) => p.startDate <= '2026-11-20' && p.endDate >= '2026-11-20')!;
    expect(current.documents).toBeGreaterThan(0);
    expect((await fails('admin.periods.delete', { id: current.id, version: current.version })).message).toContain('close it instead');
    const closed = await ok<PeriodRow>('admin.periods.update', { ...pick(current), open: false });
    const seriesId = sql<{ id: string }>("SELECT id FROM series WHERE prefix = 'INT'").id;
    const period = d.app.ctx.raw.prepare('SELECT 1 FROM working_periods WHERE open = 1 AND start_date <= ? AND end_date >= ?').get('2026-11-20', '2026-11-20');
    expect(period).toBeUndefined();
    expect(seriesId).toBeTruthy();
    await ok('admin.periods.update', { ...pick(closed), open: true });
  });
});

const pick = (p: PeriodRow) => ({ id: p.id, version: p.version, startDate: p.startDate, endDate: p.endDate });

describe('personnel and teams', () => {
  let person: PersonRow;

  it('adds a person with the phone normalized and script tags kept as text', async () => {
    person = await ok<PersonRow>('admin.personnel.create', {
      name: '<script>alert(1)</script> Ana Pop',
      jobTitle: 'Technician',
      phone: '0722 123 456',
      phoneCountry: 'RO',
      email: 'Ana.Pop@Example.com',
      isTechnician: true,
    });
    expect(person).toMatchObject({ name: '<script>alert(1)</script> Ana Pop', phone: '+40722123456', email: 'ana.pop@example.com', isTechnician: true, active: true });
  });

  it('refuses a bad phone, a bad e-mail, an empty or too long name, wrong types', async () => {
    expect(paths(await fails('admin.personnel.create', { name: 'X', phone: '12', email: 'nope' }))).toEqual(['email', 'phone']);
    expect(paths(await fails('admin.personnel.create', { name: '   ' }))).toEqual(['name']);
    expect(paths(await fails('admin.personnel.create', { name: 'x'.repeat(201) }))).toEqual(['name']);
    expect(paths(await fails('admin.personnel.create', { name: 'X', isTechnician: 'yes' }))).toEqual(['isTechnician']);
    expect(paths(await fails('admin.personnel.create', { name: 'X\u0000Y' }))).toEqual(['name']);
  });

  it('makes a team from personnel, and the intervention lookups see it at once', async () => {
    const tech = sql<{ id: string }>('SELECT id FROM personnel WHERE is_technician = 1 AND active = 1 AND id <> ? LIMIT 1', person.id).id;
    const team = await ok<TeamRow>('admin.teams.create', { name: 'Night shift', leaderId: person.id, memberIds: [person.id, tech] });
    expect(team.memberIds.sort()).toEqual([person.id, tech].sort());
    const lookups = await ok<{ teams: { id: string; memberIds: string[] }[]; personnel: { id: string }[] }>('interventions.lookups', {}, operator);
    expect(lookups.teams.find((t) => t.id === team.id)?.memberIds.sort()).toEqual([person.id, tech].sort());
    expect(lookups.personnel.some((p) => p.id === person.id)).toBe(true);

    // A duplicate name, a leader who is not a member, an unknown member.
    expect(paths(await fails('admin.teams.create', { name: 'night SHIFT', memberIds: [] }))).toEqual(['name']);
    expect(paths(await fails('admin.teams.create', { name: 'Day', leaderId: tech, memberIds: [person.id] }))).toEqual(['leaderId']);
    expect(paths(await fails('admin.teams.create', { name: 'Day', memberIds: ['nobody'] }))).toEqual(['memberIds']);

    // Removing a member; the lookups follow.
    const updated = await ok<TeamRow>('admin.teams.update', { id: team.id, version: team.version, name: 'Night shift', leaderId: person.id, memberIds: [person.id], active: true });
    expect(updated.memberIds).toEqual([person.id]);
    const again = await ok<{ teams: { id: string; memberIds: string[] }[] }>('interventions.lookups', {}, operator);
    expect(again.teams.find((t) => t.id === team.id)?.memberIds).toEqual([person.id]);
    expect((await ok<PersonRow[]>('admin.personnel.list', {})).find((p) => p.id === person.id)?.teams).toEqual(['Night shift']);
  });

  it('deactivates rather than deletes someone referenced; deactivated people leave the lookups', async () => {
    const e = await fails('admin.personnel.delete', { id: person.id, version: person.version });
    expect(e.message).toContain('deactivate');
    const off = await ok<PersonRow>('admin.personnel.update', { ...personInput(person), active: false });
    expect(off.active).toBe(false);
    const lookups = await ok<{ personnel: { id: string }[] }>('interventions.lookups', {}, operator);
    expect(lookups.personnel.some((p) => p.id === person.id)).toBe(false);
    // An unreferenced person can be deleted.
    const temp = await ok<PersonRow>('admin.personnel.create', { name: 'Temp Person' });
    await ok('admin.personnel.delete', { id: temp.id, version: temp.version });
    expect((await ok<PersonRow[]>('admin.personnel.list', {})).some((p) => p.id === temp.id)).toBe(false);
  });

  it('refuses to delete a team that interventions name', async () => {
    const used = sql<{ team_id: string }>('SELECT team_id FROM interventions WHERE team_id IS NOT NULL LIMIT 1').team_id;
    const team = (await ok<TeamRow[]>('admin.teams.list', {})).find((t) => t.id === used)!;
    expect((await fails('admin.teams.delete', { id: team.id, version: team.version })).message).toContain('deactivate');
  });
});

describe('users and rights', () => {
  let created: UserRow;

  it('creates a user with a password and custom rights; the password is never shown nor audited', async () => {
    await ok('settings.update', { operationLogLevel: 'detailed' });
    const personId = sql<{ id: string }>('SELECT id FROM personnel WHERE id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) LIMIT 1').id;
    created = await ok<UserRow>('admin.users.create', {
      login: 'dispatcher1',
      displayName: '<b>Dispatcher</b> One',
      role: 'operator',
      language: 'ro',
      personId,
      password: 'correct horse',
      rights: { clients: 'read', recordings: 'none', reports: 'read' },
    });
    // reports: 'read' is the operator's default: only the real overrides are stored.
    expect(created).toMatchObject({ login: 'dispatcher1', displayName: '<b>Dispatcher</b> One', role: 'operator', language: 'ro', personId, rights: { clients: 'read', recordings: 'none' } });
    expect(JSON.stringify(created)).not.toContain('scrypt');
    const audit = d.app.ctx.raw.prepare("SELECT detail FROM audit_log WHERE table_name = 'users' AND row_id = ?").pluck().all(created.id) as string[];
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) expect(a ?? '').not.toContain('scrypt$');
    await ok('settings.update', { operationLogLevel: 'advanced' });

    const me = await ok<Me>('session.me', {}, await logIn('dispatcher1', 'correct horse'));
    expect(me.rights).toMatchObject({ clients: 'read', recordings: 'none', interventions: 'write', admin: 'none' });
  });

  it('refuses a duplicate login (any case), a short password, bad fields', async () => {
    const base = { displayName: 'X', role: 'operator', personId: null, password: 'long-enough-1' };
    expect(paths(await fails('admin.users.create', { ...base, login: 'DISPATCHER1' }))).toEqual(['login']);
    expect(paths(await fails('admin.users.create', { ...base, login: 'new1', password: 'short' }))).toEqual(['password']);
    expect(paths(await fails('admin.users.create', { ...base, login: 'has space' }))).toEqual(['login']);
    expect(paths(await fails('admin.users.create', { ...base, login: '' }))).toEqual(['login']);
    expect(paths(await fails('admin.users.create', { ...base, login: 'x'.repeat(65) }))).toEqual(['login']);
    expect(paths(await fails('admin.users.create', { ...base, login: 'new2', role: 'root' }))).toEqual(['role']);
    expect(paths(await fails('admin.users.create', { ...base, login: 'new3', rights: { admin: 'all' } }))).toEqual(['rights.admin']);
    expect(paths(await fails('admin.users.create', { ...base, login: 'new4', rights: { nothing: 'read' } })).length).toBeGreaterThan(0);
    expect(paths(await fails('admin.users.create', { ...base, login: 'new5', personId: 'nobody' }))).toEqual(['personId']);
  });

  it('applies a change of rights on the user’s very next call', async () => {
    const c = await logIn('dispatcher1', 'correct horse');
    expect((await call('clients.create', { kind: 'company', name: 'Rights Test SRL', country: 'RO' }, c)).ok).toBe(false);
    const u = (await ok<UserRow[]>('admin.users.list', {})).find((x) => x.id === created.id)!;
    const next = await ok<UserRow>('admin.users.update', { ...userInput(u), rights: { ...u.rights, clients: 'write' } });
    expect((await call('clients.create', { kind: 'company', name: 'Rights Test SRL', country: 'RO' }, c)).ok).toBe(true);
    // And back: refused again at once, on the same session.
    const back = await ok<UserRow>('admin.users.update', { ...userInput(next), rights: { clients: 'none' } });
    expect((await fails('clients.list', {}, c)).code).toBe('forbidden');
    created = back;
  });

  it('refuses writes to a user whose session is locked for changes, but lets them read', async () => {
    const locked = await ok<UserRow>('admin.users.update', { ...userInput(created), rights: {}, sessionLocked: true });
    const c = await logIn('dispatcher1', 'correct horse');
    expect((await call('clients.list', {}, c)).ok).toBe(true);
    expect((await fails('clients.create', { kind: 'company', name: 'Locked SRL', country: 'RO' }, c)).code).toBe('forbidden');
    expect((await fails('interventions.delete', { id: 'x', version: 1 }, c)).code).toBe('forbidden');
    created = await ok<UserRow>('admin.users.update', { ...userInput(locked), sessionLocked: false });
  });

  it('ends the sessions of a deactivated user, and of one whose password is reset', async () => {
    const c = await logIn('dispatcher1', 'correct horse');
    const reset = await ok<UserRow>('admin.users.setPassword', { id: created.id, version: created.version, password: 'new password 2' });
    expect((await fails('session.me', {}, c)).code).toBe('unauthenticated');
    expect((await dispatch({ transport: 'ipc', token: null }, 'auth.login', { login: 'dispatcher1', password: 'correct horse' })).ok).toBe(false);
    const c2 = await logIn('dispatcher1', 'new password 2');
    const off = await ok<UserRow>('admin.users.update', { ...userInput(reset), active: false });
    expect((await fails('session.me', {}, c2)).code).toBe('unauthenticated');
    expect((await dispatch({ transport: 'ipc', token: null }, 'auth.login', { login: 'dispatcher1', password: 'new password 2' })).ok).toBe(false);
    expect(paths(await fails('admin.users.setPassword', { id: off.id, version: off.version, password: 'short' }))).toEqual(['password']);
  });

  it('protects the last active administrator, and an administrator from locking themself out', async () => {
    const users = await ok<UserRow[]>('admin.users.list', {});
    const me = users.find((u) => u.login === 'admin')!;
    for (const change of [{ active: false }, { sessionLocked: true }, { role: 'operator' }, { rights: { admin: 'read' } }]) {
      const e = await fails('admin.users.update', { ...userInput(me), ...change });
      expect(e.code, JSON.stringify(change)).toBe('validation');
      expect(e.message).toContain('your own right');
    }
    // A second administrator may not demote the last other one either.
    const second = await ok<UserRow>('admin.users.create', { login: 'admin2', displayName: 'Second admin', role: 'admin', personId: null, password: 'second-admin-pw' });
    const c2 = await logIn('admin2', 'second-admin-pw');
    // admin2 demotes admin: allowed (admin2 remains).
    const demoted = await ok<UserRow>('admin.users.update', { ...userInput(me), role: 'supervisor' }, c2);
    // Now admin2 is the last one: admin (no longer an administrator) cannot be made to remove it…
    expect((await fails('admin.users.list', {}, admin)).code).toBe('forbidden');
    // …and admin2 cannot lock themself out.
    const self = (await ok<UserRow[]>('admin.users.list', {}, c2)).find((u) => u.id === second.id)!;
    expect((await fails('admin.users.update', { ...userInput(self), active: false }, c2)).message).toContain('your own right');
    // Restore admin, then admin2 may be deactivated by admin.
    await ok('admin.users.update', { ...userInput(demoted), role: 'admin' }, c2);
    const a = await logIn('admin', 'demo');
    const off = await ok<UserRow>('admin.users.update', { ...userInput(self), active: false }, a);
    expect(off.active).toBe(false);
    // With admin2 gone, admin is the last one: a direct attempt by another path is refused.
    expect((await fails('admin.users.update', { ...userInput(users.find((u) => u.login === 'admin')!), version: (await ok<UserRow[]>('admin.users.list', {}, a)).find((u) => u.login === 'admin')!.version, active: false }, a)).code).toBe('validation');
    admin.token = a.token;
  });

  it('refuses the last active administrator being deactivated by someone else', async () => {
    // A supervisor given write access to Administration is an administrator too.
    const helper = await ok<UserRow>('admin.users.create', { login: 'helper', displayName: 'Helper', role: 'supervisor', personId: null, password: 'helper-password', rights: { admin: 'write' } });
    const h = await logIn('helper', 'helper-password');
    const adminRow = (await ok<UserRow[]>('admin.users.list', {}, h)).find((u) => u.login === 'admin')!;
    // Two administrators: helper may deactivate admin…
    const off = await ok<UserRow>('admin.users.update', { ...userInput(adminRow), active: false }, h);
    // …and then nobody may remove helper's right: helper is the last one (and it is themself).
    const self = (await ok<UserRow[]>('admin.users.list', {}, h)).find((u) => u.id === helper.id)!;
    expect((await fails('admin.users.update', { ...userInput(self), rights: {} }, h)).code).toBe('validation');
    await ok('admin.users.update', { ...userInput(off), active: true }, h);
    admin.token = (await logIn('admin', 'demo')).token;
    // Now with admin back, admin deactivates helper, then admin is the last: refused for itself.
    const helperRow = (await ok<UserRow[]>('admin.users.list', {})).find((u) => u.id === helper.id)!;
    await ok('admin.users.update', { ...userInput(helperRow), active: false });
    const last = (await ok<UserRow[]>('admin.users.list', {})).find((u) => u.login === 'admin')!;
    const e = await fails('admin.users.update', { ...userInput(last), sessionLocked: true });
    expect(e.issues).toEqual([{ path: 'sessionLocked', message: 'you would lock yourself out' }]);
  });

  it('refuses a second user on the same person', async () => {
    const taken = sql<{ person_id: string }>("SELECT person_id FROM users WHERE login = 'operator'").person_id;
    const e = await fails('admin.users.create', { login: 'dup-person', displayName: 'Dup', role: 'operator', personId: taken, password: 'long-enough-1' });
    expect(e.issues).toEqual([{ path: 'personId', message: 'already linked to the user operator' }]);
  });
});

describe('settings', () => {
  it('changes the audit level, idle minutes and attachment limit; refuses out-of-range values', async () => {
    const s = await ok<{ operationLogLevel: string; attachmentMaxBytes: number }>('settings.update', { operationLogLevel: 'detailed', sessionIdleMinutes: 30, attachmentMaxBytes: 50 * 1024 * 1024 });
    expect(s).toMatchObject({ operationLogLevel: 'detailed', attachmentMaxBytes: 52428800 });
    expect((await fails('settings.update', { sessionIdleMinutes: 1 })).code).toBe('validation');
    expect((await fails('settings.update', { attachmentMaxBytes: 'big' })).code).toBe('validation');
    expect((await fails('settings.update', { operationLogLevel: 'everything' })).code).toBe('validation');
    await ok('settings.update', { operationLogLevel: 'advanced', sessionIdleMinutes: 480 });
  });

  it("keeps the calendar's working time; refuses a day that ends before it starts, no working day, a day twice", async () => {
    const schedule = { dayStart: '07:30', dayEnd: '16:00', workingDays: [1, 2, 3, 4, 5, 6], hideNonWorkingDays: true, timelineDays: 14 };
    expect((await ok<{ schedule: unknown }>('settings.update', { schedule })).schedule).toEqual(schedule);
    expect((await ok<{ schedule: unknown }>('settings.get', {})).schedule).toEqual(schedule);
    const issue = async (patch: Record<string, unknown>) => (await fails('settings.update', { schedule: { ...schedule, ...patch } })).issues?.[0];
    expect(await issue({ dayEnd: '07:00' })).toMatchObject({ path: 'schedule.dayEnd', message: 'the working day ends before it starts' });
    expect(await issue({ workingDays: [] })).toMatchObject({ path: 'schedule.workingDays' });
    expect(await issue({ workingDays: [1, 1] })).toMatchObject({ path: 'schedule.workingDays' });
    expect(await issue({ dayStart: '7:30' })).toMatchObject({ path: 'schedule.dayStart' });
    expect(await issue({ timelineDays: 0 })).toMatchObject({ path: 'schedule.timelineDays' });
    expect((await ok<{ schedule: unknown }>('settings.get', {})).schedule).toEqual(schedule);
    await ok('settings.update', { schedule: { dayStart: '08:00', dayEnd: '18:00', workingDays: [1, 2, 3, 4, 5], hideNonWorkingDays: false, timelineDays: 7 } });
  });
});

function userInput(u: UserRow) {
  return {
    id: u.id,
    version: u.version,
    login: u.login,
    displayName: u.displayName,
    role: u.role,
    language: u.language,
    personId: u.personId,
    active: u.active,
    sessionLocked: u.sessionLocked,
    rights: u.rights,
  };
}

function personInput(p: PersonRow) {
  const { teams: _teams, login: _login, ...fields } = p;
  return fields;
}
