import { ApiError, type FieldIssue } from '../../shared/api/result';
import type { ExtraFieldDefinition, ExtraFieldValue } from '../../shared/api/request-types';
import { checkExtraValues, missingRequired } from '../../shared/domain/extra-fields';
import type { InterventionStatus } from '../../shared/domain/intervention';
import type { ServiceContext } from '../core/context';
import { fieldsForType } from '../request-types/extra-field-definitions';
import { templatesForType } from '../request-types/templates';
import { filledTemplateIds } from '../thread/messages';

/*
 * The extra values of an intervention: stored by field id in interventions.extra, checked with
 * the rules of shared/domain/extra-fields.ts against the definitions of its request type.
 */

function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The values stored on an intervention (interventions.extra); unreadable JSON reads as none. */
export function readExtra(json: string | null | undefined): Record<string, ExtraFieldValue> {
  const parsed = parseJson(json);
  if (!isObject(parsed)) return {};
  const out: Record<string, ExtraFieldValue> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return out;
}

function refuse(fields: readonly ExtraFieldDefinition[], issues: FieldIssue[], lead: string): never {
  const names = issues
    .map((i) => {
      const f = fields.find((x) => `extra.${x.id}` === i.path);
      return f ? `${f.labels.en} (${i.message})` : i.path.startsWith('extra.') ? `${i.path.slice(6)} (${i.message})` : i.message;
    })
    .join('; ');
  throw new ApiError('validation', `${lead}: ${names}.`, issues);
}

/**
 * Checks a write of extra values and returns the JSON to store: `patch` merged over `storedJson`
 * for an intervention of `requestTypeId` that will be in `status` after the write. Refused
 * (validation, issues on extra.<fieldId>) when a required field is empty, a read-only or hidden
 * field changes, a value has the wrong kind, or the id is not a field of the type.
 * Values of fields that do not apply to the type (it changed, or the field was deactivated)
 * are kept as they are: changing the request type never loses what was typed.
 */
export function prepareExtra(
  s: ServiceContext,
  input: { requestTypeId: string | null; status: InterventionStatus; storedJson: string | null; patch: Record<string, unknown> | undefined },
): string {
  const fields = fieldsForType(s, input.requestTypeId);
  const stored = readExtra(input.storedJson);
  const { values, issues } = checkExtraValues({ fields, status: input.status, stored, patch: input.patch });
  if (issues.length) refuse(fields, issues, 'Some extra fields are not valid');
  return JSON.stringify(values);
}

/**
 * Before an intervention moves into `status` (planning, answers, finalize, cancel): the fields
 * required in that status must hold a value, and to finalize, every mandatory template must
 * have a filled-in copy in the thread.
 */
export function checkEnteringStatus(s: ServiceContext, row: { id: string; requestTypeId: string | null; extra: string }, status: InterventionStatus): void {
  const fields = fieldsForType(s, row.requestTypeId);
  const issues: FieldIssue[] = missingRequired(fields, status, readExtra(row.extra));
  if (status === 'finalized') {
    const filled = new Set(filledTemplateIds(s, row.id));
    for (const t of templatesForType(s, row.requestTypeId)) {
      if (t.mode === 'mandatory' && !filled.has(t.id)) issues.push({ path: `templates.${t.id}`, message: `attach the filled-in “${t.name}” to the thread` });
    }
  }
  if (issues.length) refuse(fields, issues, `The intervention cannot become ${status} yet`);
}
