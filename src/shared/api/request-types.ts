import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import { empty, id, optionalText, recordRef, text, version } from './primitives';
import { TEMPLATE_MODES, FIELD_STATES, EXTRA_FIELD_KINDS, type ExtraFieldKind, type FieldState, type TemplateMode } from '../domain/extra-fields';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../domain/intervention';
import type { Language } from '../i18n/languages';

/*
 * Request types: the hierarchy, their extra-field definitions and form templates. Every text is
 * trimmed, bounded and free of control characters (text() from primitives.ts); a type's names
 * are required in all four UI languages because the form and the grid show the user's own.
 */

/*
 * The shape of an extra-field definition, shared by the administration (which writes them) and
 * the intervention form and lifecycle (which read and enforce them).
 */

const label = text(80).pipe(z.string().min(1, 'required'));

/** A label per UI language: the form shows the user's, so none may be missing. */
const fieldLabels = z.object({ en: label, ro: label, 'pt-BR': label, ca: label }).strict();

/** What the field does in each status; a status left out means 'optional'. */
const fieldStates = z.partialRecord(z.enum(INTERVENTION_STATUSES), z.enum(FIELD_STATES));

export const extraFieldDefinitionInput = z
  .object({
    requestTypeId: id,
    kind: z.enum(EXTRA_FIELD_KINDS),
    labels: fieldLabels,
    /** The choices of a 'choice' field, in the order shown; empty for every other kind. */
    options: z.array(text(80).pipe(z.string().min(1, 'required'))).max(50).default([]),
    states: fieldStates.default({}),
    sequence: z.number().int().min(0).max(100_000).default(0),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === 'choice' && d.options.length === 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs at least one option' });
    if (d.kind !== 'choice' && d.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'only a choice field has options' });
    if (new Set(d.options.map((o) => o.toLowerCase())).size !== d.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must differ' });
    // A field required to enter a status must be fillable in the status before it: the move is
    // made by someone who cannot type it then (a technician accepting, finalize carrying no
    // values), so a field hidden or read-only there would block the intervention for good.
    for (const [before, next] of STEPS) {
      const previous = d.states[before] ?? 'optional';
      if (d.states[next] === 'required' && (previous === 'hidden' || previous === 'readonly')) {
        ctx.addIssue({ code: 'custom', path: ['states', before], message: `a field required when ${next} must be editable while ${before}` });
      }
    }
  });

/** The workflow's forward steps, for the rule above. */
const STEPS = [
  ['taken', 'allocated'],
  ['allocated', 'confirmed'],
  ['confirmed', 'finalized'],
] as const;

/** A stored definition as main returns it. */
export interface ExtraFieldDefinition {
  id: string;
  version: number;
  requestTypeId: string;
  kind: ExtraFieldKind;
  labels: Record<'en' | 'ro' | 'pt-BR' | 'ca', string>;
  options: string[];
  states: Partial<Record<InterventionStatus, FieldState>>;
  sequence: number;
  active: boolean;
}

/** A value of an extra field as stored in interventions.extra (by field id). */
export const extraFieldValue = z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()]);

export type ExtraFieldValue = z.infer<typeof extraFieldValue>;

/** A form template attached to a request type, as main returns it. */
export interface RequestTypeTemplate {
  id: string;
  version: number;
  requestTypeId: string;
  name: string;
  mode: TemplateMode;
  sequence: number;
  attachment: { id: string; fileName: string; size: number; mimeType: string };
}


const sequence = z.number().int().min(0).max(100_000);

export const CODE_MAX = 32;

export const NAME_MAX = 100;

export const DESCRIPTION_MAX = 2000;

export const TEMPLATE_NAME_MAX = 120;

/** A code people type and read in reports: letters, digits and . _ - (no spaces). */
const requestTypeCode = text(CODE_MAX)
  .pipe(z.string().min(1, 'required'))
  .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'letters, digits and . _ - only, starting with a letter or digit'));

const name = text(NAME_MAX).pipe(z.string().min(1, 'required'));

/** A name per UI language. */
const requestTypeNames = z.object({ en: name, ro: name, 'pt-BR': name, ca: name }).strict();

const requestTypeValues = z
  .object({
    code: requestTypeCode,
    /** Null for a top-level type (Classification 1). */
    parentId: id.nullable(),
    /** Order among its siblings (smaller first). */
    sequence: sequence.default(0),
    active: z.boolean().default(true),
    names: requestTypeNames,
    description: optionalText(DESCRIPTION_MAX),
    responsibleTeamId: id.nullable().default(null),
    onPortal: z.boolean().default(false),
    /** Calls about interventions of this type (and the types under it) are recorded. */
    recordCalls: z.boolean().default(false),
    /** The client's contact is mailed about interventions of this type (and the types under it). */
    mailClient: z.boolean().default(false),
    /** 1 low, 2 medium, 3 high: what a new intervention of this type starts with. */
    defaultPriority: z.number().int().min(1).max(3).default(2),
  })
  .strict();

