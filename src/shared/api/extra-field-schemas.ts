import { z } from 'zod';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../domain/intervention';
import { EXTRA_FIELD_KINDS, FIELD_STATES, type ExtraFieldKind, type FieldState, type TemplateMode } from '../domain/extra-fields';
import { id, text } from './primitives';

/*
 * The shape of an extra-field definition, shared by the administration (which writes them) and
 * the intervention form and lifecycle (which read and enforce them).
 */

const label = text(80).pipe(z.string().min(1, 'required'));

/** A label per UI language: the form shows the user's, so none may be missing. */
export const fieldLabels = z.object({ en: label, ro: label, 'pt-BR': label, ca: label }).strict();

/** What the field does in each status; a status left out means 'optional'. */
export const fieldStates = z.partialRecord(z.enum(INTERVENTION_STATUSES), z.enum(FIELD_STATES));

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
export type ExtraFieldDefinitionInput = z.input<typeof extraFieldDefinitionInput>;

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
