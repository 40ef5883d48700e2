import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import type { MailAccountView, MailTemplateText, OutboxRow } from '../../src/shared/api/mail';
import { MailSender } from '../../src/main/mail/sender';
import { apiCalls } from '../support/dispatch';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * Outgoing mail against a real SMTP server on 127.0.0.1 (smtp-server, the peer nodemailer's
 * authors test with): the account kept with its password sealed, an allocation queued in the
 * change's transaction and delivered with its thread headers and reply token, the thread told,
 * refusals retried or failed with the server's words, and a crash mid-send sent again.
 */

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let d: DemoApp;
let dispatch: Dispatch;
const caller: Caller = { transport: 'ipc', token: null };
const { ok, fails } = apiCalls(() => dispatch, () => caller);
let server: SMTPServer;
let port = 0;
/** The app's clock: a test may move it on (a retry's back-off) and must put it back. */
let clock = Date.parse('2026-11-20T10:00:00Z');
/** Each test's technician and intervention are new ones. */
let picked = 0;
const used: string[] = [];
const received: Received[] = [];
/** Recipients the server refuses: permanently (550) or for now (451). */
const refuse = new Map<string, 550 | 451>();

/** The test's SMTP server: logins, refusals by address, mail kept in `received`. */
function smtpServer(): SMTPServer {
  return new SMTPServer({
    authOptional: false,
    // Loopback only, without TLS: the account says "none" (allowed for a trusted relay).
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'dispatch' && auth.password === 'smtp-secret') cb(null, { user: 'dispatch' });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, cb) {
      const code = refuse.get(address.address);
      if (!code) return cb();
      const err = new Error(code === 550 ? 'Mailbox unavailable' : 'Try again later') as Error & { responseCode: number };
      err.responseCode = code;
      cb(err);
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
}

beforeAll(async () => {
  server = smtpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  d = demoApp(1000, new Date(clock), () => clock);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  const r = await dispatch(caller, 'auth.login', { login: 'admin', password: 'demo' });
  if (!r.ok) throw new Error(r.error.message);
}, 60_000);

afterAll(async () => {
  await d.dispose();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const account = () => ({ host: '127.0.0.1', port, security: 'none' as const, user: 'dispatch', fromAddress: 'dispatch@example.test', fromName: 'Dispatch', replyTo: 'replies@example.test' });
const raw = () => d.app.ctx.raw;

/** A technician with an address, and an intervention without them. */
function technicianAndIntervention(email: string, language = 'ro'): { person: string; iv: { id: string; version: number } } {
  const person = raw().prepare('SELECT id FROM personnel WHERE is_technician = 1 AND active = 1 AND deleted_at IS NULL ORDER BY id LIMIT 1 OFFSET ?').pluck().get(picked % 8) as string;
  raw().prepare('UPDATE personnel SET email = ? WHERE id = ?').run(email, person);
  raw().prepare('UPDATE users SET language = ? WHERE person_id = ?').run(language, person);
  const iv = raw()
    .prepare(
      `SELECT id, version FROM interventions i WHERE deleted_at IS NULL AND status IN ('taken', 'allocated') AND number IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM intervention_technicians it WHERE it.intervention_id = i.id AND it.person_id = ? AND it.deleted_at IS NULL)
         AND id NOT IN (SELECT intervention_id FROM mail_outbox) AND id NOT IN (${used.map(() => '?').join(', ') || "''"})
       ORDER BY id LIMIT 1`,
    )
    .get(person, ...used) as { id: string; version: number };
  used.push(iv.id);
  picked++;
  return { person, iv };
}

/** The Subject header decoded (RFC 2047 Q-encoded words, folded lines joined). */
function subjectOf(mail: string): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail)![1]!;
  const q = (text: string) => Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  return folded.replace(/\?=\r?\n[ \t]+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, text: string) => q(text)).replace(/\r?\n[ \t]+/g, ' ');
}

