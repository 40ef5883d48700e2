import { z } from 'zod';
import { extraFieldDefinitionInput, type ExtraFieldDefinition } from './extra-field-schemas';
import { TEMPLATE_MODES, type TemplateMode } from '../domain/extra-fields';
import type { Language } from '../i18n/languages';
import { id, optionalText, recordRef, text, version } from './primitives';

/*
 * Inputs and outputs of Administration → Request types (contract-admin-types.ts). Every text is
 * trimmed, bounded and free of control characters (text() from schemas.ts); a type's names are
 * required in all four UI languages because the form and the grid show the user's own.
 */

const sequence = z.number().int().min(0).max(100_000);

export const CODE_MAX = 32;
export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const TEMPLATE_NAME_MAX = 120;

/** A code people type and read in reports: letters, digits and . _ - (no spaces). */
export const requestTypeCode = text(CODE_MAX)
  .pipe(z.string().min(1, 'required'))
  .pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'letters, digits and . _ - only, starting with a letter or digit'));

const name = text(NAME_MAX).pipe(z.string().min(1, 'required'));

/** A name per UI language. */
export const requestTypeNames = z.object({ en: name, ro: name, 'pt-BR': name, ca: name }).strict();

export const requestTypeValues = z
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
    /** 1 low, 2 medium, 3 high: what a new intervention of this type starts with. */
    defaultPriority: z.number().int().min(1).max(3).default(2),
  })
  .strict();
export type RequestTypeValues = z.output<typeof requestTypeValues>;

/** Create (no id) or update (id and the version the editor was opened at). */
export const requestTypeSaveInput = z
  .object({ id: id.optional(), version: version.optional(), values: requestTypeValues })
  .strict()
  .refine((x) => (x.id === undefined) === (x.version === undefined), { message: 'an update names both id and version', path: ['version'] });

/** Moves a type under another parent (null: top level), optionally at a given place among its new siblings. */
export const requestTypeMoveInput = z.object({ id, version, parentId: id.nullable(), sequence: sequence.optional() }).strict();

export const requestTypeIdInput = z.object({ id }).strict();

/** A whole list in its new order: each row named with the version the editor saw. */
export const reorderInput = z.object({ requestTypeId: id, order: z.array(recordRef).min(1).max(500) }).strict();

export const extraFieldListInput = z.object({ requestTypeId: id }).strict();

export const extraFieldSaveInput = z.object({ id: id.optional(), version: version.optional(), definition: extraFieldDefinitionInput }).strict();

export const templateListInput = z.object({ requestTypeId: id }).strict();

export const templateValues = z
  .object({
    requestTypeId: id,
    name: text(TEMPLATE_NAME_MAX).pipe(z.string().min(1, 'required')),
    /** The uploaded blank form (an attachments row, see uploadFile). */
    attachmentId: id,
    mode: z.enum(TEMPLATE_MODES).default('optional'),
    sequence: sequence.default(0),
  })
  .strict();

export const templateSaveInput = z.object({ id: id.optional(), version: version.optional(), values: templateValues }).strict();

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

export type { TemplateMode };
