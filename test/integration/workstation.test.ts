import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/main/app/open';
import { checkAdminPassword, databaseAtStart, existingDatabasePath, newDatabasePath, rememberWorkstation, setupStatus } from '../../src/main/app/workstation';
import { openRaw } from '../../src/main/db/connection';
import { createDispatcher, type Caller } from '../../src/main/api/dispatcher';

/*
 * The first-run screen's choices, on real files: what the desktop app asks main to do before any
 * database is open (electron/setup-ipc.ts calls exactly these), and the database closed whole.
 */

const dir = mkdtempSync(join(tmpdir(), 'cc-workstation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = () => Date.parse('2026-11-20T10:00:00Z');

describe('first run', () => {
  it('remembers the choice, and an explicit --db always wins', () => {
    const data = join(dir, 'data-a');
    expect(databaseAtStart(undefined, data, true)).toBe('ask');
    expect(databaseAtStart(undefined, data, false)).toEqual({});
    expect(databaseAtStart('/x/y.sqlite', data, true)).toEqual({ dbPath: '/x/y.sqlite' });
    mkdirSync(data, { recursive: true });
    rememberWorkstation(data, { database: 'demo' });
    expect(databaseAtStart(undefined, data, true)).toEqual({});
    rememberWorkstation(data, { database: 'file', path: '/srv/cc.sqlite' });
    expect(databaseAtStart(undefined, data, true)).toEqual({ dbPath: '/srv/cc.sqlite' });
    expect(databaseAtStart('/other.sqlite', data, true)).toEqual({ dbPath: '/other.sqlite' });
    // A damaged or hand-edited choice is ignored (the screen asks again), never trusted.
    writeFileSync(join(data, 'workstation.json'), '{"database":"file","path":"relative.sqlite"}');
    expect(databaseAtStart(undefined, data, true)).toBe('ask');
    writeFileSync(join(data, 'workstation.json'), 'not json');
    expect(databaseAtStart(undefined, data, true)).toBe('ask');
  });

  it('tells the demo as a demo, with its logins', () => {
    const status = setupStatus(join(dir, 'data-b'));
    expect(status).toMatchObject({ demoExists: false, demoInterventions: 20_000, demoLogins: ['admin', 'operator', 'supervisor', 'technician', 'auditor'] });
    expect(status.demoPath).toBe(join(dir, 'data-b', 'demo.sqlite'));
  });

  it('creates a new database whose administrator has the password the user chose', async () => {
    expect(() => newDatabasePath('relative.sqlite')).toThrow(/Choose where/);
    expect(() => newDatabasePath(join(dir, 'no-such-folder', 'x.sqlite'))).toThrow(/does not exist/);
    expect(newDatabasePath(join(dir, 'office'))).toBe(join(dir, 'office.sqlite'));
    expect(() => checkAdminPassword('short')).toThrow(/at least 8 characters/);
    expect(() => checkAdminPassword('        ')).toThrow(/not only spaces/);
    expect(() => checkAdminPassword(42)).toThrow(/password/);
    const path = newDatabasePath(join(dir, 'office.sqlite'));
    const { app, firstLogin } = openApp({ dataDir: join(dir, 'data-c'), dbPath: path, mode: 'desktop', version: '0.0.0-test', log: () => {}, now: clock, adminPassword: checkAdminPassword('chosen by Ana') });
    try {
      expect(firstLogin).toEqual({ login: 'admin', password: 'chosen by Ana' });
      const dispatcher = createDispatcher(app);
      const caller: Caller = { transport: 'ipc', token: null };
      expect(await dispatcher.call(caller, 'auth.login', { login: 'admin', password: 'demo' })).toMatchObject({ ok: false });
      expect(await dispatcher.call(caller, 'auth.login', { login: 'admin', password: 'chosen by Ana' })).toMatchObject({ ok: true });
      // Nothing of the demo in a new database.
      expect((app.ctx.raw.prepare('SELECT count(*) AS n FROM interventions').get() as { n: number }).n).toBe(0);
    } finally {
      await app.close();
    }
    // Closed whole: the write-ahead log was checkpointed into the file and removed.
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(() => newDatabasePath(path)).toThrow(/already exists/);
    expect(existingDatabasePath(path)).toBe(path);
  });

  it('opens only a database of this application', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all');
    expect(() => existingDatabasePath(text)).toThrow(/not a database/);
    expect(() => existingDatabasePath(dir)).toThrow(/is not a file/);
    expect(() => existingDatabasePath(join(dir, 'missing.sqlite'))).toThrow(/is not a file/);
    expect(() => existingDatabasePath('relative.sqlite')).toThrow(/Choose a database file/);
    const other = join(dir, 'other-app.sqlite');
    const raw = openRaw(other);
    raw.exec('CREATE TABLE songs (id INTEGER PRIMARY KEY)');
    raw.close();
    expect(() => existingDatabasePath(other)).toThrow(/not one of this application/);
  });
});
