import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { openRaw, type RawDb } from '../../src/main/db/connection';
import { tempApp, ADMIN_PASSWORD, type TempApp } from '../support/temp-app';

/*
 * Another connection holding the file's write lock for long (the index worker after a download
 * of the store, sync/bootstrap.ts), with the write gate held as the download holds it: the main
 * process's writes wait for it without freezing the host's thread, and nothing is lost. Before
 * the gate, a login then waited 5 s in busy_timeout on the host's thread and failed "database is
 * locked" (the e2e sync test's login during the indexes, seen red on CI).
 */

const START = Date.parse('2026-03-02T09:00:00Z');
let clock = START;
let t: TempApp;
let dispatch: Dispatch;
let worker: RawDb;
beforeEach(() => {
  clock = START;
  t = tempApp({ now: () => clock });
  dispatch = createDispatcher(t.app, { log: () => undefined }).call;
  worker = openRaw(join(t.dir, 'test.sqlite'));
});
afterEach(async () => {
  if (worker.inTransaction) worker.exec('ROLLBACK');
  worker.close();
  t.app.ctx.writes.release();
  await t.dispose();
});

/** The index worker's part: the write lock taken and held, as its long transactions hold it. */
function workerHoldsTheFile(): void {
  worker.exec('BEGIN IMMEDIATE');
  t.app.ctx.writes.hold();
}

function workerDone(): void {
  worker.exec('COMMIT');
  t.app.ctx.writes.release();
}

/**
 * Resolves when a call, refused at once by the held gate, waits for it to open: the host's
 * thread was not held in busy_timeout, and nothing else made the call settle.
 */
function waitsForTheGate(): Promise<void> {
  const gate = t.app.ctx.writes;
  const whenOpen = gate.whenOpen.bind(gate);
  return new Promise((reached) => {
    gate.whenOpen = () => {
      reached();
      return whenOpen();
    };
  });
}

async function loggedIn(): Promise<Caller> {
  const caller: Caller = { transport: 'ipc', token: null };
  const r = await dispatch(caller, 'auth.login', { login: 'admin', password: ADMIN_PASSWORD });
  expect(r).toMatchObject({ ok: true });
  return caller;
}

describe('the write gate, while another connection builds indexes', () => {
  it('a login waits for the build, without blocking the host, and then succeeds', async () => {
    workerHoldsTheFile();
    const caller: Caller = { transport: 'ipc', token: null };
    const waiting = waitsForTheGate();
    const login = dispatch(caller, 'auth.login', { login: 'admin', password: ADMIN_PASSWORD });
    await waiting;
    workerDone();
    expect(await login).toMatchObject({ ok: true, value: { me: { login: 'admin' } } });
    expect((await dispatch(caller, 'session.me', {})).ok).toBe(true);
  });

  it('a save made meanwhile is kept once the build ends; reads answer at once', async () => {
    const caller = await loggedIn();
    workerHoldsTheFile();
    // A minute and more later: the session's last-seen time would be written by any call.
    clock += 5 * 60_000;
    expect(await dispatch(caller, 'session.me', {})).toMatchObject({ ok: true });
    const waiting = waitsForTheGate();
    const save = dispatch(caller, 'clients.create', { kind: 'company', name: 'Termo Service SRL', country: 'RO' });
    await waiting;
    workerDone();
    const saved = await save;
    expect(saved).toMatchObject({ ok: true });
    const id = (saved as { value: { id: string } }).value.id;
    expect(t.app.ctx.raw.prepare('SELECT name FROM clients WHERE id = ?').pluck().get(id)).toBe('Termo Service SRL');
  });

  it('an error that is not the gate is answered as before', async () => {
    const caller = await loggedIn();
    workerHoldsTheFile();
    const bad = await dispatch(caller, 'clients.create', { kind: 'company', name: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    workerDone();
  });
});
