import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import { empty, id, requiredText, text } from './primitives';

/*
 * E-mail: the workstation's SMTP account (Administration) and its outbox. Mail itself is made by
 * the changes that cause it (an allocation mails the technicians) and sent by main.
 */

const MAIL_SECURITY = ['tls', 'starttls', 'none'] as const;
type MailSecurity = (typeof MAIL_SECURITY)[number];

/** An address as a person types it: one mailbox, no name, no list. */
const mailAddress = text(254).pipe(z.string().regex(/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/, 'not an e-mail address'));

export const mailAccountInput = z
  .object({
    host: requiredText(253).pipe(z.string().regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'not a host name')),
    port: z.number().int().min(1).max(65_535),
    security: z.enum(MAIL_SECURITY),
    user: text(200).default(''),
    /** A new password; absent keeps the one saved. */
    password: z.string().min(1, 'required').max(200).optional(),
    fromAddress: mailAddress,
    fromName: text(120).default(''),
    /** The shared mailbox replies come back to (empty: to the From address). */
    replyTo: z.union([z.literal(''), mailAddress]).default(''),
    enabled: z.boolean().default(true),
  })
  .strict();

/** The account as shown: never its password, only whether one is saved. */
export interface MailAccountView {
  host: string;
  port: number;
  security: MailSecurity;
  user: string;
  fromAddress: string;
  fromName: string;
  replyTo: string;
  enabled: boolean;
  hasPassword: boolean;
}

const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
type MailStatus = (typeof MAIL_STATUSES)[number];

export interface OutboxRow {
  id: string;
  createdAt: number;
  event: string;
  interventionId: string;
  toName: string;
  toAddress: string;
  subject: string;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: number;
  /** The server's answer to the last failed attempt. */
  lastError: string | null;
  sentAt: number | null;
}

export const mailMethods = {
  'mail.account.get': def<MailAccountView | null>()(empty, read('admin')),
  'mail.account.save': def<MailAccountView>()(mailAccountInput, write('admin')),
  /** Connects and logs in with the saved account: ok, or the server's answer. */
  'mail.account.test': def<{ ok: true }>()(empty, write('admin')),
  'mail.outbox.list': def<OutboxRow[]>()(
    z.object({ status: z.enum(MAIL_STATUSES).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    read('admin'),
  ),
  /** A failed mail goes back in the queue, to be sent at once. */
  'mail.outbox.retry': def<OutboxRow>()(z.object({ id }).strict(), write('admin')),
};
