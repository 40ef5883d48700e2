import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../../shared/api/result';
import { localDay } from '../../api/host-clock';
import { extraPatch, sameExtra, type ExtraFormValues } from './extra-fields-model';
import type { InterventionDetail } from '../../../../shared/api/interventions';
import type { InterventionCreateInput, InterventionPatch } from '../../../../shared/api/interventions';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { SourceChannel } from '../../../../shared/domain/intervention';

/** The fields of the form, in the order an operator works (and Tab goes). */
export const FORM_FIELDS = [
  'clientId',
  'contactPersonId',
  'requestTypeId',
  'priority',
  'source',
  'mailClient',
  'extra',
  'objectKind',
  'productId',
  'assetId',
  'objectText',
  'verifierId',
  'takenById',
  'teamId',
  'plannedStart',
  'plannedEnd',
  'confirmed',
  'notes',
  'estimate',
  'vehicle',
  'docDate',
  'seriesId',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export interface FormState {
  clientId: string | null;
  contactPersonId: string | null;
  requestTypeId: string | null;
  priority: 1 | 2 | 3;
  /** How the request came in: phone, e-mail, portal, service schedule, walk-in. */
  source: SourceChannel;
  /** Mail the client about it: null follows the request type, true/false is this intervention's own choice. */
  mailClient: boolean | null;
  /** The request type's extra fields, value by field id (see extra-fields-section.tsx). */
  extra: ExtraFormValues;
  /** What the request is about: free text, a catalogue product, or one of the client's assets. */
  objectKind: ObjectKind;
  productId: string | null;
  assetId: string | null;
  objectText: string;
  verifierId: string | null;
  takenById: string | null;
  teamId: string | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  confirmed: boolean;
  notes: string;
  estimate: string;
  vehicle: string;
  docDate: string;
  /** The series to validate into; null means main's default (the first active one). */
  seriesId: string | null;
}

export type ObjectKind = InterventionDetail['objectKind'];

/** Messages by form field; an extra field's and a template's under extra.<id> / templates.<id>. */
export type FieldErrors = Partial<Record<FormField, string>> & { [path: `extra.${string}` | `templates.${string}`]: string | undefined };

export const MAX_LENGTH = { objectText: 500, notes: 4000, estimate: 200, vehicle: 100 } as const;

export function emptyForm(takenById: string | null = null): FormState {
  return {
    clientId: null,
    contactPersonId: null,
    requestTypeId: null,
    priority: 2,
    source: 'phone',
    mailClient: null,
    objectKind: 'text',
    productId: null,
    assetId: null,
    objectText: '',
    verifierId: null,
    takenById,
    teamId: null,
    plannedStart: null,
    plannedEnd: null,
    confirmed: false,
    notes: '',
    estimate: '',
    vehicle: '',
    docDate: localDay(),
    seriesId: null,
    extra: {},
  };
}

export function formOf(d: InterventionDetail): FormState {
  return {
    clientId: d.clientId,
    contactPersonId: d.contactPersonId,
    requestTypeId: d.requestTypeId,
    priority: d.priority,
    source: d.source,
    mailClient: d.mailClient,
    objectKind: d.objectKind,
    productId: d.objectKind === 'text' ? null : d.productId,
    assetId: d.objectKind === 'asset' ? d.assetId : null,
    objectText: d.objectText ?? '',
    verifierId: d.verifierId,
    takenById: d.takenById,
    teamId: d.teamId,
    plannedStart: d.plannedStart,
    plannedEnd: d.plannedEnd,
    confirmed: d.confirmed,
    notes: d.notes ?? '',
    estimate: d.estimate ?? '',
    vehicle: d.vehicle ?? '',
    docDate: d.docDate,
    seriesId: d.seriesId,
    extra: d.extra,
  };
}

const norm = (v: FormState[FormField]) => (typeof v === 'string' ? v.trim() : v);

function sameValue(a: FormState[FormField], b: FormState[FormField]): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return sameExtra(a, b);
  return norm(a) === norm(b);
}