const outbox = (status?: OutboxRow['status']) => ok<OutboxRow[]>('mail.outbox.list', status ? { status } : {});

describe('the mail account', () => {
  it('refuses bad settings field by field, and keeps the password sealed, never shown', async () => {
    const bad = await fails('mail.account.save', { ...account(), host: 'smtp example', port: 70_000, fromAddress: 'not-an-address', replyTo: 'x@' });
    expect(bad.code).toBe('validation');
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['fromAddress', 'host', 'port', 'replyTo']);
    const saved = await ok<MailAccountView>('mail.account.save', { ...account(), password: 'smtp-secret' });
    expect(saved).toMatchObject({ host: '127.0.0.1', hasPassword: true });
    expect(JSON.stringify(saved)).not.toContain('smtp-secret');
    const stored = raw().prepare("SELECT password_sealed FROM mail_accounts WHERE id = 'smtp'").pluck().get() as string;
    expect(stored).not.toContain('smtp-secret');
    // Saved again without a password: the one saved stays.
    expect((await ok<MailAccountView>('mail.account.save', account())).hasPassword).toBe(true);
    expect(await ok('mail.account.test', {})).toEqual({ ok: true });
  });

  it('says in the server\'s words why a connection test fails', async () => {
    await ok('mail.account.save', { ...account(), password: 'wrong' });
    const failed = await fails('mail.account.test', {});
    expect(failed.message).toMatch(/Invalid username or password/);
    await ok('mail.account.save', { ...account(), password: 'smtp-secret' });
  });
});

