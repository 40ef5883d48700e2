import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/*
 * E-mail, kept on the workstation: the SMTP account (its password sealed with this workstation's
 * key, which no other could open) and the outbox of the changes made here. A mail is written to
 * the outbox in the same transaction as the change that causes it, and sent by main's sender
 * (main/mail/sender.ts); the thread's outgoing message is the replicated record of it.
 */

/** The one SMTP account this workstation sends through (id 'smtp'). */
export const mailAccounts = sqliteTable('mail_accounts', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  /** 'tls' from the first byte (465), 'starttls' (587, required), 'none' (loopback or a trusted relay only). */
  security: text('security', { enum: ['tls', 'starttls', 'none'] }).notNull(),
  user: text('user').notNull().default(''),
  passwordSealed: text('password_sealed'),
  /** The From address and the name shown with it. */
  fromAddress: text('from_address').notNull(),
  fromName: text('from_name').notNull().default(''),
  /** The shared mailbox replies go to; a per-intervention token is added with plus-addressing. */
  replyTo: text('reply_to').notNull().default(''),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at').notNull(),
});

/** One mail to send: made with the change, sent (or retried) by the sender. */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    createdAt: integer('created_at').notNull(),
    /** What caused it: the event (allocation, …) and the intervention. */
    event: text('event').notNull(),
    interventionId: text('intervention_id').notNull(),
    /** The person or contact it goes to, by name and address as they were when it was made. */
    toName: text('to_name').notNull().default(''),
    toAddress: text('to_address').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** Its Message-ID, fixed when made: a mail sent again after a crash is the same mail. */
    messageId: text('message_id').notNull(),
    /** The thread's root Message-ID (References and In-Reply-To). */
    threadId: text('thread_id').notNull(),
    replyTo: text('reply_to').notNull().default(''),
    status: text('status', { enum: ['queued', 'sending', 'sent', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** The server's answer to the last failed attempt, in its words. */
    lastError: text('last_error'),
    sentAt: integer('sent_at'),
  },
  (t) => [index('mail_outbox_due').on(t.status, t.nextAttemptAt), index('mail_outbox_intervention').on(t.interventionId)],
);
