import { createDispatcher } from '../../src/main/api/dispatcher';
import { openApp } from '../../src/main/app/open';
import { apiCalls } from './dispatch';
import { exitWhenDone } from './process-run';

/*
 * A workstation that reads the shared mailbox, as a process of its own, for the crash test (a
 * SIGKILL ends it at any instruction, as a power cut or a killed app would):
 *
 *   node --import tsx mail-watcher-process.ts DIR IMAP_PORT MAILBOX PASSWORD COMMAND
 *
 *   setup  logs in, saves the mailbox settings (switched on) and makes a client with one
 *          intervention; prints "intervention <id>" and exits;
 *   watch  starts the app (its watcher reads the mailbox) and runs until it is killed, or until
 *          the mailbox's last mail is taken ("done"; the test says how many with WANT).
 */

const [dir, imapPort, mailbox, password, command] = process.argv.slice(2) as [string, string, string, string, string];

async function main(): Promise<void> {
  // The clock the test data is made with, whatever the day of the run (its working period is open).
  const now = () => Date.parse('2026-11-16T10:00:00Z');
  const { app } = openApp({ dataDir: dir, dbPath: `${dir}/ws.sqlite`, mode: 'browser', version: 'mail-crash-test', log: () => {}, adminPassword: 'local-admin-password', now });
  const dispatch = createDispatcher(app, { log: () => {} }).call;
  // One caller for the process: its login is kept by that object.
  const caller = { transport: 'ipc' as const, token: null };
  const { ok: call } = apiCalls(() => dispatch, () => caller);
  await call('auth.login', { login: 'admin', password: 'local-admin-password' });
  if (command === 'setup') {
    await call('mail.watch.save', { host: '127.0.0.1', port: Number(imapPort), security: 'none', user: mailbox, password, folder: 'INBOX', enabled: true });
    await call('admin.periods.create', { startDate: '2026-11-01', endDate: '2026-11-30' });
    const client = await call<{ id: string }>('clients.create', { kind: 'company', name: 'Crash Mail SRL', country: 'RO' });
    const iv = await call<{ id: string }>('interventions.create', { docDate: '2026-11-16', clientId: client.id, objectText: 'Replies arrive while the app dies' });
    console.log(`intervention ${iv.id}`);
  } else if (command === 'watch') {
    app.start();
    const want = Number(process.env.WANT);
    console.log('watching');
    for (;;) {
      const taken = app.ctx.raw.prepare('SELECT count(*) FROM mail_inbox').pluck().get() as number;
      if (taken >= want) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    console.log('done');
  }
  await app.close();
}

exitWhenDone(main);
