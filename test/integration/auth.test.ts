import { afterEach, describe, expect, it } from 'vitest';
import { tempApp, ADMIN_PASSWORD, type TempApp } from '../support/temp-app';
import { hashPassword, verifyPassword } from '../../src/main/auth/password';
import { createUser, ensureAdmin } from '../../src/main/auth/users';

let t: TempApp | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('passwords', () => {
  it('hashes with scrypt and a salt, and verifies only the right password', () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(verifyPassword('correct horse', a)).toBe(true);
    expect(verifyPassword('correct horsE', a)).toBe(false);
    expect(verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('sessions', () => {
  it('creates the administrator once, on the first start only', () => {
    t = tempApp();
    expect(ensureAdmin(t.app.ctx, 'other')).toBeNull();
    const result = t.app.sessions.login('admin', ADMIN_PASSWORD, 'http');
    expect(result.me.role).toBe('admin');
    expect(result.me.rights.admin).toBe('write');
  });

  it('refuses a wrong password and an unknown login with the same message', () => {
    t = tempApp();
    expect(() => t!.app.sessions.login('admin', 'wrong', 'http')).toThrow('Wrong login or password.');
    expect(() => t!.app.sessions.login('nobody', 'wrong', 'http')).toThrow('Wrong login or password.');
  });

  it('locks a login for a while after five failures', () => {
    let now = 1_700_000_000_000;
    t = tempApp({ now: () => now });
    for (let i = 0; i < 5; i++) expect(() => t!.app.sessions.login('admin', 'bad', 'http')).toThrow(/Wrong login/);
    expect(() => t!.app.sessions.login('admin', ADMIN_PASSWORD, 'http')).toThrow(/Too many failed attempts/);
    now += 31_000;
    expect(t.app.sessions.login('admin', ADMIN_PASSWORD, 'http').me.login).toBe('admin');
  });

  it('resumes a token until it has been idle too long, then forgets it', () => {
    let now = 1_700_000_000_000;
    t = tempApp({ now: () => now });
    const { token } = t.app.sessions.login('admin', ADMIN_PASSWORD, 'http');
    expect(t.app.sessions.resume(token)?.me.login).toBe('admin');
    now += 7 * 3600_000; // within the 8 h idle limit
    expect(t.app.sessions.resume(token)).not.toBeNull();
    now += 9 * 3600_000;
    expect(t.app.sessions.resume(token)).toBeNull();
    now -= 9 * 3600_000;
    expect(t.app.sessions.resume(token)).toBeNull(); // deleted, not just expired
  });

  it('ends a session at logout and refuses tokens that were never issued', () => {
    t = tempApp();
    const { token } = t.app.sessions.login('admin', ADMIN_PASSWORD, 'http');
    const resumed = t.app.sessions.resume(token)!;
    t.app.sessions.logout(resumed.session.tokenHash);
    expect(t.app.sessions.resume(token)).toBeNull();
    expect(t.app.sessions.resume('x'.repeat(43))).toBeNull();
    expect(t.app.sessions.resume('')).toBeNull();
  });

  it('gives each role its rights, and a locked session only reads', () => {
    t = tempApp();
    createUser(t.app.ctx, { login: 'tech', displayName: 'Tech', password: 'pw-tech-1', role: 'technician' });
    const me = t.app.sessions.login('tech', 'pw-tech-1', 'ipc').me;
    expect(me.rights).toMatchObject({ interventions: 'write', clients: 'read', calls: 'none', admin: 'none' });
  });
});
