import { z } from 'zod';
import { type MessageKind } from '../domain/intervention';
import { def } from './def';
import { preference, read, write } from './permission';
import { byId, id, isoDate, optionalId, requiredText, text } from './primitives';

/* The thread of an intervention: messages, mentions, the correspondence register, the evolution sheet. */

export interface InterventionMessage {
  id: string;
  at: number;
  kind: MessageKind;
  personId: string | null;
  personName: string | null;
  body: string;
  attachmentId: string | null;
  registerEntryId: string | null;
}

/** A stored file as a message or a register entry shows it. */
export interface FileRef {
  id: string;
  fileName: string;
  size: number;
  mimeType: string;
}

/** One entry of the correspondence register (incoming and outgoing documents). */
export interface RegisterEntry {
  id: string;
  version: number;
  /** "REG-12": given from the active register series when the entry is saved. */
  number: string;
  /** yyyy-mm-dd, inside an open working period. */
  date: string;
  direction: 'in' | 'out';
  party: string;
  subject: string;
  attachment: FileRef | null;
  createdAt: number;
}

export interface MessageMention {
  personId: string;
  name: string;
}

/**
 * A message of the thread with what it points to. The extra fields are optional only so that a
 * thread written before they existed (or a test double) still reads; main always fills them.
 */
export interface ThreadMessage extends InterventionMessage {
  attachment?: FileRef | null;
  registerEntry?: RegisterEntry | null;
  mentions?: MessageMention[];
  /** The request type's form template this attached file fills in. */
  templateId?: string | null;
  templateName?: string | null;
  /** An incoming mail's quoted earlier text, shown folded. */
  quoted?: string | null;
}

/** One line of my Mentions list. */
export interface MentionItem {
  /** The message_mentions row. */
  id: string;
  messageId: string;
  interventionId: string;
  /** "INT-123", or null for a draft. */
  interventionNumber: string | null;
  clientName: string;
  at: number;
  /** Who wrote the message (null: the system). */
  byName: string | null;
  body: string;
  seenAt: number | null;
}

export interface MentionsPage {
  items: MentionItem[];
  /** How many of mine are not seen yet (all of them, not only the listed ones). */
  unseen: number;
}

/** Everything the evolution sheet prints. */

/**
 * A note of the thread. The text may be empty only when a file or a register entry is attached;
 * mentionIds are the people the composer mentioned (main checks they exist), never parsed from the text.
 */
/** The longest message (seeds 002/003): the composer counts down to it. */
export const MESSAGE_MAX = 4000;

const messageAddInput = z
  .object({
    id,
    body: text(MESSAGE_MAX),
    kind: z.literal('note').default('note'),
    attachmentId: optionalId,
    templateId: optionalId,
    registerEntryId: optionalId,
    mentionIds: z.array(id).max(20, 'at most 20 people').default([]),
  })
  .strict()
  .superRefine((x, ctx) => {
    if (!x.body && !x.attachmentId && !x.registerEntryId) ctx.addIssue({ code: 'custom', path: ['body'], message: 'required' });
    if (x.templateId && !x.attachmentId) ctx.addIssue({ code: 'custom', path: ['templateId'], message: 'attach the filled-in file' });
    if (new Set(x.mentionIds).size !== x.mentionIds.length) ctx.addIssue({ code: 'custom', path: ['mentionIds'], message: 'a person is mentioned twice' });
  });

/*
 * The message thread: the Mentions list, the correspondence register, the evolution sheet.
 * (The thread itself is interventions.messages.list/add in contract.ts; files go over POST /files.)
 */


const mentionsListInput = z.object({ unseenOnly: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(200) }).strict();

const mentionsMarkSeenInput = z.union([
  z.object({ ids: z.array(id).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** The newest message the screen showed: the thread is read up to it. */
const markReadInput = z
  .object({
    id,
    upTo: z
      .number()
      .int()
      .min(Date.UTC(2000, 0, 1))
      .max(Date.UTC(2100, 0, 1)),
  })
  .strict();

const registerListInput = z
  .object({
    query: text(100).optional().transform((s) => s || null),
    from: isoDate.nullish().transform((s) => s ?? null),
    to: isoDate.nullish().transform((s) => s ?? null),
    direction: z.enum(['in', 'out']).nullish().transform((s) => s ?? null),
    limit: z.number().int().min(1).max(1000).default(300),
  })
  .strict()
  .superRefine((x, ctx) => {
    if (x.from && x.to && x.to < x.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the end is before the start' });
  });

const registerCreateInput = z
  .object({
    date: isoDate,
    direction: z.enum(['in', 'out']),
    party: requiredText(200),
    subject: requiredText(500),
    attachmentId: id.nullish().transform((s) => s ?? null),
  })
  .strict();

/** The thread, the Mentions list (the caller's own), the correspondence register and the evolution sheet. */
export const threadMethods = {
  // My own mentions: any logged-in user with read access to interventions (the list only shows their own).
  'mentions.list': def<MentionsPage>()(mentionsListInput, read('interventions')),
  'mentions.markSeen': def<MentionsPage>()(mentionsMarkSeenInput, preference('interventions')),
  'register.list': def<RegisterEntry[]>()(registerListInput, read('interventions')),
  'register.get': def<RegisterEntry>()(z.object({ id }).strict(), read('interventions')),
  'register.create': def<RegisterEntry>()(registerCreateInput, write('interventions')),
  'interventions.messages.list': def<ThreadMessage[]>()(byId, read('interventions')),
  'interventions.messages.add': def<ThreadMessage>()(messageAddInput, write('interventions')),
  // The caller's own read mark: reading needs no write right.
  'interventions.messages.markRead': def<{ moved: boolean }>()(markReadInput, preference('interventions')),
};
