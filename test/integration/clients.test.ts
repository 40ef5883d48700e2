import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { phonePrefixes } from '../../src/main/clients/clients';
import type { ApiResult } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { ClientDetail, ClientDuplicate, ContactRow } from '../../src/shared/api/clients';
import type { ClientRow } from '../../src/shared/api/clients';

let d: DemoApp;
let dispatch: Dispatch;
let admin: Caller;
let auditor: Caller;

async function logIn(login: string): Promise<Caller> {
  const caller: Caller = { transport: 'ipc', token: null };
  const r = await dispatch(caller, 'auth.login', { login, password: 'demo' });
  expect(r.ok).toBe(true);
  return caller;
}

function ok<T>(r: ApiResult<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
  return r.value as T;
}

const create = async (over: Record<string, unknown> = {}) =>
  ok<ClientRow>(await dispatch(admin, 'clients.create', { kind: 'company', name: 'Frigo Test SRL', country: 'RO', ...over }));

beforeAll(async () => {
  d = demoApp(400);
  dispatch = createDispatcher(d.app, { log: () => {} }).call;
  admin = await logIn('admin');
  auditor = await logIn('auditor');
});
afterAll(() => d.dispose());

describe('clients.get', () => {
  it('returns the client, its contact persons and its intervention counts', async () => {
    const withWork = d.app.ctx.raw.prepare('SELECT client_id FROM interventions WHERE deleted_at IS NULL GROUP BY client_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const detail = ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: withWork }));
    expect(detail.client.id).toBe(withWork);
    expect(detail.interventions.total).toBeGreaterThan(0);
    expect(detail.interventions.open).toBeLessThanOrEqual(detail.interventions.total);
    expect(Array.isArray(detail.contacts)).toBe(true);
    expect(await dispatch(admin, 'clients.get', { id: 'no-such-client' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatch(admin, 'clients.get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('clients.update', () => {
  it('changes the fields given, normalises them, and counts the version', async () => {
    const c = await create({ name: 'Update Me SRL' });
    const u = ok<ClientRow>(await dispatch(admin, 'clients.update', { id: c.id, version: c.version, patch: { phone: '0722 000 111', email: ' Office@Example.RO ', locality: '  Cluj-Napoca ' } }));
    expect(u).toMatchObject({ version: 2, phone: '+40722000111', email: 'office@example.ro', locality: 'Cluj-Napoca', name: 'Update Me SRL' });
  });

  it('answers a stale version with a conflict carrying the current values', async () => {
    const c = await create({ name: 'Conflict SRL', locality: 'Iași' });
    ok(await dispatch(admin, 'clients.update', { id: c.id, version: 1, patch: { locality: 'Brașov' } }));
    const r = await dispatch(admin, 'clients.update', { id: c.id, version: 1, patch: { locality: 'Sibiu' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!r.ok) {
      expect(r.error.issues).toEqual(expect.arrayContaining([{ path: 'version', message: '2' }, { path: 'locality', message: '"Brașov"' }]));
    }
    const now = ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: c.id }));
    expect(now.client.locality).toBe('Brașov');
  });

  it('checks the merged record: a new country brings its own fiscal-code rule', async () => {
    const c = await create({ name: 'Moves Abroad SRL', fiscalCode: '18547290' });
    const r = await dispatch(admin, 'clients.update', { id: c.id, version: 1, patch: { country: 'PT' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'fiscalCode' }] } });
    if (!r.ok) expect(r.error.issues?.[0]?.message).toContain('Portuguese');
  });
});

describe('clients.duplicates', () => {
  it('finds the same fiscal code, phone (any form) and e-mail (any case)', async () => {
    const a = await create({ name: 'Original SRL', fiscalCode: 'RO 18547290', phone: '0744 555 666', email: 'dup@example.ro' });
    const byCode = ok<ClientDuplicate[]>(await dispatch(admin, 'clients.duplicates', { fiscalCode: 'ro18547290', country: 'RO' }));
    expect(byCode.map((c) => c.id)).toContain(a.id);
    expect(byCode.find((c) => c.id === a.id)?.matched).toEqual(['fiscalCode']);
    const byPhone = ok<ClientDuplicate[]>(await dispatch(admin, 'clients.duplicates', { phone: '+40 744 555 666', country: 'RO' }));
    expect(byPhone.find((c) => c.id === a.id)?.matched).toEqual(['phone']);
    const byNational = ok<ClientDuplicate[]>(await dispatch(admin, 'clients.duplicates', { phone: '0040744555666', country: 'RO' }));
    expect(byNational.map((c) => c.id)).toContain(a.id);
    const byEmail = ok<ClientDuplicate[]>(await dispatch(admin, 'clients.duplicates', { email: 'DUP@Example.ro', country: 'RO' }));
    expect(byEmail.find((c) => c.id === a.id)?.matched).toEqual(['email']);
    const self = ok<ClientDuplicate[]>(await dispatch(admin, 'clients.duplicates', { email: 'dup@example.ro', country: 'RO', excludeId: a.id }));
    expect(self.map((c) => c.id)).not.toContain(a.id);
    expect(ok<ClientDuplicate[]>(await dispatch(admin, 'clients.duplicates', { country: 'RO' }))).toEqual([]);
  });
});

describe('clients.list', () => {
  it('matches fiscal codes and the phone forms people type', async () => {
    const a = await create({ name: 'Searchable Phone SRL', fiscalCode: '14399840', phone: '0733 987 654' });
    for (const query of ['0733987', '+40733 98', '0040733987654', '733987654', 'RO1439984', '14399840', 'Searchable']) {
      const list = ok<ClientRow[]>(await dispatch(admin, 'clients.list', { query, limit: 50 }));
      expect(list.map((c) => c.id), query).toContain(a.id);
    }
    expect(phonePrefixes('0722')).toContain('+40722');
    expect(phonePrefixes('ab')).toEqual([]);
    const none = ok<ClientRow[]>(await dispatch(admin, 'clients.list', { query: '50%_', limit: 50 }));
    expect(none).toEqual([]);
  });
});

describe('clients.delete', () => {
  it('refuses a client that has interventions, with the reason', async () => {
    const id = d.app.ctx.raw.prepare('SELECT client_id FROM interventions WHERE deleted_at IS NULL LIMIT 1').pluck().get() as string;
    const detail = ok<ClientDetail>(await dispatch(admin, 'clients.get', { id }));
    const r = await dispatch(admin, 'clients.delete', { id, version: detail.client.version });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!r.ok) expect(r.error.message).toMatch(/has \d+ interventions? and cannot be deleted/);
  });

  it('soft-deletes a client without interventions, with its contacts', async () => {
    const c = await create({ name: 'Short Lived SRL' });
    const p = ok<ContactRow>(await dispatch(admin, 'contacts.create', { clientId: c.id, name: 'Ion' }));
    expect(await dispatch(admin, 'clients.delete', { id: c.id, version: 2 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    ok(await dispatch(admin, 'clients.delete', { id: c.id, version: 1 }));
    expect(await dispatch(admin, 'clients.get', { id: c.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const row = d.app.ctx.raw.prepare('SELECT deleted_at FROM contact_persons WHERE id = ?').get(p.id) as { deleted_at: number | null };
    expect(row.deleted_at).not.toBeNull();
    const outbox = d.app.ctx.raw.prepare("SELECT count(*) FROM outbox WHERE row_id = ? AND op = 'delete'").pluck().get(c.id);
    expect(outbox).toBe(1);
  });
});

describe('contacts', () => {
  it('creates, updates and deletes a contact person, through the write path', async () => {
    const c = await create({ name: 'Has Contacts SRL', country: 'PT' });
    const p = ok<ContactRow>(
      await dispatch(admin, 'contacts.create', { clientId: c.id, name: ' Maria Silva ', jobFunction: 'Gerente', phone: '912 345 678', email: 'Maria@Example.pt', preferredContact: 'email' }),
    );
    expect(p).toMatchObject({ name: 'Maria Silva', phone: '+351912345678', email: 'maria@example.pt', preferredContact: 'email', version: 1 });
    const u = ok<ContactRow>(await dispatch(admin, 'contacts.update', { id: p.id, version: 1, patch: { role: 'Decisora', preferredContact: 'sms' } }));
    expect(u).toMatchObject({ role: 'Decisora', preferredContact: 'sms', version: 2 });
    expect(await dispatch(admin, 'contacts.update', { id: p.id, version: 1, patch: { role: 'x' } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: c.id })).contacts.map((x) => x.id)).toEqual([p.id]);
    ok(await dispatch(admin, 'contacts.delete', { id: p.id, version: 2 }));
    expect(ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: c.id })).contacts).toEqual([]);
    const audit = d.app.ctx.raw.prepare('SELECT action FROM audit_log WHERE row_id = ? ORDER BY at, rowid').pluck().all(p.id);
    expect(audit).toEqual(['create', 'update', 'delete']);
  });

  it('refuses bad contact input with field messages', async () => {
    const c = await create({ name: 'Strict Contacts SRL' });
    const r = await dispatch(admin, 'contacts.create', { clientId: c.id, name: '', email: 'nope', preferredContact: 'pigeon' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!r.ok) expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['name', 'preferredContact']);
    const phone = await dispatch(admin, 'contacts.create', { clientId: c.id, name: 'Ana', phone: '12' });
    expect(phone).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'phone' }] } });
    const email = await dispatch(admin, 'contacts.create', { clientId: c.id, name: 'Ana', email: 'not-an-email' });
    expect(email).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'email' }] } });
    expect(await dispatch(admin, 'contacts.create', { clientId: 'missing', name: 'Ana' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('bad input', () => {
  it('refuses empty, too long, wrong types and control characters', async () => {
    const c = await create({ name: 'Bad Input SRL' });
    const cases: unknown[] = [
      { id: c.id, version: 1, patch: { name: '' } },
      { id: c.id, version: 1, patch: { name: '   ' } },
      { id: c.id, version: 1, patch: { name: 'x'.repeat(201) } },
      { id: c.id, version: 1, patch: { notes: 'a\u0000b' } },
      { id: c.id, version: 1, patch: { kind: 'robot' } },
      { id: c.id, version: '1', patch: {} },
      { id: c.id, version: 1, patch: { name: 42 } },
      { id: c.id, version: 1, patch: { evil: true } },
      { id: c.id, version: 1 },
    ];
    for (const bad of cases) {
      const r = await dispatch(admin, 'clients.update', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code, JSON.stringify(bad)).toBe('validation');
    }
    expect(ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: c.id })).client).toMatchObject({ name: 'Bad Input SRL', version: 1 });
  });

  it('stores script tags as text', async () => {
    const c = await create({ name: '<script>alert(1)</script>', notes: '<img src=x onerror=alert(1)>' });
    const back = ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: c.id }));
    expect(back.client).toMatchObject({ name: '<script>alert(1)</script>', notes: '<img src=x onerror=alert(1)>' });
  });

  it.each([
    ['RO', '18547291', 'not a valid Romanian CIF: check digit'],
    ['RO', '1800101221143', 'not a valid Romanian CNP: check digit'],
    ['PT', '501964844', 'not a valid Portuguese NIPC: check digit'],
    ['BR', '11144477736', 'not a valid Brazilian CPF: check digit'],
    ['ES', 'B1234567X', 'not a valid Spanish CIF'],
    ['RO', 'ABC', 'not a valid Romanian CIF: wrong format'],
  ])('names the rule a %s fiscal code %s breaks', async (country, fiscalCode, message) => {
    const r = await dispatch(admin, 'clients.create', { kind: 'company', name: 'Wrong Code', country, fiscalCode });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!r.ok) expect(r.error.issues?.find((i) => i.path === 'fiscalCode')?.message).toContain(message);
  });
});

describe('rights', () => {
  it('lets a read-only user read, and refuses every write in main', async () => {
    const c = await create({ name: 'Read Only View SRL' });
    expect(await dispatch(auditor, 'clients.get', { id: c.id })).toMatchObject({ ok: true });
    expect(await dispatch(auditor, 'clients.duplicates', { phone: '0722000111', country: 'RO' })).toMatchObject({ ok: true });
    const writes: [string, unknown][] = [
      ['clients.create', { kind: 'company', name: 'X', country: 'RO' }],
      ['clients.update', { id: c.id, version: 1, patch: { name: 'Hacked' } }],
      ['clients.delete', { id: c.id, version: 1 }],
      ['contacts.create', { clientId: c.id, name: 'X' }],
      ['contacts.update', { id: 'x', version: 1, patch: { name: 'X' } }],
      ['contacts.delete', { id: 'x', version: 1 }],
    ];
    for (const [method, input] of writes) {
      expect(await dispatch(auditor, method, input), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(ok<ClientDetail>(await dispatch(admin, 'clients.get', { id: c.id })).client.name).toBe('Read Only View SRL');
  });
});
