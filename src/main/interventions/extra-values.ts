import { ApiError, type FieldIssue } from '../../shared/api/result';
import {
  EXTRA_FIELD_KINDS,
  FIELD_STATES,
  TEMPLATE_MODES,
  applicableFields,
  checkExtraValues,
  missingRequired,
  type ExtraFieldKind,
  type FieldState,
  type TemplateMode,
} from '../../shared/domain/extra-fields';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../shared/domain/intervention';
import type { ServiceContext } from '../core/context';
import { placeholders } from '../db/sql';
import type { ExtraFieldDefinition, ExtraFieldValue, RequestTypeTemplate } from '../../shared/api/request-types';

/*
 * Extra fields and form templates of request types as the intervention lifecycle reads them:
 * the definitions that apply to a type, the values stored on an intervention, and the checks of
 * shared/domain/extra-fields.ts run against them. The administration writes the definitions.
 */

interface FieldRow {
  id: string;
  version: number;
  request_type_id: string;
  sequence: number;
  kind: string;
  label_en: string;
  label_ro: string;
  label_pt_br: string;
  label_ca: string;
  options: string;
  states: string;
  active: number;
}

function parseJson(text: string | null | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A stored definition; JSON the administration never writes (bad replication, hand edits) reads as empty. */
function definitionOf(r: FieldRow): ExtraFieldDefinition {
  const options = parseJson(r.options);
  const rawStates = parseJson(r.states);
  const states: Partial<Record<InterventionStatus, FieldState>> = {};
  if (isObject(rawStates)) {
    for (const status of INTERVENTION_STATUSES) {
      const st = rawStates[status];
      if ((FIELD_STATES as readonly unknown[]).includes(st)) states[status] = st as FieldState;
    }
  }
  return {
    id: r.id,
    version: r.version,
    requestTypeId: r.request_type_id,
    kind: (EXTRA_FIELD_KINDS as readonly string[]).includes(r.kind) ? (r.kind as ExtraFieldKind) : 'text',
    labels: { en: r.label_en, ro: r.label_ro, 'pt-BR': r.label_pt_br, ca: r.label_ca },
    options: Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [],
    states,
    sequence: r.sequence,
    active: r.active === 1,
  };
}

/** The type and its ancestors, the type first; stops at a missing parent or a cycle. */
function chainOf(s: ServiceContext, requestTypeId: string): string[] {
  const parent = s.raw.prepare('SELECT parent_id FROM request_types WHERE id = ? AND deleted_at IS NULL').pluck();
  const chain: string[] = [];
  for (let cur: string | null = requestTypeId; cur && !chain.includes(cur); ) {
    const p = parent.get(cur) as string | null | undefined;
    if (p === undefined) break;
    chain.push(cur);
    cur = p;
  }
  return chain;
}


/** The active extra fields of a request type (its own and its ancestors'), in form order. */
export function fieldsForType(s: ServiceContext, requestTypeId: string | null): ExtraFieldDefinition[] {
  if (!requestTypeId) return [];
  const chain = chainOf(s, requestTypeId);
  if (chain.length === 0) return [];
  const rows = s.raw
    .prepare(`SELECT * FROM request_type_fields WHERE request_type_id IN (${placeholders(chain.length)}) AND deleted_at IS NULL`)
    .all(...chain) as FieldRow[];
  const parents = new Map(chain.map((id, i) => [id, chain[i + 1] ?? null]));
  return applicableFields(requestTypeId, (id) => parents.get(id), rows.map(definitionOf));
}

/**
 * The form templates of a request type: its own and its ancestors' (a checklist on "Boilers"
 * holds for every kind of boiler), the root's first, then by sequence.
 */
export function templatesForType(s: ServiceContext, requestTypeId: string | null): RequestTypeTemplate[] {
  if (!requestTypeId) return [];
  const chain = chainOf(s, requestTypeId);
  if (chain.length === 0) return [];
  const rows = s.raw
    .prepare(
      `SELECT t.id, t.version, t.request_type_id AS requestTypeId, t.name, t.mode, t.sequence,
              a.id AS attachmentId, a.file_name AS fileName, a.size, a.mime_type AS mimeType
       FROM request_type_templates t JOIN attachments a ON a.id = t.attachment_id
       WHERE t.request_type_id IN (${placeholders(chain.length)}) AND t.deleted_at IS NULL`,
    )
    .all(...chain) as {
    id: string;
    version: number;
    requestTypeId: string;
    name: string;
    mode: string;
    sequence: number;
    attachmentId: string;
    fileName: string;
    size: number;
    mimeType: string;
  }[];
  const depth = new Map(chain.map((id, i) => [id, chain.length - i]));
  return rows
    .sort((a, b) => (depth.get(a.requestTypeId) ?? 0) - (depth.get(b.requestTypeId) ?? 0) || a.sequence - b.sequence || (a.id < b.id ? -1 : 1))
    .map((r) => ({
      id: r.id,
      version: r.version,
      requestTypeId: r.requestTypeId,
      name: r.name,
      mode: (TEMPLATE_MODES as readonly string[]).includes(r.mode) ? (r.mode as TemplateMode) : 'optional',
      sequence: r.sequence,
      attachment: { id: r.attachmentId, fileName: r.fileName, size: r.size, mimeType: r.mimeType },
    }));
}

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

/** The templates that have a filled-in copy in the thread: a live message naming it, with a file. */
export function filledTemplateIds(s: ServiceContext, interventionId: string): string[] {
  return s.raw
    .prepare(
      `SELECT DISTINCT template_id FROM intervention_messages
       WHERE intervention_id = ? AND deleted_at IS NULL AND template_id IS NOT NULL AND attachment_id IS NOT NULL`,
    )
    .pluck()
    .all(interventionId) as string[];
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
