import { z } from 'zod';
import type { InterventionStatus } from '../domain/intervention';
import { def } from './def';
import { LANGUAGES, type Language } from '../i18n/languages';
import { MAIL_EVENTS, type MailEvent } from './settings';
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

/** The shared mailbox the app reads replies from (IMAP). */
export const mailWatchInput = z
  .object({
    host: requiredText(253).pipe(z.string().regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'not a host name')),
    port: z.number().int().min(1).max(65_535),
    security: z.enum(MAIL_SECURITY),
    user: requiredText(200),
    /** A new password; absent keeps the one saved. */
    password: z.string().min(1, 'required').max(200).optional(),
    folder: requiredText(200).default('INBOX'),
    enabled: z.boolean().default(true),
  })
  .strict();

/** The mailbox as shown: never its password; with how the watcher is doing. */
export interface MailWatchView {
  host: string;
  port: number;
  security: MailSecurity;
  user: string;
  folder: string;
  enabled: boolean;
  hasPassword: boolean;
  /** When the watcher last read the mailbox, and its last error (null once it reads again). */
  checkedAt: number | null;
  lastError: string | null;
  /** The last mail taken (its UID in the folder). */
  lastUid: number;
}

const INBOX_STATUSES = ['matched', 'unmatched', 'automatic', 'refused', 'attached', 'dismissed'] as const;
type InboxStatus = (typeof INBOX_STATUSES)[number];

/** A mail read from the shared mailbox and what became of it. */
export interface InboxRow {
  id: string;
  receivedAt: number;
  sentAt: number | null;
  fromAddress: string;
  fromName: string;
  subject: string;
  status: InboxStatus;
  matchedBy: string | null;
  interventionId: string | null;
  /** The intervention's number as shown ("INT 12"), if it has one. */
  interventionNumber: string | null;
  note: string | null;
  size: number;
  attachments: number;
}

/** One mail whole: its new text, the quoted text folded away from it, its sanitized HTML. */
export interface InboxMail extends InboxRow {
  text: string;
  quoted: string;
  html: string | null;
  /** The client (and contact) whose address sent it, for an intervention made from it. */
  sender: { clientId: string; contactPersonId: string | null } | null;
}

/** A mail's HTML with its pictures from the internet fetched (when an operator asked). */
export interface RemotePictures {
  /** The pictures that loaded are inlined; the others stay held back. */
  html: string;
  loaded: number;
  failed: number;
}

/** An intervention a waiting mail may belong to, as the Inbox suggests it. */
export interface InboxCandidate {
  interventionId: string;
  number: string | null;
  client: string;
  object: string;
  status: InterventionStatus;
  /** Why it is suggested: the number typed, or the sender's address on its client or contact. */
  why: 'number' | 'sender';
}

/** An event's mail words in a language: the administrator's if saved, else the app's (both given). */
export interface MailTemplateText {
  event: MailEvent;
  language: Language;
  subject: string;
  lead: string;
  defaultSubject: string;
  defaultLead: string;
  custom: boolean;
}

const templateKey = z.object({ event: z.enum(MAIL_EVENTS), language: z.enum(LANGUAGES) });
const templateText = templateKey.extend({ subject: requiredText(80), lead: requiredText(1000) }).strict();

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
  'mail.templates.list': def<MailTemplateText[]>()(empty, read('admin')),
  /** Saves an event's words in a language; `reset` goes back to the app's own. */
  'mail.templates.save': def<MailTemplateText>()(z.union([templateText, templateKey.extend({ reset: z.literal(true) }).strict()]), write('admin')),
  /** The mail these words would make now, about the latest numbered intervention: subject, text and HTML. */
  'mail.templates.preview': def<{ subject: string; text: string; html: string }>()(templateText, read('admin')),
  'mail.watch.get': def<MailWatchView | null>()(empty, read('admin')),
  'mail.watch.save': def<MailWatchView>()(mailWatchInput, write('admin')),
  /** Logs in to the saved mailbox and opens its folder: ok with the number of mails in it, or the server's answer. */
  'mail.watch.test': def<{ ok: true; messages: number }>()(empty, write('admin')),
  /** The mail read from the shared mailbox, newest first; by default what waits for an operator. */
  'mail.inbox.list': def<InboxRow[]>()(
    z.object({ status: z.enum(INBOX_STATUSES).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    read('interventions'),
  ),
  'mail.inbox.get': def<InboxMail>()(z.object({ id }).strict(), read('interventions')),
  /** Fetches, on the operator's word, the pictures from the internet a mail's HTML holds back. */
  'mail.inbox.pictures': def<RemotePictures>()(z.object({ id }).strict(), read('interventions')),
  /** Interventions a waiting mail may go to: by a number typed ("INT 12" or "12"), else the open ones of the sender's client. */
  'mail.inbox.candidates': def<InboxCandidate[]>()(z.object({ id, number: text(40).default('') }).strict(), read('interventions')),
  /** An unmatched mail put in an intervention's thread by an operator (with its files). */
  'mail.inbox.attach': def<InboxRow>()(z.object({ id, interventionId: id }).strict(), write('interventions')),
  /** An unmatched mail set aside (spam, nothing to do): kept, no longer waiting. */
  'mail.inbox.dismiss': def<InboxRow>()(z.object({ id }).strict(), write('interventions')),
  /** A failed mail goes back in the queue, to be sent at once. */
  'mail.outbox.retry': def<OutboxRow>()(z.object({ id }).strict(), write('admin')),
};