describe('an allocation', () => {
  it('mails each new technician in their language, with the thread headers and the reply token; the thread shows it', async () => {
    const { person, iv } = technicianAndIntervention('ana.tehnician@example.test', 'ro');
    const before = received.length;
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [person] });
    // Queued in the change's own transaction, not sent yet.
    const queued = (await outbox('queued')).filter((m) => m.interventionId === iv.id);
    expect(queued).toHaveLength(1);
    await d.app.mail.kick();
    expect(received.length).toBe(before + 1);
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['ana.tehnician@example.test']);
    expect(mail.from).toBe('dispatch@example.test');
    const token = iv.id.replace(/-/g, '');
    expect(mail.raw).toMatch(new RegExp(`^Reply-To: replies\\+${token}@example\\.test`, 'm'));
    // Long headers are folded onto a second line.
    expect(mail.raw).toMatch(new RegExp(`^References:\\s+<intervention\\.${iv.id}@example\\.test>`, 'm'));
    expect(mail.raw).toMatch(new RegExp(`^In-Reply-To:\\s+<intervention\\.${iv.id}@example\\.test>`, 'm'));
    // Dated by the app's clock, as the thread is.
    expect(mail.raw).toMatch(/^Date: Fri, 20 Nov 2026 10:00:00 \+0000/m);
    expect(mail.raw).toMatch(/^Auto-Submitted: auto-generated/m);
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/m);
    // Romanian, the technician's language (the subject is encoded: decode its words).
    const one = (sql: string) => String(raw().prepare(sql).pluck().get(iv.id));
    const number = one("SELECT coalesce(se.prefix || ' ', '') || i.number FROM interventions i JOIN series se ON se.id = i.series_id WHERE i.id = ?");
    const client = one('SELECT c.name FROM interventions i JOIN clients c ON c.id = i.client_id WHERE i.id = ?');
    const object = one('SELECT coalesce(i.object_text, p.name) FROM interventions i LEFT JOIN products p ON p.id = i.product_id WHERE i.id = ?');
    expect(subjectOf(mail.raw)).toBe(`[${number}] Intervenție alocată: ${client}, ${object}`);
    const sent = (await outbox('sent')).find((m) => m.interventionId === iv.id)!;
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    const thread = await ok<{ kind: string; body: string }[]>('interventions.messages.list', { id: iv.id });
    expect(thread.filter((m) => m.kind === 'email_out').map((m) => m.body.split('\n')[0])).toEqual([`${String(raw().prepare('SELECT name FROM personnel WHERE id = ?').pluck().get(person))} <ana.tehnician@example.test>`]);
    // Assigned again (no one new): nothing more.
    const v = raw().prepare('SELECT version FROM interventions WHERE id = ?').pluck().get(iv.id) as number;
    await ok('interventions.assignTechnicians', { id: iv.id, version: v, personIds: [person] });
    expect((await outbox()).filter((m) => m.interventionId === iv.id)).toHaveLength(1);
  });

  it('a refused change queues nothing: the mail is kept or lost with it', async () => {
    const { person, iv } = technicianAndIntervention('nobody.else@example.test', 'en');
    const count = (await outbox()).length;
    const stale = await fails('interventions.assignTechnicians', { id: iv.id, version: iv.version + 7, personIds: [person] });
    expect(stale.code).toBe('conflict');
    expect((await outbox()).length).toBe(count);
  });

  it('a permanent refusal fails at once with the server\'s answer, a passing one is tried again later; a failed mail can be sent again', async () => {
    const gone = technicianAndIntervention('gone@example.test', 'en');
    refuse.set('gone@example.test', 550);
    await ok('interventions.assignTechnicians', { id: gone.iv.id, version: gone.iv.version, personIds: [gone.person] });
    const busy = technicianAndIntervention('busy@example.test', 'en');
    refuse.set('busy@example.test', 451);
    await ok('interventions.assignTechnicians', { id: busy.iv.id, version: busy.iv.version, personIds: [busy.person] });
    await d.app.mail.kick();
    const rows = await outbox();
    const failed = rows.find((m) => m.interventionId === gone.iv.id)!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/550.*Mailbox unavailable/);
    const later = rows.find((m) => m.interventionId === busy.iv.id)!;
    expect(later).toMatchObject({ status: 'queued', attempts: 1 });
    expect(later.lastError).toMatch(/451/);
    expect(later.nextAttemptAt).toBe(d.app.ctx.now() + 60_000);
    // The thread says nothing was sent.
    expect((await ok<{ kind: string }[]>('interventions.messages.list', { id: gone.iv.id })).some((m) => m.kind === 'email_out')).toBe(false);
    // Only a failed one is sent again by hand; once the server takes it, it is sent.
    expect((await fails('mail.outbox.retry', { id: later.id })).code).toBe('validation');
    expect((await fails('mail.outbox.retry', { id: 'no-such-mail' })).code).toBe('not_found');
    refuse.delete('gone@example.test');
    expect((await ok<OutboxRow>('mail.outbox.retry', { id: failed.id })).status).toBe('queued');
    await d.app.mail.kick();
    expect((await outbox()).find((m) => m.id === failed.id)!.status).toBe('sent');
    expect(received.at(-1)!.to).toEqual(['gone@example.test']);
    refuse.delete('busy@example.test');
  });

  it('a mail left "sending" by a crash is sent at the next start, with the same Message-ID', async () => {
    const { person, iv } = technicianAndIntervention('crash@example.test', 'en');
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [person] });
    const row = (await outbox('queued')).find((m) => m.interventionId === iv.id)!;
    raw().prepare("UPDATE mail_outbox SET status = 'sending', attempts = 1 WHERE id = ?").run(row.id);
    const messageId = raw().prepare('SELECT message_id FROM mail_outbox WHERE id = ?').pluck().get(row.id) as string;
    // A new start of the sender (as after the app's restart).
    const again = new MailSender(d.app.ctx, d.app.secrets, () => {});
    again.start();
    await again.kick();
    await again.stop();
    expect((await outbox()).find((m) => m.id === row.id)!.status).toBe('sent');
    const mail = received.find((m) => m.to.includes('crash@example.test'))!;
    expect(mail.raw).toContain(`Message-ID: ${messageId}`);
    expect(subjectOf(mail.raw)).toBe(row.subject);
  });

  it('a moved visit mails the technicians who stay on it, a newcomer only the allocation; a cancellation mails everyone on it with the reason', async () => {
    const first = technicianAndIntervention('stays@example.test', 'en');
    const v1 = (await ok<{ version: number }>('interventions.assignTechnicians', { id: first.iv.id, version: first.iv.version, personIds: [first.person] })).version;
    await d.app.mail.kick();
    const second = technicianAndIntervention('joins@example.test', 'en');
    const at = Date.parse('2026-11-24T09:00:00Z');
    const moved = await ok<{ version: number }>('interventions.update', {
      id: first.iv.id, version: v1, patch: { plannedStart: at, plannedEnd: at + 2 * 3_600_000 }, technicianIds: [first.person, second.person],
    });
    await d.app.mail.kick();
    const mine = (await outbox()).filter((m) => m.interventionId === first.iv.id).map((m) => [m.toAddress, m.subject.split(':')[0]!.replace(/^\[[^\]]*\] /, '')]).sort();
    // The verifier is told too, when they have an address.
    const verifierMail = raw().prepare('SELECT pe.email FROM interventions i JOIN personnel pe ON pe.id = i.verifier_id WHERE i.id = ?').pluck().get(first.iv.id) as string | null | undefined;
    expect(mine).toEqual(
      [
        ['joins@example.test', 'New assignment'],
        ['stays@example.test', 'New assignment'],
        ['stays@example.test', 'Visit moved'],
        ...(verifierMail ? [[verifierMail, 'Visit moved']] : []),
      ].sort(),
    );
    const movedMail = received.filter((m) => m.to.includes('stays@example.test')).at(-1)!;
    expect(movedMail.raw).toContain('The planned visit of this intervention has moved');
    // Saved again without moving it: nobody is mailed.
    const count = (await outbox()).length;
    const same = await ok<{ version: number }>('interventions.update', { id: first.iv.id, version: moved.version, patch: { notes: 'Bring the ladder' } });
    expect((await outbox()).length).toBe(count);
    await ok('interventions.cancel', { id: first.iv.id, version: same.version, reason: 'The client fixed it himself' });
    await d.app.mail.kick();
    const cancelled = (await outbox()).filter((m) => m.interventionId === first.iv.id && m.subject.includes('Cancelled'));
    expect(cancelled.map((m) => m.toAddress).sort()).toEqual(['joins@example.test', 'stays@example.test', ...(verifierMail ? [verifierMail] : [])].sort());
    expect(cancelled.every((m) => m.status === 'sent')).toBe(true);
    expect(received.filter((m) => m.to.includes('joins@example.test')).at(-1)!.raw).toContain('The client fixed it himself');
  });

  it('with the mail server down, mail waits in the outbox and goes out by itself once it is back', async () => {
    const { person, iv } = technicianAndIntervention('waits@example.test', 'pt-BR');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [person] });
    d.app.mail.start();
    try {
      await d.app.mail.kick();
      const waiting = (await outbox()).find((m) => m.interventionId === iv.id)!;
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
      expect(waiting.lastError).toMatch(/ECONNREFUSED/);
      // Back on the same port; a minute later the sender's own round sends it (no one asks it to).
      server = smtpServer();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      clock += 60_000;
      const end = Date.now() + 15_000;
      while (!received.some((m) => m.to.includes('waits@example.test'))) {
        if (Date.now() > end) throw new Error('the waiting mail was not sent once the server was back');
        await new Promise((r) => setTimeout(r, 50));
      }
      await d.app.mail.kick();
      expect((await outbox()).find((m) => m.id === waiting.id)).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await d.app.mail.stop();
      clock -= 60_000;
    }
  });

  it('the team\'s confirmation and the finalization mail the verifier, and the client when its request type keeps it informed, without the thread\'s notes', async () => {
    // The demo's "technician" login is a person: the answer is theirs, given as themself.
    const person = raw().prepare("SELECT person_id FROM users WHERE login = 'technician'").pluck().get() as string;
    raw().prepare('UPDATE personnel SET email = ? WHERE id = ?').run('confirms@example.test', person);
    const tech: Caller = { transport: 'ipc', token: null };
    expect((await dispatch(tech, 'auth.login', { login: 'technician', password: 'demo' })).ok).toBe(true);
    const iv = raw()
      .prepare(
        // Of a type (and types above it) with no extra fields or forms that finalizing would ask for.
        `WITH RECURSIVE up(start, id) AS (SELECT id, id FROM request_types UNION ALL SELECT up.start, rt.parent_id FROM request_types rt JOIN up ON rt.id = up.id WHERE rt.parent_id IS NOT NULL)
         SELECT id, version FROM interventions i WHERE deleted_at IS NULL AND status = 'taken' AND request_type_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM up WHERE up.start = i.request_type_id
             AND (EXISTS (SELECT 1 FROM request_type_fields f WHERE f.request_type_id = up.id AND f.deleted_at IS NULL)
               OR EXISTS (SELECT 1 FROM request_type_templates t WHERE t.request_type_id = up.id AND t.deleted_at IS NULL)))
           AND NOT EXISTS (SELECT 1 FROM intervention_technicians t WHERE t.intervention_id = i.id AND t.deleted_at IS NULL)
           AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT 1`,
      )
      .get(JSON.stringify(used)) as { id: string; version: number };
    used.push(iv.id);
    const verifier = raw().prepare('SELECT id FROM personnel WHERE id <> ? AND deleted_at IS NULL AND active = 1 ORDER BY id DESC LIMIT 1').pluck().get(person) as string;
    raw().prepare('UPDATE personnel SET email = ? WHERE id = ?').run('verifier@example.test', verifier);
    const { client, type, parent } = raw()
      .prepare('SELECT i.client_id AS client, i.request_type_id AS type, rt.parent_id AS parent FROM interventions i JOIN request_types rt ON rt.id = i.request_type_id WHERE i.id = ?')
      .get(iv.id) as { client: string; type: string; parent: string | null };
    raw().prepare('UPDATE interventions SET contact_person_id = NULL WHERE id = ?').run(iv.id);
    raw().prepare('UPDATE clients SET email = ? WHERE id = ?').run('client@client.test', client);
    // Kept informed by the type above the intervention's when it has one (the flag holds for the types under it).
    raw().prepare('UPDATE request_types SET mail_client = 1 WHERE id = ?').run(parent ?? type);
    try {
      await ok('interventions.messages.add', { id: iv.id, body: 'Internal: the client still owes us for the last visit.', mentionIds: [] });
      const at = Date.parse('2026-11-19T09:00:00Z');
      const fresh = raw().prepare('SELECT version FROM interventions WHERE id = ?').pluck().get(iv.id) as number;
      // Planned, with a team and a verifier: allocated; confirmed once its one technician accepts.
      const teamId = raw().prepare('SELECT coalesce((SELECT team_id FROM team_members WHERE person_id = ? AND deleted_at IS NULL LIMIT 1), (SELECT id FROM teams ORDER BY id LIMIT 1))').pluck().get(person) as string;
      let v = (await ok<{ version: number }>('interventions.update', { id: iv.id, version: fresh, patch: { verifierId: verifier, teamId, plannedStart: at, plannedEnd: at + 3_600_000 }, technicianIds: [person] })).version;
      const mine = () => outbox().then((rows) => rows.filter((m) => m.interventionId === iv.id));
      await ok('interventions.answer', { id: iv.id, answer: 'accepted' }, tech);
      await d.app.mail.kick();
      const confirmed = (await mine()).filter((m) => m.event === 'confirmation');
      expect(confirmed.map((m) => m.toAddress).sort()).toEqual(['client@client.test', 'verifier@example.test']);
      const toClient = received.find((m) => m.to.includes('client@client.test') && subjectOf(m.raw).includes('Visit confirmed'))!;
      expect(toClient.raw).not.toContain('still owes us');
      expect(received.find((m) => m.to.includes('verifier@example.test') && subjectOf(m.raw).includes('Visit confirmed'))!.raw).toContain('still owes us');
      v = raw().prepare('SELECT version FROM interventions WHERE id = ?').pluck().get(iv.id) as number;
      await ok('interventions.finalize', { id: iv.id, version: v, resolution: 'Replaced the pump.' });
      await d.app.mail.kick();
      const done = (await mine()).filter((m) => m.event === 'finalization');
      expect(done.map((m) => m.toAddress).sort()).toEqual(['client@client.test', 'verifier@example.test']);
      expect(received.find((m) => m.to.includes('client@client.test') && subjectOf(m.raw).includes('Done'))!.raw).toContain('Resolution: Replaced the pump.');
    } finally {
      raw().prepare('UPDATE request_types SET mail_client = 0 WHERE id = ?').run(parent ?? type);
    }
  });

  it('a new note mails the technicians and the verifier, never its author and never the client', async () => {
    const a = technicianAndIntervention('note.a@example.test', 'ro');
    const b = technicianAndIntervention('note.b@example.test', 'en');
    const v = (await ok<{ version: number }>('interventions.assignTechnicians', { id: a.iv.id, version: a.iv.version, personIds: [a.person, b.person] })).version;
    await ok('interventions.update', { id: a.iv.id, version: v, patch: { verifierId: a.person } });
    const count = (await outbox()).length;
    await ok('interventions.messages.add', { id: a.iv.id, body: 'The part arrives on Monday.', mentionIds: [] });
    const fresh = (await outbox()).slice(0, (await outbox()).length - count).filter((m) => m.event === 'newMessage');
    // The admin wrote it (no technician): both technicians, the verifier (one of them) mailed once.
    expect(fresh.map((m) => m.toAddress).sort()).toEqual(['note.a@example.test', 'note.b@example.test']);
    await d.app.mail.kick();
    expect(received.find((m) => m.to.includes('note.a@example.test') && subjectOf(m.raw).includes('Mesaj nou'))!.raw).toContain('The part arrives on Monday.');
  });

  it('an administrator\'s own subject and opening words are previewed (escaped), then used, and can be reset', async () => {
    const texts = await ok<MailTemplateText[]>('mail.templates.list', {});
    expect(texts).toHaveLength(6 * 4);
    expect(texts.find((x) => x.event === 'allocation' && x.language === 'en')).toMatchObject({ subject: 'New assignment', custom: false });
    const bad = await fails('mail.templates.save', { event: 'allocation', language: 'en', subject: ' ', lead: 'x'.repeat(1001) });
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['lead', 'subject']);
    expect((await fails('mail.templates.save', { event: 'nonsense', language: 'en', subject: 'a', lead: 'b' })).code).toBe('validation');
    const mine = { event: 'allocation', language: 'en', subject: 'Job for you', lead: 'Please look at this <b>today</b>.' };
    const preview = await ok<{ subject: string; text: string; html: string }>('mail.templates.preview', mine);
    expect(preview.subject).toMatch(/^\[[^\]]+ \d+\] Job for you: /);
    expect(preview.text).toContain('Please look at this <b>today</b>.');
    expect(preview.html).toContain('Please look at this &lt;b&gt;today&lt;/b&gt;.');
    expect((await ok<MailTemplateText>('mail.templates.save', mine)).custom).toBe(true);
    const { person, iv } = technicianAndIntervention('custom@example.test', 'en');
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [person] });
    const queued = (await outbox()).find((m) => m.interventionId === iv.id)!;
    expect(queued.subject).toMatch(/\] Job for you: /);
    const reset = await ok<MailTemplateText>('mail.templates.save', { event: 'allocation', language: 'en', reset: true });
    expect(reset).toMatchObject({ subject: 'New assignment', custom: false });
  });

  it('nothing is queued while the account is switched off', async () => {
    await ok('mail.account.save', { ...account(), enabled: false });
    const { person, iv } = technicianAndIntervention('off@example.test', 'ca');
    await ok('interventions.assignTechnicians', { id: iv.id, version: iv.version, personIds: [person] });
    expect((await outbox()).some((m) => m.interventionId === iv.id)).toBe(false);
    await ok('mail.account.save', account());
  });
  it('an intervention\'s own "keep the client informed" wins over its request type\'s, both ways, and null gives it back', async () => {
    const setup = (email: string, typeFlag: boolean) => {
      const { person, iv } = technicianAndIntervention(email, 'en');
      const { client, type } = raw().prepare('SELECT client_id AS client, request_type_id AS type FROM interventions WHERE id = ?').get(iv.id) as { client: string; type: string | null };
      raw().prepare('UPDATE interventions SET contact_person_id = NULL WHERE id = ?').run(iv.id);
      raw().prepare('UPDATE clients SET email = ? WHERE id = ?').run(`client.of.${email}`, client);
      if (type) raw().prepare('UPDATE request_types SET mail_client = ? WHERE id = ?').run(typeFlag ? 1 : 0, type);
      return { person, iv, type, clientAddress: `client.of.${email}` };
    };
    const own = setup('own.on@example.test', false);
    const off = setup('own.off@example.test', true);
    try {
      // The lookups say what each type does, its ancestors' flag included.
      const lookups = await ok<{ requestTypes: { id: string; parentId: string | null; mailClient: boolean }[] }>('interventions.lookups', {});
      const flagged = lookups.requestTypes.find((r) => r.id === off.type)!;
      expect(flagged.mailClient).toBe(true);
      for (const child of lookups.requestTypes.filter((r) => r.parentId === off.type)) expect(child.mailClient).toBe(true);
      const cancelWith = async (x: typeof own, mailClient: boolean) => {
        let v = (await ok<{ version: number; mailClient: boolean | null }>('interventions.assignTechnicians', { id: x.iv.id, version: x.iv.version, personIds: [x.person] })).version;
        const own = await ok<{ version: number; mailClient: boolean | null }>('interventions.update', { id: x.iv.id, version: v, patch: { mailClient: !mailClient } });
        expect(own.mailClient).toBe(!mailClient);
        // Given back to the request type, then chosen again.
        const back = await ok<{ version: number; mailClient: boolean | null }>('interventions.update', { id: x.iv.id, version: own.version, patch: { mailClient: null } });
        expect(back.mailClient).toBeNull();
        const saved = await ok<{ version: number; mailClient: boolean | null }>('interventions.update', { id: x.iv.id, version: back.version, patch: { mailClient } });
        expect(saved.mailClient).toBe(mailClient);
        v = saved.version;
        await ok('interventions.cancel', { id: x.iv.id, version: v, reason: 'The client called it off.' });
        return (await outbox()).filter((m) => m.interventionId === x.iv.id && m.event === 'cancellation').map((m) => m.toAddress);
      };
      // Its type says nothing, the intervention says yes: the client is told.
      expect(await cancelWith(own, true)).toContain(own.clientAddress);
      // Its type keeps the client informed, the intervention says no: the technician only.
      const toOff = await cancelWith(off, false);
      expect(toOff).toContain('own.off@example.test');
      expect(toOff).not.toContain(off.clientAddress);
      // Bad input is refused with the field named.
      const bad = await fails('interventions.update', { id: off.iv.id, version: 99, patch: { mailClient: 'yes' } });
      expect(bad.issues?.map((i) => i.path)).toEqual(['patch.mailClient']);
    } finally {
      for (const x of [own, off]) if (x.type) raw().prepare('UPDATE request_types SET mail_client = 0 WHERE id = ?').run(x.type);
    }
  });
});
