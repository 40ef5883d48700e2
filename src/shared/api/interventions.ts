import { z } from 'zod';
import { def } from './def';
import type { HistoryEntry } from './audit';
import type { ThreadMessage } from './thread';
import { read, write } from './permission';
import { byId, empty, id, isoDate, optionalId, optionalText, recordRef, requiredText, version } from './primitives';
import { EXTRA_MAX_KEYS } from '../domain/extra-fields';
import { SOURCE_CHANNELS, type TechnicianAnswer, type InterventionStatus, type SourceChannel } from '../domain/intervention';
import { extraFieldValue, type ExtraFieldValue, type ExtraFieldDefinition, type RequestTypeTemplate } from './request-types';

/* Interventions: the lifecycle (create, save, validate, plan, answer, finalize, cancel, delete) and what the form picks from. */

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

const OBJECT_KINDS = ['text', 'product', 'asset'] as const;

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
  /** Mail the client's contact about it: null follows the request type, true/false is its own choice. */
  mailClient: z.boolean().nullable(),
  /**
   * The request type's extra fields, value by field id, merged over the stored ones as a patch
   * (null empties a field). Kinds, states and required fields are checked in main
   * (shared/domain/extra-fields.ts) against the status the write produces.
   */
  extra: z.record(z.string().min(1).max(64), extraFieldValue).refine((x) => Object.keys(x).length <= EXTRA_MAX_KEYS, `at most ${EXTRA_MAX_KEYS} values`),
};

/** The technicians of an intervention, each once. */
const technicianIds = z
  .array(id)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'a person is listed twice');

function checkPlan(x: { plannedStart?: number | null; plannedEnd?: number | null }, ctx: z.RefinementCtx): void {
  if (x.plannedStart != null && x.plannedEnd != null && x.plannedEnd < x.plannedStart) {
    ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'the planned end is before the planned start' });
  }
}

const interventionCreateInput = z
  .object({
    ...fieldShape,
    priority: fieldShape.priority.default(2),
    objectKind: fieldShape.objectKind.default('text'),
    confirmed: fieldShape.confirmed.default(false),
    source: fieldShape.source.default('phone'),
    mailClient: fieldShape.mailClient.default(null),
    extra: fieldShape.extra.default({}),
    /** Validate at once: the document takes its number from the series. */
    validate: z.boolean().default(false),
    /** The technicians, saved with the fields in the same action (each answers "pending"). */
    technicianIds: technicianIds.optional(),
  })
  .strict()
  .superRefine(checkPlan);

export type InterventionCreateInput = z.output<typeof interventionCreateInput>;

export type InterventionFields = Omit<InterventionCreateInput, 'validate' | 'technicianIds'>;

const interventionPatch = z.object(fieldShape).partial().strict().superRefine(checkPlan);

export type InterventionPatch = z.output<typeof interventionPatch>;

const interventionIdInput = byId;

const interventionRefInput = z.object({ id, version }).strict();

/** Save: the fields, the extra values and (when given) the technicians, in one action. */
const interventionUpdateInput = z.object({ id, version, patch: interventionPatch, technicianIds: technicianIds.optional() }).strict();

const assignTechniciansInput = z
  // The version the caller saw: replacing the list over someone else's change is a conflict.
  .object({ id, version: z.number().int().min(1), personIds: z.array(id).max(50) })
  .strict()
  .refine((x) => new Set(x.personIds).size === x.personIds.length, { message: 'a person is listed twice', path: ['personIds'] });

