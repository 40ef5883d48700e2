import nodemailer, { type Transporter } from 'nodemailer';
import type { OutboxRow } from '../../shared/api/mail';
import { ApiError } from '../../shared/api/result';
import { SYSTEM, type ServiceContext } from '../core/context';
import type { BackgroundService } from '../core/lifecycle';
import type { SecretBox } from '../core/secrets';
import { unitOfWork } from '../core/unit';
import { addMessage } from '../thread/messages';
import { accountRow, transportOptions } from './account';
import { listOutbox } from './outbox';
import { copiesInMailbox, watchRow } from './watch-account';

/*
 * The sender: a background service that delivers the outbox, oldest first, one mail at a time.
 * A refused mail is tried again later (1, 5, 15 minutes, 1 and 3 hours), then marked failed with
 * the server's answer; a permanent refusal (5xx) is failed at once. Each mail sent becomes an
 * outgoing message in its intervention's thread, in the same transaction that marks it sent.
 *
 * A crash between the server's "250 OK" and that transaction leaves the mail "sending". While
 * replies are read, each mail goes with a blind copy to the shared mailbox: the next start looks
 * for that copy there and, found, counts the mail sent without sending it twice. Without a
 * mailbox (or when it cannot be reached) it is sent again with the same Message-ID, which mail
 * clients and servers take as the same message.
 */

const POLL_MS = 2_000;
const DUE_COLUMNS = `id, intervention_id AS interventionId, to_name AS toName, to_address AS toAddress, subject, text, html, message_id AS messageId,
  thread_id AS threadId, reply_to AS replyTo, attempts`;
const BACKOFF_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000];
const BATCH = 20;

interface Due {
  id: string;
  interventionId: string;
  toName: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  threadId: string;
  replyTo: string;
  attempts: number;
}

export class MailSender implements BackgroundService {
  readonly name = 'mail sender';
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The check of mails a crash left "sending", which the first round waits for. */
  private recovering: Promise<void> = Promise.resolve();

  constructor(
    private readonly s: ServiceContext,
    private readonly secrets: SecretBox,
    private readonly log: (line: string) => void = console.error,
  ) {}

  start(): void {
    this.recovering = this.recoverInterrupted();
    this.timer = setInterval(() => void this.kick(), POLL_MS);
    this.timer.unref?.();
    void this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends what is due now; resolves when the round (and any asked for meanwhile) is over. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again);
      } catch (e) {
        this.log(`mail: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** A failed mail back in the queue, due at once. */
  retry(id: string): OutboxRow {
    const changed = this.s.raw.prepare("UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?, attempts = 0 WHERE id = ? AND status = 'failed'").run(this.s.now(), id).changes;
    if (changed === 0) {
      const exists = this.s.raw.prepare('SELECT status FROM mail_outbox WHERE id = ?').pluck().get(id) as string | undefined;
      if (!exists) throw new ApiError('not_found', 'There is no such mail in the outbox.');
      throw new ApiError('validation', `Only a failed mail can be sent again; this one is ${exists}.`);
    }
    const row = listOutbox(this.s, { id, limit: 1 })[0]!;
    void this.kick();
    return row;
  }

  /** Mails a crash left "sending": sent if the shared mailbox has their copy, else queued to go again. */
  private async recoverInterrupted(): Promise<void> {
    const stuck = this.s.raw.prepare(`SELECT ${DUE_COLUMNS} FROM mail_outbox WHERE status = 'sending'`).all() as Due[];
    if (stuck.length === 0) return;
    let copies = new Set<string>();
    try {
      copies = await copiesInMailbox(this.s, this.secrets, stuck.map((m) => m.messageId));
    } catch (e) {
      this.log(`mail: the shared mailbox could not be searched for copies (${e instanceof Error ? e.message : 'unknown error'}); the mails a crash interrupted go again`);
    }
    for (const mail of stuck) {
      if (copies.has(mail.messageId)) this.markSent(mail);
      else this.s.raw.prepare("UPDATE mail_outbox SET status = 'queued' WHERE id = ? AND status = 'sending'").run(mail.id);
    }
  }

  /** Sends everything due, a batch at a time (a mail refused goes back with a later time, so this ends). */
  private async round(): Promise<void> {
    await this.recovering;
    const account = accountRow(this.s);
    if (!account?.enabled) return;
    const transport = nodemailer.createTransport(transportOptions(account, this.secrets));
    // The blind copy to the shared mailbox that proves a mail went out (see above), while it is read.
    const copyTo = account.replyTo && watchRow(this.s)?.enabled ? account.replyTo : null;
    try {
      for (;;) {
        const due = this.s.raw
          .prepare(`SELECT ${DUE_COLUMNS} FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ${BATCH}`)
          .all(this.s.now()) as Due[];
        for (const mail of due) await this.send(transport, account, mail, copyTo);
        if (due.length < BATCH) break;
      }
    } finally {
      transport.close();
    }
  }

  private async send(transport: Transporter, account: NonNullable<ReturnType<typeof accountRow>>, mail: Due, copyTo: string | null): Promise<void> {
    // Each write waits while the index worker holds the file (core/write-gate.ts), so a mail
    // sent is never left marked "sending".
    await this.s.writes.whenOpen();
    this.s.raw.prepare("UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?").run(mail.id);
    try {
      await transport.sendMail({
        from: { name: account.fromName, address: account.fromAddress },
        to: { name: mail.toName, address: mail.toAddress },
        ...(copyTo ? { bcc: copyTo } : {}),
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        date: new Date(this.s.now()),
        references: mail.threadId,
        inReplyTo: mail.threadId,
        // Sent by a program (RFC 3834): auto-responders do not answer it, so no mail loops.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (e) {
      await this.s.writes.whenOpen();
      this.failed(mail, e);
      return;
    }
    await this.s.writes.whenOpen();
    this.markSent(mail);
  }

  private markSent(mail: Due): void {
    unitOfWork(this.s, SYSTEM, () => {
      this.s.raw.prepare("UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").run(this.s.now(), mail.id);
      // An intervention deleted since (a draft) has no thread left to tell; the mail still counts as sent.
      if (this.s.raw.prepare('SELECT 1 FROM interventions WHERE id = ? AND deleted_at IS NULL').get(mail.interventionId)) {
        addMessage(this.s, SYSTEM, mail.interventionId, { kind: 'email_out', body: `${mail.toName} <${mail.toAddress}>\n${mail.subject}\n\n${mail.text}` });
      }
    });
  }

  private failed(mail: Due, e: unknown): void {
    const err = e as { responseCode?: number; response?: string; message?: string };
    const answer = (err.response ?? err.message ?? String(e)).slice(0, 1000);
    const attempts = mail.attempts + 1;
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    const gaveUp = permanent || attempts > BACKOFF_MS.length;
    this.s.raw
      .prepare('UPDATE mail_outbox SET status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?')
      .run(gaveUp ? 'failed' : 'queued', answer, this.s.now() + (BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? 0), mail.id);
    this.log(`mail to ${mail.toAddress} (${mail.id}): ${answer}${gaveUp ? ' (given up)' : ''}`);
  }
}
