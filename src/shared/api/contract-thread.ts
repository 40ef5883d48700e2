import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import type { EvolutionSheet, MentionsPage, RegisterEntry } from './thread-types';
import { id, isoDate, requiredText, text } from './primitives';

/*
 * The message thread: the Mentions list, the correspondence register, the evolution sheet.
 * (The thread itself is interventions.messages.list/add in contract.ts; files go over POST /files.)
 */


export const mentionsListInput = z.object({ unseenOnly: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(200) }).strict();
export const mentionsMarkSeenInput = z.union([
  z.object({ ids: z.array(id).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

export const registerListInput = z
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

export const registerCreateInput = z
  .object({
    date: isoDate,
    direction: z.enum(['in', 'out']),
    party: requiredText(200),
    subject: requiredText(500),
    attachmentId: id.nullish().transform((s) => s ?? null),
  })
  .strict();

export const threadMethods = {
  // My own mentions: any logged-in user with read access to interventions (the list only shows their own).
  'mentions.list': def<MentionsPage>()(mentionsListInput, read('interventions')),
  'mentions.markSeen': def<MentionsPage>()(mentionsMarkSeenInput, read('interventions')),
  'register.list': def<RegisterEntry[]>()(registerListInput, read('interventions')),
  'register.get': def<RegisterEntry>()(z.object({ id }).strict(), read('interventions')),
  'register.create': def<RegisterEntry>()(registerCreateInput, write('interventions')),
  'interventions.sheet': def<EvolutionSheet>()(z.object({ id }).strict(), read('interventions')),
};
