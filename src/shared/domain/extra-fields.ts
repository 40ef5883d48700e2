import type { InterventionStatus } from './intervention';

/** The kinds of extra field an admin can put on a request type. */
export const EXTRA_FIELD_KINDS = ['text', 'number', 'date', 'choice', 'checkbox'] as const;
export type ExtraFieldKind = (typeof EXTRA_FIELD_KINDS)[number];

/** What a field does in a given status: not shown, shown read-only, may be filled, must be filled. */
export const FIELD_STATES = ['hidden', 'readonly', 'optional', 'required'] as const;
export type FieldState = (typeof FIELD_STATES)[number];

/** How a request type's form template is used: must come back filled, may, or is only for reading. */
export const TEMPLATE_MODES = ['mandatory', 'optional', 'informative'] as const;
export type TemplateMode = (typeof TEMPLATE_MODES)[number];

/*
 * The rules of extra fields, shared by main (which enforces them) and the form (which shows
 * them). Pure: the caller loads the definitions and the stored values.
 *
 * Semantics, in one place:
 * - a request type's fields are its own and its ancestors', active ones only, the root's first
 *   (by depth), then by sequence;
 * - a status a field does not name makes it 'optional';
 * - a field 'required' in status S must hold a value for the intervention to be saved in S or to
 *   move into S: the caller passes the status the write would produce (computeStatus);
 * - 'readonly' and 'hidden' fields cannot be changed in that status; a hidden field keeps its
 *   stored value (never dropped), it is only not shown;
 * - a required checkbox must be ticked (a box that must be filled is one that must be checked);
 * - values that did not change are not checked at all, so a value of a field that no longer
 *   applies (the request type changed, the field was deactivated) stays stored untouched.
 */

/** A stored value: text, a number, a yyyy-mm-dd day, one of the options, a tick; null = empty. */
type ExtraValue = string | number | boolean | null;
export type ExtraValues = Record<string, ExtraValue>;

/** What the rules need of a definition (ExtraFieldDefinition of the API has this shape). */
export interface ExtraFieldRule {
  id: string;
  requestTypeId: string;
  kind: ExtraFieldKind;
  options: readonly string[];
  states: Partial<Record<InterventionStatus, FieldState>>;
  sequence: number;
  active: boolean;
}

/** A problem with one value, on the path the form shows it under (extra.<fieldId>). */
export interface ExtraIssue {
  path: string;
  message: string;
}

export const EXTRA_TEXT_MAX = 2000;
/** More values than this in one write is not a form talking. */
export const EXTRA_MAX_KEYS = 200;

/**
 * The stable English messages of the issues; the form translates them (extraFields.errors.*),
 * other callers read them as they are.
 */
export const EXTRA_MESSAGES = {
  required: 'required',
  readonly: 'read-only in this status',
  hidden: 'not shown in this status, so it cannot be changed',
  unknown: 'not a field of this request type',
  text: 'must be text',
  tooLong: `at most ${EXTRA_TEXT_MAX} characters`,
  control: 'contains control characters',
  number: 'must be a number',
  date: 'must be a date as yyyy-mm-dd',
  notADay: 'not a day of the calendar',
  choice: 'must be one of the options',
  checkbox: 'must be ticked or not (true or false)',
} as const;

/**
 * The fields that apply to a request type: those of the type and of its ancestors, active ones,
 * ordered by depth (root first) then sequence (then id, so the order never flickers).
 * `parentOf` gives a type's parent (null at the top); a cycle in bad data stops the walk.
 */
