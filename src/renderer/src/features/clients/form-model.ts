import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../../shared/api/result';
import { validateFiscalCode } from '../../../../shared/domain/fiscal-code/index';
import { formatPhone, normalizePhone } from '../../../../shared/domain/phone';
import { fiscalCodeKind } from '../../../../shared/api/clients';
import type { ClientRow } from '../../../../shared/api/clients';

/** The editor's fields, as typed: every value a string, '' for empty. */
export const CLIENT_FIELDS = ['kind', 'name', 'fiscalCode', 'address', 'locality', 'county', 'country', 'commercialZone', 'phone', 'workPhone', 'email', 'notes'] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number];
export type ClientForm = Record<ClientField, string>;
export type FieldErrors = Partial<Record<ClientField, string>>;

export const MAX_LENGTH: Record<ClientField, number> = {
  kind: 10,
  name: 200,
  fiscalCode: 32,
  address: 300,
  locality: 100,
  county: 100,
  country: 2,
  commercialZone: 100,
  phone: 40,
  workPhone: 40,
  email: 254,
  notes: 4000,
};

export function emptyForm(country = 'RO'): ClientForm {
  return { kind: 'company', name: '', fiscalCode: '', address: '', locality: '', county: '', country, commercialZone: '', phone: '', workPhone: '', email: '', notes: '' };
}

export function formOf(row: ClientRow): ClientForm {
  return {
    kind: row.kind,
    name: row.name,
    fiscalCode: row.fiscalCode ?? '',
    address: row.address ?? '',
    locality: row.locality ?? '',
    county: row.county ?? '',
    country: row.country,
    commercialZone: row.commercialZone ?? '',
    phone: row.phone ? formatPhone(row.phone) : '',
    workPhone: row.workPhone ? formatPhone(row.workPhone) : '',
    email: row.email ?? '',
    notes: row.notes ?? '',
  };
}

/** Fields whose typed value differs from the base (trim-insensitive). */
export function changedFields(form: ClientForm, base: ClientForm): ClientField[] {
  return CLIENT_FIELDS.filter((f) => form[f].trim() !== base[f].trim());
}

const nullable = (s: string) => (s.trim() === '' ? null : s);

/** What clients.create takes. */
export function createInput(form: ClientForm) {
  return {
    kind: form.kind === 'person' ? ('person' as const) : ('company' as const),
    name: form.name,
    fiscalCode: nullable(form.fiscalCode),
    address: nullable(form.address),
    locality: nullable(form.locality),
    county: nullable(form.county),
    country: form.country,
    commercialZone: nullable(form.commercialZone),
    phone: nullable(form.phone),
    workPhone: nullable(form.workPhone),
    email: nullable(form.email),
    notes: nullable(form.notes),
  };
}

/** The patch of clients.update: only the changed fields. */
export function patchOf(form: ClientForm, fields: readonly ClientField[]): Record<string, string | null> {
  const all = createInput(form) as Record<ClientField, string | null>;
  const patch: Record<string, string | null> = {};
  for (const f of fields) patch[f] = all[f];
  return patch;
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** "Not a valid Romanian CIF: check digit." in the user's language, or null. */
function fiscalCodeError(t: TFunction, country: string, code: string, kind: string): string | null {
  if (!code.trim()) return null;
  const r = validateFiscalCode(country, code);
  if (r.ok) return null;
  const k = fiscalCodeKind(country, code, kind === 'person' ? 'person' : 'company');
  const rule = (() => {
    switch (country) {
      case 'RO':
        return t('clients.fiscalRule.RO', { kind: k });
      case 'PT':
        return t('clients.fiscalRule.PT', { kind: k });
      case 'BR':
        return t('clients.fiscalRule.BR', { kind: k });
      case 'ES':
        return t('clients.fiscalRule.ES', { kind: k });
      default:
        return t('clients.fiscalRule.other');
    }
  })();
  const reason = r.reason === 'check_digit' ? t('clients.fiscalReason.checkDigit') : t('clients.fiscalReason.format');
  return t('clients.errors.fiscalCode', { rule, reason });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the server makes, run before sending so messages come at once and translated. */
export function validateForm(t: TFunction, form: ClientForm): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of CLIENT_FIELDS) {
    if (form[f].trim().length > MAX_LENGTH[f]) errors[f] = t('clients.errors.tooLong');
    else if (hasControl(form[f])) errors[f] = t('clients.errors.control');
  }
  if (!form.name.trim()) errors.name = t('clients.errors.required');
  if (!/^[A-Za-z]{2}$/.test(form.country.trim())) errors.country = t('clients.errors.required');
  const fiscal = errors.fiscalCode ? null : fiscalCodeError(t, form.country, form.fiscalCode, form.kind);
  if (fiscal) errors.fiscalCode = fiscal;
  for (const f of ['phone', 'workPhone'] as const) {
    if (!errors[f] && form[f].trim() && !normalizePhone(form[f], form.country).ok) errors[f] = t('clients.errors.phone');
  }
  if (!errors.email && form.email.trim() && !EMAIL.test(form.email.trim())) errors.email = t('clients.errors.email');
  return errors;
}

/** The server's field issues, on the fields they name, in the user's language where we know them. */
export function errorsFromIssues(t: TFunction, issues: readonly FieldIssue[], form: ClientForm): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = (issue.path.split('.').pop() ?? '') as ClientField;
    if (!(CLIENT_FIELDS as readonly string[]).includes(field)) continue;
    const m = issue.message;
    let text = m;
    if (field === 'fiscalCode') text = fiscalCodeError(t, form.country, form.fiscalCode, form.kind) ?? m;
    else if (/phone/.test(m)) text = t('clients.errors.phone');
    else if (/e-mail/.test(m)) text = t('clients.errors.email');
    else if (/control characters/.test(m)) text = t('clients.errors.control');
    else if (/too big|too long|at most/i.test(m)) text = t('clients.errors.tooLong');
    else if (/required|too small|at least/i.test(m)) text = t('clients.errors.required');
    errors[field] ??= text;
  }
  return errors;
}

export function fieldLabel(t: TFunction, f: ClientField): string {
  switch (f) {
    case 'kind':
      return t('clients.field.kind');
    case 'name':
      return t('clients.field.name');
    case 'fiscalCode':
      return t('clients.field.fiscalCode');
    case 'address':
      return t('clients.field.address');
    case 'locality':
      return t('clients.field.locality');
    case 'county':
      return t('clients.field.county');
    case 'country':
      return t('clients.field.country');
    case 'commercialZone':
      return t('clients.field.commercialZone');
    case 'phone':
      return t('clients.field.phone');
    case 'workPhone':
      return t('clients.field.workPhone');
    case 'email':
      return t('clients.field.email');
    case 'notes':
      return t('clients.field.notes');
  }
}
