/*
 * Benchmark of incoming mail (not a test: it prints figures), against Debian's Dovecot on
 * 127.0.0.1, started here as the tests start it:
 *
 *   npm run bench:mail [-- data/bench-1m.sqlite]
 *
 * Shapes, each beside a raw figure measured in the same run:
 *   1. APPEND to thread-visible: a reply appended to the shared mailbox until its message is
 *      committed in its intervention's thread (what the thread then reads), p50/p95 over 100
 *      replies, against a bare imapflow client idling on the folder hearing the same APPEND;
 *   2. a backlog of 10,000 replies dropped into the Maildir while nothing watched, taken by the
 *      watcher (each parsed, matched and written in its own transaction), against a bare fetch
 *      of the same 10,000 sources.
 * The database is a copy of the file given (else a 20,000-intervention demo made here).
 */
import { chownSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { createDispatcher, type Caller } from '../src/main/api/dispatcher';
import { openApp } from '../src/main/app/open';
import { openRaw, wrap } from '../src/main/db/connection';
import { runMigrations } from '../src/main/db/migrate';
import { generateDemo } from '../src/main/demo/generate';
import { startDovecot } from '../test/support/dovecot';

const MAILBOX = 'replies@example.test';
const PASSWORD = 'bench-imap-secret';
const REPLIES = 100;
const BACKLOG = 10_000;
const given = process.argv[2] && existsSync(process.argv[2]) ? process.argv[2] : null;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? NaN;
};
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-mail-'));
  const dbPath = join(dir, 'bench.sqlite');
  if (given) {
    console.log(`copying ${given} …`);
    copyFileSync(given, dbPath);
  } else {
    const raw = openRaw(dbPath);
    runMigrations(wrap(raw), dbPath);
    generateDemo(raw, { interventions: 20_000, now: new Date('2026-11-20T10:00:00Z') });
    raw.close();
  }
  const imap = await startDovecot({ [MAILBOX]: PASSWORD });
  const { app } = openApp({ dataDir: dir, dbPath, mode: 'browser', version: 'bench', log: () => {} });
  const dispatch = createDispatcher(app, { log: (e) => console.error(e) }).call;
  const caller: Caller = { transport: 'ipc', token: null };
  const login = await dispatch(caller, 'auth.login', { login: 'admin', password: 'demo' });
  if (!login.ok) throw new Error(login.error.message);
  const saved = await dispatch(caller, 'mail.watch.save', { host: '127.0.0.1', port: imap.port, security: 'none', user: MAILBOX, password: PASSWORD, folder: 'INBOX' });
  if (!saved.ok) throw new Error(saved.error.message);
  const counts = app.ctx.raw.prepare('SELECT count(*) FROM interventions').pluck().get() as number;
  console.log(`database: ${counts.toLocaleString('en')} interventions${given ? ` (${given})` : ' (demo)'}`);
  const targets = app.ctx.raw.prepare('SELECT id FROM interventions WHERE deleted_at IS NULL ORDER BY id LIMIT 1000').pluck().all() as string[];
  const reply = (i: number, iv: string) =>
    `From: Field Technician <field.tech@example.test>\r\nTo: replies+${iv.replace(/-/g, '')}@example.test\r\nSubject: Re: visit ${i}\r\nMessage-ID: <bench-${i}-${iv}@tech.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNote ${i}: the pump is replaced, the pressure holds at 1.5 bar.\r\n\r\nOn Fri, Dispatch wrote:\r\n> Hello\r\n`;

  const client = () => new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: PASSWORD }, logger: false });
  const deliverer = client();
  await deliverer.connect();

  // 1a. Raw: a bare client idling on the folder hears each APPEND.
  const listener = client();
  await listener.connect();
  await listener.mailboxOpen('INBOX');
  let heard: (() => void) | null = null;
  listener.on('exists', () => heard?.());
  void listener.idle();
  const raw: number[] = [];
  for (let i = 0; i < REPLIES; i++) {
    const got = new Promise<void>((r) => (heard = r));
    const t0 = performance.now();
    await deliverer.append('INBOX', Buffer.from(reply(-1 - i, targets[i % targets.length]!)));
    await got;
    raw.push(performance.now() - t0);
    await sleep(20);
  }
  await listener.logout();
  // Those raw replies are old mail to the watcher: it takes them first, then the measure starts.
  app.mailWatcher.start();
  const taken = () => app.ctx.raw.prepare('SELECT count(*) FROM mail_inbox').pluck().get() as number;
  while (taken() < REPLIES) await sleep(50);

  // 1b. The app: APPEND until the thread's message is committed.
  const latency: number[] = [];
  for (let i = 0; i < REPLIES; i++) {
    const iv = targets[i % targets.length]!;
    const done = new Promise<void>((r) => {
      const off = app.mailWatcher.onTaken(() => {
        off();
        r();
      });
    });
    const t0 = performance.now();
    await deliverer.append('INBOX', Buffer.from(reply(i, iv)));
    await done;
    latency.push(performance.now() - t0);
    const seen = app.ctx.raw.prepare("SELECT count(*) FROM intervention_messages WHERE intervention_id = ? AND kind = 'email_in' AND body LIKE ?").pluck().get(iv, `%Re: visit ${i}\n%`);
    if (seen !== 1) throw new Error(`reply ${i} is not in its thread`);
    await sleep(20);
  }
  console.log('\nshape | p50 | p95 | raw p50 | raw p95 | ratio p95');
  console.log(`APPEND → thread-visible (${REPLIES} replies, IDLE) | ${ms(pct(latency, 50))} | ${ms(pct(latency, 95))} | ${ms(pct(raw, 50))} | ${ms(pct(raw, 95))} | ${(pct(latency, 95) / pct(raw, 95)).toFixed(1)}x`);

  // 2. A backlog: 10,000 replies dropped into the Maildir while the watcher is stopped.
  await app.mailWatcher.stop();
  const fresh = join(imap.maildirOf(MAILBOX), 'new');
  for (let i = 0; i < BACKLOG; i++) {
    const file = join(fresh, `1796000000.B${i}.bench`);
    writeFileSync(file, reply(100_000 + i, targets[i % targets.length]!));
    chownSync(file, 65534, 65534);
  }
  // Raw: a bare client fetching every new source (Dovecot gives the files their UIDs here).
  const fetcher = client();
  await fetcher.connect();
  await fetcher.mailboxOpen('INBOX');
  const last = app.ctx.raw.prepare("SELECT last_uid FROM mail_watch WHERE id = 'imap'").pluck().get() as number;
  let t0 = performance.now();
  let bytes = 0;
  let n = 0;
  for await (const m of fetcher.fetch(`${last + 1}:*`, { uid: true, source: true }, { uid: true })) {
    bytes += m.source?.length ?? 0;
    n++;
  }
  const rawMs = performance.now() - t0;
  await fetcher.logout();
  if (n !== BACKLOG) throw new Error(`the bare fetch saw ${n} mails, not ${BACKLOG}`);
  const before = taken();
  t0 = performance.now();
  app.mailWatcher.start();
  while (taken() < before + BACKLOG) await sleep(20);
  const appMs = performance.now() - t0;
  const rate = (count: number, total: number) => `${Math.round((count / total) * 1000).toLocaleString('en')}/s`;
  console.log(`\nbacklog of ${BACKLOG.toLocaleString('en')} (${(bytes / 1024 / 1024).toFixed(1)} MB) | app ${(appMs / 1000).toFixed(1)} s (${rate(BACKLOG, appMs)}) | bare fetch ${(rawMs / 1000).toFixed(1)} s (${rate(BACKLOG, rawMs)}) | ratio ${(appMs / rawMs).toFixed(1)}x`);
  const dupes = app.ctx.raw.prepare('SELECT count(*) FROM (SELECT message_id FROM mail_inbox GROUP BY message_id HAVING count(*) > 1)').pluck().get();
  console.log(`mails taken twice: ${String(dupes)}`);

  await deliverer.logout();
  await app.close();
  await imap.dispose();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