export type RequestTypeValues = z.output<typeof requestTypeValues>;

/** Create (no id) or update (id and the version the editor was opened at). */
const requestTypeSaveInput = z
  .object({ id: id.optional(), version: version.optional(), values: requestTypeValues })
  .strict()
  .refine((x) => (x.id === undefined) === (x.version === undefined), { message: 'an update names both id and version', path: ['version'] });

/** Moves a type under another parent (null: top level), optionally at a given place among its new siblings. */
const requestTypeMoveInput = z.object({ id, version, parentId: id.nullable(), sequence: sequence.optional() }).strict();

const requestTypeIdInput = z.object({ id }).strict();

/** A whole list in its new order: each row named with the version the editor saw. */
const reorderInput = z.object({ requestTypeId: id, order: z.array(recordRef).min(1).max(500) }).strict();

const extraFieldListInput = z.object({ requestTypeId: id }).strict();

const extraFieldSaveInput = z.object({ id: id.optional(), version: version.optional(), definition: extraFieldDefinitionInput }).strict();

const templateListInput = z.object({ requestTypeId: id }).strict();

const templateValues = z
  .object({
    requestTypeId: id,
    name: text(TEMPLATE_NAME_MAX).pipe(z.string().min(1, 'required')),
    /** The uploaded blank form (an attachments row, see uploadFile). */
    attachmentId: id,
    mode: z.enum(TEMPLATE_MODES).default('optional'),
    sequence: sequence.default(0),
  })
  .strict();

const templateSaveInput = z.object({ id: id.optional(), version: version.optional(), values: templateValues }).strict();

/** A request type as the administration shows it (all of them, inactive ones too). */
export interface RequestTypeAdminRow {
  id: string;
  version: number;
  parentId: string | null;
  /** 1-3: Classification 1/2/3. */
  depth: number;
  code: string;
  sequence: number;
  active: boolean;
  names: Record<Language, string>;
  description: string | null;
  responsibleTeamId: string | null;
  onPortal: boolean;
  recordCalls: boolean;
  mailClient: boolean;
  defaultPriority: number;
  /** Own (not inherited) extra fields and templates, for the tree's badges. */
  fieldCount: number;
  templateCount: number;
}

/** How much a type is used: decides between delete and deactivate. */
export interface RequestTypeUsage {
  /** Live interventions of exactly this type. */
  own: number;
  /** Live interventions of this type or any type below it. */
  subtree: number;
  /** Live sub-types. */
  children: number;
}

/** A definition as the administration lists it for a type: its own and those it inherits. */
export interface ExtraFieldAdminRow extends ExtraFieldDefinition {
  /** Set when the field is defined on an ancestor (read-only here, edited there). */
  inheritedFrom: { id: string; code: string } | null;
}



/**
 * Request types: the hierarchy, extra-field definitions and form templates (Administration: read
 * to list, so a session locked for changes still sees them; write to change).
 */
export const requestTypesMethods = {
  /** Every live type, inactive ones too, parents before children. */
  'admin.requestTypes.list': def<RequestTypeAdminRow[]>()(empty, read('admin')),
  'admin.requestTypes.usage': def<RequestTypeUsage>()(requestTypeIdInput, read('admin')),
  // Create without id; update with id + version (a stale version is a 'conflict'). A duplicate
  // code answers 'validation' with an issue on values.code. A new parent moves the subtree.
  'admin.requestTypes.save': def<RequestTypeAdminRow>()(requestTypeSaveInput, write('admin')),
  // Refuses cycles and anything deeper than Classification 3; interventions follow the move.
  'admin.requestTypes.move': def<RequestTypeAdminRow>()(requestTypeMoveInput, write('admin')),
  // Only an unused type without sub-types; a used one is refused (deactivate it instead).
  'admin.requestTypes.delete': def<null>()(recordRef, write('admin')),
  /** The type's own definitions and those inherited from its ancestors (marked). */
  'admin.extraFields.list': def<ExtraFieldAdminRow[]>()(extraFieldListInput, read('admin')),
  'admin.extraFields.save': def<ExtraFieldDefinition>()(extraFieldSaveInput, write('admin')),
  'admin.extraFields.reorder': def<ExtraFieldDefinition[]>()(reorderInput, write('admin')),
  // A field that holds values in some intervention is refused (deactivate it instead).
  'admin.extraFields.delete': def<null>()(recordRef, write('admin')),
  'admin.templates.list': def<RequestTypeTemplate[]>()(templateListInput, read('admin')),
  'admin.templates.save': def<RequestTypeTemplate>()(templateSaveInput, write('admin')),
  'admin.templates.reorder': def<RequestTypeTemplate[]>()(reorderInput, write('admin')),
  // A template some filled-in file in a thread refers to is refused.
  'admin.templates.delete': def<null>()(recordRef, write('admin')),
};
