import { afterEach, describe, expect, it } from 'vitest';
import { tempApp, ADMIN_PASSWORD, type TempApp } from '../support/temp-app';
import { hashPassword, hashPasswordAsync, verifyPassword } from '../../src/main/auth/password';
import { ABSOLUTE_LIFETIME_MS } from '../../src/main/auth/sessions';
import { createUser, ensureAdmin } from '../../src/main/auth/users';

let t: TempApp | null = null;
const logIn = async (login: string, password: string, address = '127.0.0.1') => (await t!.app.sessions.login(login, password, 'http', address)).result;
const tokenOf = async (login: string, password: string) => (await t!.app.sessions.login(login, password, 'http', '127.0.0.1')).token;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', async () => {
    const a = hashPassword('correct horse');
    const b = await hashPasswordAsync('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(b).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$3$8$1$c2FsdA==$aGFzaA==')).toBe(false); // parameters scrypt refuses
  });
});

describe('sessions', () => {
  it('creates the administrator once, on the first start only', async () => {
    t = tempApp();
    expect(ensureAdmin(t.app.ctx, 'other')).toBeNull();
    const result = await logIn('admin', ADMIN_PASSWORD);
    expect(result.me.role).toBe('admin');
    expect(result.me.rights.admin).toBe('write');
  });

  it('refuses a wrong password and an unknown login with the same message, after the same password check', async () => {
    t = tempApp();
    const checks = t.app.sessions.passwordChecks;
    await expect(logIn('admin', 'wrong')).rejects.toThrow('Wrong login or password.');
    expect(checks.ran).toBe(1);
    await expect(logIn('nobody', 'wrong')).rejects.toThrow('Wrong login or password.');
    expect(checks.ran).toBe(2); // an unknown name costs the same scrypt check, on the same limiter
  });

  it('locks a login for a while after five failures', async () => {
    let now = 1_700_000_000_000;
    t = tempApp({ now: () => now });
    for (let i = 0; i < 5; i++) await expect(logIn('admin', 'bad')).rejects.toThrow(/Wrong login/);
    await expect(logIn('admin', ADMIN_PASSWORD)).rejects.toThrow(/Too many failed attempts/);
    now += 31_000;
    expect((await logIn('admin', ADMIN_PASSWORD)).me.login).toBe('admin');
  });

  it('locks a client address that guesses across many names, not the names tried from elsewhere', async () => {
    let now = 1_700_000_000_000;
    t = tempApp({ now: () => now });
    for (let i = 0; i < 20; i++) await expect(logIn(`random-${i}`, 'bad', '10.0.0.9')).rejects.toThrow(/Wrong login/);
    await expect(logIn('someone-new', 'bad', '10.0.0.9')).rejects.toThrow(/Too many failed attempts. Try again in 60 s/);
    await expect(logIn('admin', ADMIN_PASSWORD, '10.0.0.9')).rejects.toThrow(/Too many failed attempts/);
    expect((await logIn('admin', ADMIN_PASSWORD, '10.0.0.7')).me.login).toBe('admin');
    now += 61_000;
    expect((await logIn('admin', ADMIN_PASSWORD, '10.0.0.9')).me.login).toBe('admin');
  });

  it('checks passwords off the host thread, a few at a time: a logged-in call is answered while a flood of logins waits', async () => {
    t = tempApp();
    const token = await tokenOf('admin', ADMIN_PASSWORD);
    const order: string[] = [];
    const flood = Array.from({ length: 24 }, (_, i) =>
      logIn(`flood-${i}`, 'bad', `10.1.0.${i}`).catch(() => order.push('login')),
    );
    // Another window's call arrives as the next I/O event: with the hash on the host's thread the
    // flood's checks would all run first (each login ends in a microtask), so it would come last.
    const me = new Promise<ReturnType<typeof t.app.sessions.resume>>((resolve) =>
      setImmediate(() => {
        order.push('call');
        resolve(t!.app.sessions.resume(token));
      }),
    );
    expect((await me)?.me.login).toBe('admin');
    await Promise.all(flood);
    expect(order.indexOf('call')).toBeLessThan(order.length - 1);
    expect(order.filter((x) => x === 'login')).toHaveLength(24);
    expect(t.app.sessions.passwordChecks.peak).toBe(t.app.sessions.passwordChecks.concurrency);
  });

  it('tells the window when the session ends, however busy it is', async () => {
    let now = 1_700_000_000_000;
    t = tempApp({ now: () => now });
    const login = await logIn('admin', ADMIN_PASSWORD);
    expect(login.endsAt).toBe(now + ABSOLUTE_LIFETIME_MS);
    const token = await tokenOf('admin', ADMIN_PASSWORD);
    // Busy every 30 minutes for a week: the idle limit slides, the absolute one holds.
    const start = now;
    while (now + 30 * 60_000 < start + ABSOLUTE_LIFETIME_MS) {
      now += 30 * 60_000;
      expect(t.app.sessions.resume(token)?.session.endsAt).toBe(start + ABSOLUTE_LIFETIME_MS);
    }
    now = start + ABSOLUTE_LIFETIME_MS;
    expect(t.app.sessions.resume(token)).toBeNull();
  });

  it('resumes a token until it has been idle too long, then forgets it', async () => {
    let now = 1_700_000_000_000;
    t = tempApp({ now: () => now });
    const token = await tokenOf('admin', ADMIN_PASSWORD);
    expect(t.app.sessions.resume(token)?.me.login).toBe('admin');
    now += 7 * 3600_000; // within the 8 h idle limit
    expect(t.app.sessions.resume(token)).not.toBeNull();
    now += 9 * 3600_000;
    expect(t.app.sessions.resume(token)).toBeNull();
    now -= 9 * 3600_000;
    expect(t.app.sessions.resume(token)).toBeNull(); // deleted, not just expired
  });

  it('ends a session at logout and refuses tokens that were never issued', async () => {
    t = tempApp();
    const token = await tokenOf('admin', ADMIN_PASSWORD);
    const resumed = t.app.sessions.resume(token)!;
    t.app.sessions.logout(resumed.session.tokenHash, resumed.session.userId);
    expect(t.app.sessions.resume(token)).toBeNull();
    expect(t.app.sessions.resume('x'.repeat(43))).toBeNull();
    expect(t.app.sessions.resume('')).toBeNull();
  });

  it('gives each role its rights, and a locked session only reads', async () => {
    t = tempApp();
    createUser(t.app.ctx, { login: 'tech', displayName: 'Tech', password: 'pw-tech-1', role: 'technician' });
    const me = (await logIn('tech', 'pw-tech-1')).me;
    expect(me.rights).toMatchObject({ interventions: 'write', clients: 'read', calls: 'none', admin: 'none' });
  });
});