export function changedFields(form: FormState, base: FormState): FormField[] {
  return FORM_FIELDS.filter((f) => !sameValue(form[f], base[f]));
}

const textOrNull = (s: string) => (s.trim() ? s.trim() : null);

/** The value of one field as the API takes it. */
function apiValue<F extends FormField>(form: FormState, f: F): unknown {
  const v = form[f];
  if (f === 'objectText' || f === 'notes' || f === 'estimate' || f === 'vehicle') return textOrNull(v as string);
  return v;
}

const OBJECT_FIELDS: readonly FormField[] = ['objectKind', 'productId', 'assetId'];

export function patchOf(form: FormState, fields: readonly FormField[]): InterventionPatch {
  const patch: Record<string, unknown> = {};
  for (const f of fields) patch[f] = apiValue(form, f);
  if (fields.includes('clientId') && !fields.includes('contactPersonId')) patch.contactPersonId = form.contactPersonId;
  // The object is one choice in three fields: main checks them together, so they travel together.
  if (fields.some((f) => OBJECT_FIELDS.includes(f)) || (fields.includes('clientId') && form.objectKind === 'asset')) {
    for (const f of OBJECT_FIELDS) patch[f] = form[f];
  }
  return patch;
}

export function createInput(form: FormState): Omit<InterventionCreateInput, 'validate'> & { clientId: string } {
  return {
    clientId: form.clientId ?? '',
    contactPersonId: form.contactPersonId,
    requestTypeId: form.requestTypeId,
    priority: form.priority,
    source: form.source,
    mailClient: form.mailClient,
    objectKind: form.objectKind,
    productId: form.objectKind === 'text' ? null : form.productId,
    assetId: form.objectKind === 'asset' ? form.assetId : null,
    objectText: textOrNull(form.objectText),
    verifierId: form.verifierId,
    takenById: form.takenById,
    teamId: form.teamId,
    plannedStart: form.plannedStart,
    plannedEnd: form.plannedEnd,
    confirmed: form.confirmed,
    notes: textOrNull(form.notes),
    estimate: textOrNull(form.estimate),
    vehicle: textOrNull(form.vehicle),
    docDate: form.docDate,
    seriesId: form.seriesId,
    extra: extraPatch(form.extra, {}),
  } as Omit<InterventionCreateInput, 'validate'> & { clientId: string };
}

/** What the form checks before asking the server (the server checks again). */
export function validateForm(t: TFunction, form: FormState): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.clientId) errors.clientId = t('interventionForm.errors.clientRequired');
  if (!form.docDate) errors.docDate = t('interventionForm.errors.required');
  if (form.objectKind === 'product' && !form.productId) errors.productId = t('interventionForm.errors.productRequired');
  if (form.objectKind === 'asset' && !form.assetId) errors.assetId = t('interventionForm.errors.assetRequired');
  if (form.plannedStart !== null && form.plannedEnd !== null && form.plannedEnd < form.plannedStart) errors.plannedEnd = t('interventionForm.errors.endBeforeStart');
  for (const f of ['objectText', 'notes', 'estimate', 'vehicle'] as const) {
    if (form[f].trim().length > MAX_LENGTH[f]) errors[f] = t('interventionForm.errors.tooLong', { max: MAX_LENGTH[f] });
  }
  return errors;
}

function isFormField(path: string): path is FormField {
  return (FORM_FIELDS as readonly string[]).includes(path);
}

/** The server's message in the user's language where we know it; its own words otherwise. */
function issueText(t: TFunction, message: string): string {
  const m = message.toLowerCase();
  if (m === 'required') return t('interventionForm.errors.required');
  if (m.includes('working period')) return t('interventionForm.errors.period');
  if (m.includes('planned end is before')) return t('interventionForm.errors.endBeforeStart');
  if (m === 'inactive' || (m.includes('series') && m.includes('no longer in use'))) return t('interventionForm.errors.seriesInactive');
  if (m === 'exhausted') return t('interventionForm.errors.seriesExhausted');
  if (m.includes('no longer in use')) return t('interventionForm.errors.inactiveType');
  if (m === 'choose a product') return t('interventionForm.errors.productRequired');
  if (m.startsWith('choose one of the client')) return t('interventionForm.errors.assetRequired');
  if (m.includes('asset belongs to another client')) return t('interventionForm.errors.assetOtherClient');
  if (m.includes('belongs to another client')) return t('interventionForm.errors.otherClient');
  if (m.includes('does not exist')) return t('interventionForm.errors.missing');
  if (m.includes('too long') || m.includes('at most')) return t('interventionForm.errors.tooLongServer');
  return message;
}

