import { z } from 'zod';
import { SOURCE_CHANNELS } from '../domain/intervention';
import { extraFieldValue } from './extra-field-schemas';
import { EXTRA_MAX_KEYS } from '../domain/extra-fields';
import { id, isoDate, optionalId, optionalText, requiredText, text, version } from './primitives';

/*
 * Inputs of the intervention lifecycle (interventions.get/create/update/validate/…). Texts are
 * trimmed, bounded and free of control characters (text() from schemas.ts); what depends on the
 * database (the client's contacts and assets, the open working period, active request types,
 * status transitions) is checked in main, with the same field paths.
 */


/** Epoch milliseconds between 2000 and 2100: anything else is a unit mistake. */
const instant = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1))
  .max(Date.UTC(2100, 0, 1))
  .nullish()
  .transform((n) => n ?? null);

export const OBJECT_KINDS = ['text', 'product', 'asset'] as const;

/** Every field an operator types or picks; one shape for create and (partially) for update. */
const fieldShape = {
  docDate: isoDate,
  seriesId: optionalId,
  clientId: id,
  contactPersonId: optionalId,
  requestTypeId: optionalId,
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  objectKind: z.enum(OBJECT_KINDS),
  objectText: optionalText(500),
  productId: optionalId,
  assetId: optionalId,
  verifierId: optionalId,
  takenById: optionalId,
  teamId: optionalId,
  plannedStart: instant,
  plannedEnd: instant,
  confirmed: z.boolean(),
  notes: optionalText(4000),
  contractId: optionalId,
  estimate: optionalText(200),
  vehicle: optionalText(100),
  source: z.enum(SOURCE_CHANNELS),
  /**
   * The request type's extra fields, value by field id, merged over the stored ones as a patch
   * (null empties a field). Kinds, states and required fields are checked in main
   * (shared/domain/extra-fields.ts) against the status the write produces.
   */
  extra: z.record(z.string().min(1).max(64), extraFieldValue).refine((x) => Object.keys(x).length <= EXTRA_MAX_KEYS, `at most ${EXTRA_MAX_KEYS} values`),
};

function checkPlan(x: { plannedStart?: number | null; plannedEnd?: number | null }, ctx: z.RefinementCtx): void {
  if (x.plannedStart != null && x.plannedEnd != null && x.plannedEnd < x.plannedStart) {
    ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'the planned end is before the planned start' });
  }
}

export const interventionCreateInput = z
  .object({
    ...fieldShape,
    priority: fieldShape.priority.default(2),
    objectKind: fieldShape.objectKind.default('text'),
    confirmed: fieldShape.confirmed.default(false),
    source: fieldShape.source.default('phone'),
    extra: fieldShape.extra.default({}),
    /** Validate at once: the document takes its number from the series. */
    validate: z.boolean().default(false),
  })
  .strict()
  .superRefine(checkPlan);
export type InterventionCreateInput = z.output<typeof interventionCreateInput>;
export type InterventionFields = Omit<InterventionCreateInput, 'validate'>;

export const interventionPatch = z.object(fieldShape).partial().strict().superRefine(checkPlan);
export type InterventionPatch = z.output<typeof interventionPatch>;

export const interventionIdInput = z.object({ id }).strict();
export const interventionRefInput = z.object({ id, version }).strict();
export const interventionUpdateInput = z.object({ id, version, patch: interventionPatch }).strict();

export const assignTechniciansInput = z
  // The version the caller saw: replacing the list over someone else's change is a conflict.
  .object({ id, version: z.number().int().min(1), personIds: z.array(id).max(50) })
  .strict()
  .refine((x) => new Set(x.personIds).size === x.personIds.length, { message: 'a person is listed twice', path: ['personIds'] });

export const answerInput = z
  .object({ id, answer: z.enum(['accepted', 'rejected']), reason: optionalText(500) })
  .strict()
  .superRefine((x, ctx) => {
    if (x.answer === 'rejected' && !x.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why you reject it' });
  });


export const finalizeInput = z.object({ id, version, resolution: requiredText(4000) }).strict();
export const cancelInput = z.object({ id, version, reason: requiredText(500) }).strict();

/**
 * A note of the thread. The text may be empty only when a file or a register entry is attached;
 * mentionIds are the people the composer mentioned (main checks they exist), never parsed from the text.
 */
export const messageAddInput = z
  .object({
    id,
    body: text(4000),
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
