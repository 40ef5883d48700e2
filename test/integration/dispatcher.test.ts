import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/api/handlers';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { methods } from '../../src/shared/api/contract';
import { tempApp, ADMIN_PASSWORD, type TempApp } from '../support/temp-app';
import { createUser } from '../../src/main/auth/users';

let t: TempApp;
let dispatch: Dispatch;
let logged: unknown[];
beforeEach(() => {
  t = tempApp();
  logged = [];
  dispatch = createDispatcher(t.app, { log: (e) => logged.push(e) }).call;
});
afterEach(() => t.dispose());

async function loggedIn(login = 'admin', password = ADMIN_PASSWORD): Promise<Caller> {
  const caller: Caller = { transport: 'ipc', token: null };
  const r = await dispatch(caller, 'auth.login', { login, password });
  expect(r.ok).toBe(true);
  return caller;
}

const validClient = { kind: 'company', name: 'Instalații Ștefan SRL', country: 'RO', fiscalCode: 'RO18547290', phone: '0722 123 456' };

describe('the dispatcher', () => {
  it('implements every method of the contract', () => {
    expect(Object.keys(createHandlers(t.app)).sort()).toEqual(Object.keys(methods).sort());
  });

  it('answers an unknown method, without a crash', async () => {
    const r = await dispatch(await loggedIn(), 'drop.everything', {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown_method', message: 'Unknown method: drop.everything.' } });
    expect((await dispatch(await loggedIn(), { evil: true }, {})).ok).toBe(false);
    expect((await dispatch(await loggedIn(), '__proto__', {})).ok).toBe(false);
    expect((await dispatch(await loggedIn(), 'toString', {})).ok).toBe(false);
  });

  it('asks for a login before anything but the login itself', async () => {
    const r = await dispatch({ transport: 'http', token: null }, 'app.info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const forged = await dispatch({ transport: 'http', token: 'forged-token-forged-token-forged' }, 'app.info', {});
    expect(forged).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('validates input and names the fields that are wrong', async () => {
    const caller = await loggedIn();
    for (const bad of [null, 42, 'text', [], { kind: 'company' }, { ...validClient, name: '' }, { ...validClient, name: 'x'.repeat(201) }, { ...validClient, extra: 1 }]) {
      const r = await dispatch(caller, 'clients.create', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('validation');
    }
    const r = await dispatch(caller, 'clients.create', { ...validClient, fiscalCode: 'RO18547291', phone: '12', email: 'not-an-email' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['email', 'fiscalCode', 'phone']);
  });

  it('keeps working after bad input, and normalizes what it stores', async () => {
    const caller = await loggedIn();
    await dispatch(caller, 'clients.create', { garbage: '<script>alert(1)</script>' });
    const r = await dispatch(caller, 'clients.create', validClient);
    expect(r).toMatchObject({ ok: true, value: { name: 'Instalații Ștefan SRL', fiscalCode: '18547290', phone: '+40722123456' } });
    const list = await dispatch(caller, 'clients.list', { query: 'Instal' });
    expect(list).toMatchObject({ ok: true, value: [{ name: 'Instalații Ștefan SRL' }] });
  });

  it('stores script tags as text, never interpreting them', async () => {
    const caller = await loggedIn();
    const r = await dispatch(caller, 'clients.create', { ...validClient, name: '<script>alert(1)</script>' });
    expect(r).toMatchObject({ ok: true, value: { name: '<script>alert(1)</script>' } });
  });

  it('enforces module rights in main, whatever the UI shows', async () => {
    createUser(t.app.ctx, { login: 'tech', displayName: 'Tech', password: 'pw-tech-1', role: 'technician' });
    const tech = await loggedIn('tech', 'pw-tech-1');
    expect(await dispatch(tech, 'clients.list', {})).toMatchObject({ ok: true });
    expect(await dispatch(tech, 'clients.create', validClient)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch(tech, 'settings.update', { operationLogLevel: 'basic' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('never leaks a stack trace: internal errors are logged and answered plainly', async () => {
    const broken = createDispatcher(t.app, { handlers: { ...createHandlers(t.app), 'app.info': () => { throw new Error('secret internals at /home/x'); } }, log: (e) => logged.push(e) }).call;
    const r = await broken(await loggedIn(), 'app.info', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side; it was logged.' } });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('turns a uniqueness violation into a conflict', async () => {
    const caller = await loggedIn();
    const broken = createDispatcher(t.app, { handlers: { ...createHandlers(t.app), 'app.info': () => { t.app.ctx.raw.prepare("INSERT INTO settings VALUES ('a','1',1)").run(); t.app.ctx.raw.prepare("INSERT INTO settings VALUES ('a','1',1)").run(); return null as never; } } }).call;
    expect(await broken(caller, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('reports counts from the read pool', async () => {
    const caller = await loggedIn();
    await dispatch(caller, 'clients.create', validClient);
    const r = await dispatch(caller, 'app.info', {});
    expect(r).toMatchObject({ ok: true, value: { mode: 'browser', counts: { clients: 1, interventions: 0 }, database: { demo: false, path: expect.stringMatching(/^\//) as string } } });
    // A user who may not read Administration sees the file's name, not where it lies on the machine.
    createUser(t.app.ctx, { login: 'reader', displayName: 'Reader', password: 'pw-reader-1', role: 'operator' });
    const reader = await dispatch(await loggedIn('reader', 'pw-reader-1'), 'app.info', {});
    expect(reader).toMatchObject({ ok: true, value: { database: { path: null, name: expect.stringMatching(/\.sqlite$/) as string } } });
  });

  it('changes the language of the user, and only to one we speak', async () => {
    const caller = await loggedIn();
    expect(await dispatch(caller, 'session.setLanguage', { language: 'ro' })).toMatchObject({ ok: true, value: { language: 'ro' } });
    expect(await dispatch(caller, 'session.me', {})).toMatchObject({ ok: true, value: { language: 'ro' } });
    expect(await dispatch(caller, 'session.setLanguage', { language: 'xx' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('pins modules and views to My page, unpins them, chooses it as the start page; bad input is refused', async () => {
    const caller = await loggedIn();
    const me = async () => (await dispatch(caller, 'session.me', {})) as { ok: true; value: { favourites: unknown[]; startPage: string } };
    expect((await me()).value).toMatchObject({ favourites: [], startPage: 'module' });
    await dispatch(caller, 'session.toggleFavourite', { module: 'clients' });
    await dispatch(caller, 'session.toggleFavourite', { module: 'interventions', view: 'builtin:unread' });
    await dispatch(caller, 'session.toggleFavourite', { module: 'interventions', view: 'v-1', name: 'North, urgent' });
    expect((await me()).value.favourites).toEqual([
      { module: 'clients', view: null, name: null },
      { module: 'interventions', view: 'builtin:unread', name: null },
      { module: 'interventions', view: 'v-1', name: 'North, urgent' },
    ]);
    // The same module and view again unpins it.
    await dispatch(caller, 'session.toggleFavourite', { module: 'interventions', view: 'builtin:unread' });
    expect((await me()).value.favourites).toHaveLength(2);
    expect(await dispatch(caller, 'session.setStartPage', { startPage: 'home' })).toMatchObject({ ok: true, value: { startPage: 'home' } });
    expect((await me()).value.startPage).toBe('home');
    for (const bad of [{ module: 'nope' }, { module: 'clients', view: '' }, { module: 'clients', name: 'x'.repeat(101) }, { module: 'clients', extra: 1 }]) {
      expect(await dispatch(caller, 'session.toggleFavourite', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await dispatch(caller, 'session.setStartPage', { startPage: 'calendar' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((await me()).value.favourites).toHaveLength(2);
  });

  it('logs out: the same caller is then refused', async () => {
    const caller = await loggedIn();
    expect(await dispatch(caller, 'auth.logout', {})).toEqual({ ok: true, value: null });
    expect(await dispatch(caller, 'session.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('events for a window', () => {
  it('go only where the session may see them, and a session that ends is told once, then hears nothing', async () => {
    let now = 1_800_000_000_000;
    await t.dispose();
    t = tempApp({ now: () => now });
    const dispatcher = createDispatcher(t.app, { log: (e) => logged.push(e) });
    dispatch = dispatcher.call;
    createUser(t.app.ctx, { login: 'op', displayName: 'Op', password: 'pw-op-123', role: 'operator' });
    const admin = await loggedIn();
    const op = await loggedIn('op', 'pw-op-123');
    const heard = { admin: [] as string[], op: [] as string[] };
    const listen = (who: 'admin' | 'op', caller: Caller) =>
      dispatcher.subscribe(caller, (event, payload) => heard[who].push(`${event}:${JSON.stringify(payload)}`));
    const adminWindow = listen('admin', admin);
    const opWindow = listen('op', op);
    const opId = (await dispatch(op, 'session.me', {})) as { ok: true; value: { userId: string } };

    // Someone's export progress and read marks are theirs alone.
    t.app.ctx.events.emit('export.progress', { exportId: 'e1', done: 1, total: 1, finished: true, url: '/exports/e1' }, { userId: opId.value.userId });
    // Changes to users and rights: administrators, and the user concerned.
    t.app.ctx.events.emit('data.changed', { capability: 'auth', ids: ['someone-else'] });
    t.app.ctx.events.emit('data.changed', { capability: 'clients', ids: ['c1'] });
    expect(heard.admin).toEqual(['data.changed:{"capability":"auth","ids":["someone-else"]}', 'data.changed:{"capability":"clients","ids":["c1"]}']);
    expect(heard.op).toEqual(['export.progress:{"exportId":"e1","done":1,"total":1,"finished":true,"url":"/exports/e1"}', 'data.changed:{"capability":"clients","ids":["c1"]}']);

    // The operator's account is deactivated: their window is told at the next event, once.
    heard.op.length = 0;
    const users = (await dispatch(admin, 'admin.users.list', {})) as { ok: true; value: { id: string; login: string; version: number; displayName: string; role: string; language: string; personId: null; rights: object; sessionLocked: boolean }[] };
    const row = users.value.find((u) => u.login === 'op')!;
    expect((await dispatch(admin, 'admin.users.update', { id: row.id, version: row.version, login: row.login, displayName: row.displayName, role: row.role, language: row.language, personId: null, rights: {}, active: false, sessionLocked: false })).ok).toBe(true);
    expect(heard.op).toEqual(['session.ended:{"reason":"expired"}']);
    t.app.ctx.events.emit('data.changed', { capability: 'clients', ids: ['c2'] });
    expect(heard.op).toEqual(['session.ended:{"reason":"expired"}']);

    // Left idle past the limit, without any event: the periodic check finds it.
    heard.admin.length = 0;
    now += 9 * 3600_000;
    adminWindow.check();
    adminWindow.check();
    expect(heard.admin).toEqual(['session.ended:{"reason":"expired"}']);
    adminWindow.stop();
    opWindow.stop();
  });
});