export function applicableFields<F extends ExtraFieldRule>(requestTypeId: string | null, parentOf: (typeId: string) => string | null | undefined, definitions: readonly F[]): F[] {
  if (!requestTypeId) return [];
  const chain: string[] = [];
  for (let cur: string | null | undefined = requestTypeId; cur && !chain.includes(cur); cur = parentOf(cur)) chain.unshift(cur);
  const depth = new Map(chain.map((id, i) => [id, i]));
  return definitions
    .filter((d) => d.active && depth.has(d.requestTypeId))
    .sort((a, b) => (depth.get(a.requestTypeId) ?? 0) - (depth.get(b.requestTypeId) ?? 0) || a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The field's state in a status; a status the admin left out means 'optional'. */
export function fieldState(field: Pick<ExtraFieldRule, 'states'>, status: InterventionStatus): FieldState {
  return field.states[status] ?? 'optional';
}

/** Whether the user may type into the field in that status. */
export function isEditable(state: FieldState): boolean {
  return state === 'optional' || state === 'required';
}

/** No value: absent, null, blank text; an unticked box counts as empty for a required checkbox. */
export function isEmptyValue(kind: ExtraFieldKind, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (kind === 'checkbox') return value !== true;
  return false;
}

/** Text is kept trimmed and blank text is no value: the stored form of what the user typed. */
export function normalizeValue(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return value === undefined ? null : value;
}

/** Tabs and line breaks are text; other C0 controls and DEL only come from bad input. */
function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** yyyy-mm-dd and a real day of the calendar (2026-02-30 is not). */
function dayProblem(s: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return EXTRA_MESSAGES.date;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? null : EXTRA_MESSAGES.notADay;
}

/** What is wrong with a (non-empty, normalized) value for the field's kind; null when it is fine. */
export function valueProblem(field: Pick<ExtraFieldRule, 'kind' | 'options'>, value: unknown): string | null {
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string') return EXTRA_MESSAGES.text;
      if (value.length > EXTRA_TEXT_MAX) return EXTRA_MESSAGES.tooLong;
      return hasControlCharacter(value) ? EXTRA_MESSAGES.control : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : EXTRA_MESSAGES.number;
    case 'date':
      return typeof value === 'string' ? dayProblem(value) : EXTRA_MESSAGES.date;
    case 'choice':
      return typeof value === 'string' && field.options.includes(value) ? null : EXTRA_MESSAGES.choice;
    case 'checkbox':
      return typeof value === 'boolean' ? null : EXTRA_MESSAGES.checkbox;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return normalizeValue(a) === normalizeValue(b);
}

/** The issues of the required fields that are empty in `values`, for a status. */
export function missingRequired(fields: readonly ExtraFieldRule[], status: InterventionStatus, values: Readonly<Record<string, unknown>>): ExtraIssue[] {
  return fields.filter((f) => fieldState(f, status) === 'required' && isEmptyValue(f.kind, values[f.id])).map((f) => ({ path: `extra.${f.id}`, message: EXTRA_MESSAGES.required }));
}

/**
 * Checks a write of extra values: `patch` (field id → value, merged over `stored`; null empties
 * a field) against the applicable `fields` in `status`, the status the write would produce.
 * Returns the merged values (empty ones removed, text trimmed) and the issues; the write is
 * refused when there is any issue. Entries equal to the stored value are no change and pass.
 */
export function checkExtraValues(input: {
  fields: readonly ExtraFieldRule[];
  status: InterventionStatus;
  stored: Readonly<Record<string, unknown>>;
  patch?: Readonly<Record<string, unknown>> | undefined;
}): { values: ExtraValues; issues: ExtraIssue[] } {
  const { fields, status, stored } = input;
  const byId = new Map(fields.map((f) => [f.id, f]));
  const values: Record<string, unknown> = { ...stored };
  const issues: ExtraIssue[] = [];
  const patch = input.patch ?? {};
  const keys = Object.keys(patch);
  if (keys.length > EXTRA_MAX_KEYS) return { values: values as ExtraValues, issues: [{ path: 'extra', message: `at most ${EXTRA_MAX_KEYS} values at once` }] };
  for (const id of keys) {
    const value = normalizeValue(patch[id]);
    if (sameValue(value, stored[id])) continue;
    const path = `extra.${id}`;
    const field = byId.get(id);
    if (!field) {
      issues.push({ path, message: EXTRA_MESSAGES.unknown });
      continue;
    }
    const state = fieldState(field, status);
    if (state === 'readonly' || state === 'hidden') {
      issues.push({ path, message: EXTRA_MESSAGES[state] });
      continue;
    }
    if (value === null) {
      delete values[id];
      continue;
    }
    const problem = valueProblem(field, value);
    if (problem) issues.push({ path, message: problem });
    else values[id] = value;
  }
  const flagged = new Set(issues.map((i) => i.path));
  for (const issue of missingRequired(fields, status, values)) if (!flagged.has(issue.path)) issues.push(issue);
  return { values: values as ExtraValues, issues };
}
