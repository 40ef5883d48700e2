import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { replicated } from './replicated';
import { interventions } from './interventions';
import { personnel } from './people';
import { users } from './users';
import { MESSAGE_KINDS } from '../../../shared/domain/intervention';

/** A file stored content-addressed on disk (files/ab/cdef…); rows point to it by sha256. */
export const attachments = sqliteTable(
  'attachments',
  {
    ...replicated,
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    fileName: text('file_name').notNull(),
    createdBy: text('created_by').references(() => users.id),
  },
  (t) => [index('attachments_sha256').on(t.sha256)],
);

/** The correspondence register: incoming and outgoing documents with their own numbering. */
export const correspondenceRegister = sqliteTable(
  'correspondence_register',
  {
    ...replicated,
    number: text('number').notNull(),
    date: text('date').notNull(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    party: text('party').notNull(),
    subject: text('subject').notNull(),
    attachmentId: text('attachment_id').references(() => attachments.id),
  },
  (t) => [
    uniqueIndex('correspondence_register_number').on(t.number),
    index('correspondence_register_date').on(t.date),
    // A download asks what a file is attached to (files/access.ts).
    index('correspondence_register_attachment').on(t.attachmentId).where(sql`attachment_id IS NOT NULL`),
  ],
);

export const interventionMessages = sqliteTable(
  'intervention_messages',
  {
    ...replicated,
    interventionId: text('intervention_id')
      .notNull()
      .references(() => interventions.id),
    at: integer('at').notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull().default('note'),
    personId: text('person_id').references(() => personnel.id),
    body: text('body').notNull(),
    attachmentId: text('attachment_id').references(() => attachments.id),
    registerEntryId: text('register_entry_id').references(() => correspondenceRegister.id),
    /** The request type's form template this attached file fills in (see request_type_templates). */
    templateId: text('template_id'),
    /** An incoming mail's earlier text it quoted (mail/reply.ts), folded under its new text. */
    quoted: text('quoted'),
  },
  (t) => [
    index('intervention_messages_thread').on(t.interventionId, t.at),
    index('intervention_messages_at').on(t.at),
    // A download asks what a file is attached to (files/access.ts).
    index('intervention_messages_attachment').on(t.attachmentId).where(sql`attachment_id IS NOT NULL`),
  ],
);

/** A person @mentioned in a message: it shows in their "Mentions" list until they open it. */
export const messageMentions = sqliteTable(
  'message_mentions',
  {
    ...replicated,
    messageId: text('message_id')
      .notNull()
      .references(() => interventionMessages.id),
    interventionId: text('intervention_id')
      .notNull()
      .references(() => interventions.id),
    personId: text('person_id')
      .notNull()
      .references(() => personnel.id),
    seenAt: integer('seen_at'),
  },
  (t) => [
    index('message_mentions_person').on(t.personId, t.seenAt),
    uniqueIndex('message_mentions_pair').on(t.messageId, t.personId),
  ],
);

/**
 * How far each user has read each thread: messages after read_up_to (by others, not the
 * system's) are unread for them; without a row, those since the user's account was made.
 * Kept on the workstation, not replicated: what one has read is not a record of the business
 * (the sync issue decides whether it follows the user to other workstations).
 */
export const messageReads = sqliteTable(
  'message_reads',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    interventionId: text('intervention_id')
      .notNull()
      .references(() => interventions.id),
    readUpTo: integer('read_up_to').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.interventionId] })],
);
