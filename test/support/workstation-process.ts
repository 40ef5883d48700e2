import { createDispatcher } from '../../src/main/api/dispatcher';
import { openApp } from '../../src/main/app/open';
import { apiCalls } from './dispatch';
import { exitWhenDone } from './process-run';
import type { SyncState } from '../../src/shared/api/sync';

/*
 * A workstation as a process of its own, for the sync crash tests (a SIGKILL ends it at any
 * instruction, as a power cut or a killed app would):
 *
 *   node --import tsx workstation-process.ts DIR STORE_URL LOGIN PASSWORD COMMAND [N]
 *
 *   join     joins the store (discarding the workstation's own data), then exits;
 *   write N  logs in without syncing and makes N clients "crash-<i>", one change each, then exits;
 *   sync     logs in, syncs until nothing waits, prints "synced <json>" and exits.
 * Lines on stdout tell the test where it is.
 */

const [dir, storeUrl, login, password, command, count] = process.argv.slice(2) as [string, string, string, string, string, string?];

async function main(): Promise<void> {
  const { app } = openApp({ dataDir: dir, dbPath: `${dir}/ws.sqlite`, mode: 'browser', version: 'crash-test', log: () => {}, adminPassword: 'local-admin-password' });
  const dispatch = createDispatcher(app, { log: () => {} }).call;
  // One caller for the process: its login is kept by that object.
  const caller = { transport: 'ipc' as const, token: null };
  const { ok: call } = apiCalls(() => dispatch, () => caller);
  if (command === 'join') {
    app.start();
    await call('auth.login', { login: 'admin', password: 'local-admin-password' });
    await call('sync.join', { url: storeUrl, login, password, discardLocal: true });
  } else if (command === 'write') {
    // Not started: nothing syncs while the changes are made, so they all wait in the outbox.
    await call('auth.login', { login, password });
    for (let i = 0; i < Number(count); i++) await call('clients.create', { kind: 'company', name: `crash-${i}`, country: 'RO' });
  } else if (command === 'sync') {
    app.start();
    await call('auth.login', { login, password });
    console.log('syncing');
    let state: SyncState;
    do state = await call<SyncState>('sync.now', {});
    while (state.pending > 0 || state.status !== 'online');
    console.log(`synced ${JSON.stringify({ pending: state.pending, rejected: state.rejected })}`);
  }
  await app.close();
}

exitWhenDone(main);