/** Field messages from a validation error; issues on other paths come back as `other`. */
export function errorsFromIssues(t: TFunction, issues: readonly FieldIssue[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    // Extra fields and templates have a message each; the section translates main's words.
    if (/^(extra|templates)\./.test(issue.path)) {
      fields[issue.path as `extra.${string}`] ??= issue.message;
      continue;
    }
    const path = issue.path.split('.')[0] ?? '';
    const target = path === 'objectKind' ? 'objectText' : path;
    if (isFormField(target)) fields[target] ??= issueText(t, issue.message);
    else other.push(issueText(t, issue.message));
  }
  return { fields, other };
}

/** "Parent › Child › Type" of each active request type, parents before children. */
export function requestTypeOptions(lookups: InterventionLookups | null): { value: string; label: string }[] {
  const types = lookups?.requestTypes ?? [];
  const byId = new Map(types.map((r) => [r.id, r]));
  return types.map((r) => {
    const names: string[] = [];
    let cur: (typeof types)[number] | undefined = r;
    for (let guard = 0; cur && guard < 20; guard++) {
      names.unshift(cur.name);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return { value: r.id, label: names.join(' › ') };
  });
}

/** The technicians of the detail, as the form compares them. */
export function technicianIdsOf(d: InterventionDetail | null): string[] {
  return d ? d.technicians.map((x) => x.personId) : [];
}

/** Same people, in any order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/** The team's members who are technicians: what picking a team proposes when nobody is chosen yet. */
export function teamTechnicians(lookups: InterventionLookups | null, teamId: string | null): string[] {
  const team = lookups?.teams.find((x) => x.id === teamId);
  if (!team) return [];
  const technicians = new Set((lookups?.personnel ?? []).filter((p) => p.technician).map((p) => p.id));
  return team.memberIds.filter((m) => technicians.has(m));
}

export function fieldLabel(t: TFunction, f: FormField): string {
  switch (f) {
    case 'clientId':
      return t('interventionForm.fields.client');
    case 'contactPersonId':
      return t('interventionForm.fields.contactPerson');
    case 'requestTypeId':
      return t('interventionForm.fields.requestType');
    case 'extra':
      return t('extraFields.title');
    case 'priority':
      return t('interventionForm.fields.priority');
    case 'source':
      return t('interventionForm.fields.source');
    case 'mailClient':
      return t('interventionForm.fields.mailClient');
    case 'objectText':
      return t('interventionForm.fields.object');
    case 'objectKind':
      return t('interventionForm.fields.objectKind');
    case 'productId':
      return t('interventionForm.fields.product');
    case 'assetId':
      return t('interventionForm.fields.asset');
    case 'seriesId':
      return t('interventionForm.fields.series');
    case 'verifierId':
      return t('interventionForm.fields.verifier');
    case 'takenById':
      return t('interventionForm.fields.takenBy');
    case 'teamId':
      return t('interventionForm.fields.team');
    case 'plannedStart':
      return t('interventionForm.fields.plannedStart');
    case 'plannedEnd':
      return t('interventionForm.fields.plannedEnd');
    case 'confirmed':
      return t('interventionForm.fields.confirmed');
    case 'notes':
      return t('interventionForm.fields.notes');
    case 'estimate':
      return t('interventionForm.fields.estimate');
    case 'vehicle':
      return t('interventionForm.fields.vehicle');
    case 'docDate':
      return t('interventionForm.fields.docDate');
  }
}