const answerInput = z
  .object({ id, answer: z.enum(['accepted', 'rejected']), reason: optionalText(500) })
  .strict()
  .superRefine((x, ctx) => {
    if (x.answer === 'rejected' && !x.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why you reject it' });
  });

const finalizeInput = z.object({ id, version, resolution: requiredText(4000) }).strict();

const cancelInput = z.object({ id, version, reason: requiredText(500) }).strict();

/** One technician on an intervention and their answer. */
export interface InterventionTechnician {
  id: string;
  version: number;
  personId: string;
  name: string;
  answer: TechnicianAnswer;
  reason: string | null;
  answeredAt: number | null;
}

/** One intervention as its form shows it: every stored field, plus the names it points to. */
export interface InterventionDetail {
  id: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  status: InterventionStatus;
  valid: boolean;
  seriesId: string | null;
  seriesPrefix: string | null;
  /** Null until validated. */
  number: number | null;
  /** "INT-123" once validated, else null. */
  fullNumber: string | null;
  docDate: string;
  clientId: string;
  clientName: string;
  contactPersonId: string | null;
  contactPersonName: string | null;
  requestTypeId: string | null;
  /** Names from the top level down to the type itself, in the viewer's language. */
  requestTypePath: string[];
  class1Id: string | null;
  class2Id: string | null;
  class3Id: string | null;
  priority: 1 | 2 | 3;
  confirmed: boolean;
  objectKind: (typeof OBJECT_KINDS)[number];
  objectText: string | null;
  productId: string | null;
  productName: string | null;
  assetId: string | null;
  serialLot: string | null;
  verifierId: string | null;
  verifierName: string | null;
  takenById: string | null;
  takenByName: string | null;
  teamId: string | null;
  teamName: string | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  finalizedAt: number | null;
  resolution: string | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  notes: string | null;
  contractId: string | null;
  /** The service contract that made it, and the visit's day. */
  contract: { name: string; occurrence: string | null } | null;
  estimate: string | null;
  vehicle: string | null;
  source: SourceChannel;
  /** Its own choice on mailing the client; null follows the request type (lookups.requestTypes[].mailClient). */
  mailClient: boolean | null;
  awaitingReply: boolean;
  technicians: InterventionTechnician[];
  /** Extra-field values by field id; values of fields that no longer apply stay here, unshown. */
  extra: Record<string, ExtraFieldValue>;
  /** The extra fields of the request type (its own and inherited), active ones, in form order. */
  extraFields: ExtraFieldDefinition[];
  /** The request type's form templates (its own and inherited). */
  templates: RequestTypeTemplate[];
  /** Templates with a filled-in copy (a live message with the template and a file) in the thread. */
  filledTemplateIds: string[];
}

export interface InterventionLookups {
  personnel: { id: string; name: string; operator: boolean; technician: boolean; verifier: boolean }[];
  /** The request-type tree in the viewer's language, parents before children. */
  /** mailClient: the type, or one above it, keeps the client informed by e-mail. */
  requestTypes: { id: string; parentId: string | null; depth: number; code: string; name: string; mailClient: boolean }[];
  commercialZones: string[];
  /** Active teams and their live members (any person, technician or not), by name. */
  teams: { id: string; name: string; memberIds: string[] }[];
}

export interface EvolutionSheet {
  /** With its extra fields and values (detail.extraFields, detail.extra). */
  detail: InterventionDetail;
  messages: ThreadMessage[];
  history: HistoryEntry[];
  printedAt: number;
}

/** What the form shows for a request type: its extra fields and its form templates. */
export interface RequestTypeExtras {
  /** Active fields, the type's own and inherited, in form order; labels in every language. */
  fields: ExtraFieldDefinition[];
  /** Form templates, the type's own and inherited. */
  templates: RequestTypeTemplate[];
  /** With an interventionId: the templates with a filled-in copy in its thread; else empty. */
  filledTemplateIds: string[];
}

const requestTypeExtrasInput = z.object({ requestTypeId: id, interventionId: id.optional() }).strict();

/** The intervention lifecycle; every rule is checked in main, whatever the UI did. */
export const interventionsMethods = {
  'interventions.lookups': def<InterventionLookups>()(empty, read('interventions')),
  'interventions.delete': def<null>()(recordRef, write('interventions')),
  'interventions.cancel': def<InterventionDetail>()(cancelInput, write('interventions')),
  'interventions.get': def<InterventionDetail>()(interventionIdInput, read('interventions')),
  // Field-level issues name the field ("docDate": outside the open working period).
  'interventions.create': def<InterventionDetail>()(interventionCreateInput, write('interventions')),
  // A stale version answers 'conflict' with issues {path: field, message: JSON of the stored value}.
  'interventions.update': def<InterventionDetail>()(interventionUpdateInput, write('interventions')),
  'interventions.validate': def<InterventionDetail>()(interventionRefInput, write('interventions')),
  'interventions.assignTechnicians': def<InterventionDetail>()(assignTechniciansInput, write('interventions')),
  // The logged-in user's person answers; someone not on the intervention is refused.
  'interventions.answer': def<InterventionDetail>()(answerInput, write('interventions')),
  // The whole history and thread in one read, to print or save as PDF.
  'interventions.sheet': def<EvolutionSheet>()(byId, read('interventions')),
  // The form asks as soon as a type is picked, before anything is saved (an unknown type has
  // none), and again when the details come back into view: a file may have filled a template.
  'interventions.extraFields': def<RequestTypeExtras>()(requestTypeExtrasInput, read('interventions')),
  'interventions.finalize': def<InterventionDetail>()(finalizeInput, write('interventions')),
};
