import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

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

/**
 * The shared mailbox replies are read from (one row, id 'imap'), and how far reading got: the
 * folder's UIDVALIDITY and the last UID taken, moved in the same transaction as what each mail
 * did, so a crash mid-ingest takes up at the first mail not yet taken, and none twice. The lease
 * lets one watcher at a time read it when several processes share this database.
 */
export const mailWatch = sqliteTable('mail_watch', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  port: integer('port').notNull(),
  security: text('security', { enum: ['tls', 'starttls', 'none'] }).notNull(),
  user: text('user').notNull(),
  passwordSealed: text('password_sealed'),
  folder: text('folder').notNull().default('INBOX'),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at').notNull(),
  uidValidity: text('uid_validity'),
  lastUid: integer('last_uid').notNull().default(0),
  leaseOwner: text('lease_owner'),
  leaseUntil: integer('lease_until'),
  /** The watcher's state as the E-mail tab shows it: when it last read the mailbox, its last error. */
  checkedAt: integer('checked_at'),
  lastError: text('last_error'),
});

/**
 * Every mail read from the shared mailbox, once (its folder's UIDVALIDITY and UID are unique):
 * what it was matched to and what it did, or why it was not. Unmatched mail waits here for an
 * operator (the Inbox). The HTML is kept sanitized, never as it came.
 */
export const mailInbox = sqliteTable(
  'mail_inbox',
  {
    id: text('id').primaryKey(),
    uidValidity: text('uid_validity').notNull(),
    uid: integer('uid').notNull(),
    /** The Message-ID header: a mail seen again under a new UIDVALIDITY is the same mail. */
    messageId: text('message_id'),
    receivedAt: integer('received_at').notNull(),
    /** The Date header (when it was written), if it had a readable one. */
    sentAt: integer('sent_at'),
    fromAddress: text('from_address').notNull().default(''),
    fromName: text('from_name').notNull().default(''),
    subject: text('subject').notNull().default(''),
    /** The new text, and the quoted earlier text folded away from it. */
    text: text('text').notNull().default(''),
    quoted: text('quoted').notNull().default(''),
    html: text('html'),
    size: integer('size').notNull(),
    /** The attachments stored (ids of attachment rows, JSON), and those refused. */
    attachmentIds: text('attachment_ids').notNull().default('[]'),
    status: text('status', { enum: ['matched', 'unmatched', 'automatic', 'refused', 'attached', 'dismissed'] }).notNull(),
    /** How it was matched: token, references, number; or what an operator did. */
    matchedBy: text('matched_by'),
    interventionId: text('intervention_id'),
    /** What it did or why not, in words (accepted, refused as too large, an auto-reply …). */
    note: text('note'),
  },
  (t) => [
    uniqueIndex('mail_inbox_uid').on(t.uidValidity, t.uid),
    index('mail_inbox_message_id').on(t.messageId),
    index('mail_inbox_status').on(t.status, t.receivedAt),
  ],
);
