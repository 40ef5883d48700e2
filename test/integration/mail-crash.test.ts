import { chownSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type ImapServer } from '../support/dovecot';
import { runProcess, type Run } from '../support/process-run';
import { tempDir } from '../support/temp-app';

/*
 * The watcher as a process of its own (test/support/mail-watcher-process.ts), killed with
 * SIGKILL twice in the middle of a backlog and once more after Dovecot was restarted under it,
 * then started again: every mail is taken, none twice, the thread has each reply once, and the
 * SQLite file is sound. A process that died does not hold the mailbox for the lease's minute:
 * the next one on the same machine sees its owner is gone and takes over at once.
 */

const SCRIPT = join(__dirname, '../support/mail-watcher-process.ts');
const MAILBOX = 'crash@example.test';
const PASSWORD = 'crash-imap-secret';
const N = 1000;

let imap: ImapServer;
const dir = tempDir();
let interventionId = '';

function run(command: string, want = 0): Run {
  return runProcess(SCRIPT, [dir.dir, String(imap.port), MAILBOX, PASSWORD, command], { WANT: String(want) });
}

/** Opens the workstation's file read-only, as a second process would, asks, and closes it. */
function ask<T>(sql: string): T {
  const db = new Database(join(dir.dir, 'ws.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}

const taken = () => ask<number>('SELECT count(*) FROM mail_inbox');

/** Polls until at least `count` mails are taken; the count it saw, or null if the run ended (or two minutes went) first. */
async function reach(r: Run, count: number): Promise<number | null> {
  let ended = false;
  void r.exited.then(() => (ended = true));
  const limit = Date.now() + 120_000;
  while (!ended && Date.now() < limit) {
    const n = taken();
    if (n >= count) return n;
    await new Promise((res) => setTimeout(res, 5));
  }
  return null;
}

/** The same, then kills the run there. */
async function killAfter(r: Run, count: number): Promise<number | null> {
  const n = await reach(r, count);
  r.kill();
  await r.exited;
  return n;
}

/** Half the replies answer the intervention by the token in their address; the rest match nothing. */
function reply(i: number): string {
  const token = `crash+${interventionId.replace(/-/g, '')}@example.test`;
  const to = i % 2 === 0 ? token : MAILBOX;
  return `From: Client ${i} <client${i}@client.test>\r\nTo: ${to}\r\nSubject: Reply ${i}\r\nMessage-ID: <crash-${i}@client.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nReply number ${i}.\r\n${'Some words of a longer reply. '.repeat(20)}\r\n`;
}

beforeAll(async () => {
  imap = await startDovecot({ [MAILBOX]: PASSWORD });
  const setup = run('setup');
  expect(await setup.exited, setup.lines.join('\n')).toEqual({ code: 0, signal: null });
  interventionId = setup.lines.find((l) => l.startsWith('intervention '))!.slice('intervention '.length);
  // Dovecot makes the mailbox at its first login; then the backlog is delivered into its Maildir
  // as the delivery agent would, before anyone reads.
  const first = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: PASSWORD }, logger: false });
  await first.connect();
  await first.mailboxOpen('INBOX');
  await first.logout();
  const fresh = join(imap.maildirOf(MAILBOX), 'new');
  for (let i = 0; i < N; i++) {
    const file = join(fresh, `1796000000.C${i}.crash`);
    writeFileSync(file, reply(i));
    chownSync(file, 65534, 65534);
  }
}, 60_000);

afterAll(async () => {
  await imap?.dispose();
  dir.dispose();
});

describe('the watcher killed while it takes a backlog', () => {
  it('takes every mail exactly once over three kills and a Dovecot restart, and the file stays sound', async () => {
    const first = await killAfter(run('watch', N), 150);
    expect(first).not.toBeNull();
    expect(first!).toBeLessThan(N);
    // Started again at once: the dead process's lease does not keep it waiting a minute.
    const started = Date.now();
    const second = await killAfter(run('watch', N), first! + 250);
    expect(second).not.toBeNull();
    expect(second!).toBeLessThan(N);
    expect(Date.now() - started).toBeLessThan(50_000);
    // Dovecot goes away and comes back while a third one reads; it is killed after the restart.
    const third = run('watch', N);
    expect(await reach(third, second! + 150)).not.toBeNull();
    await imap.stop();
    await imap.start();
    await killAfter(third, second! + 400);
    // The last one reads to the end by itself.
    const last = run('watch', N);
    expect(await last.exited, last.lines.join('\n')).toEqual({ code: 0, signal: null });
    expect(last.lines).toContain('done');

    expect(taken()).toBe(N);
    expect(ask<number>('SELECT count(DISTINCT message_id) FROM mail_inbox')).toBe(N);
    expect(ask<number>("SELECT count(*) FROM mail_inbox WHERE status = 'matched'")).toBe(N / 2);
    expect(ask<number>("SELECT count(*) FROM mail_inbox WHERE status = 'unmatched'")).toBe(N / 2);
    // Each matched reply once in the thread: as many incoming messages as matched mails, each text once.
    expect(ask<number>(`SELECT count(*) FROM intervention_messages WHERE kind = 'email_in' AND intervention_id = '${interventionId}'`)).toBe(N / 2);
    expect(ask<number>(`SELECT count(DISTINCT body) FROM intervention_messages WHERE kind = 'email_in' AND intervention_id = '${interventionId}'`)).toBe(N / 2);
    // The watcher's place is the mailbox's last mail.
    expect(ask<number>("SELECT last_uid FROM mail_watch WHERE id = 'imap'")).toBe(ask<number>('SELECT max(uid) FROM mail_inbox'));
    const db = new Database(join(dir.dir, 'ws.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  }, 300_000);
});
