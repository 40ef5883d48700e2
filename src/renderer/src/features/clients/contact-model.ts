import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../../shared/api/result';
import { formatPhone, normalizePhone } from '../../../../shared/domain/phone';
import type { ContactRow, PreferredContact } from '../../../../shared/api/clients';

/*
 * A contact person as typed: shared by the client editor's contacts table and the intervention
 * form's "+ New contact", so both check and send it the same way.
 */

export type ContactForm = { name: string; jobFunction: string; role: string; phone: string; email: string; preferredContact: PreferredContact };
export type ContactErrors = Partial<Record<keyof ContactForm, string>>;

export const EMPTY_CONTACT: ContactForm = { name: '', jobFunction: '', role: '', phone: '', email: '', preferredContact: 'any' };

export const CONTACT_MAX = { name: 200, jobFunction: 100, role: 100, phone: 40, email: 254 } as const;

export function contactFormOf(c: ContactRow): ContactForm {
  return { name: c.name, jobFunction: c.jobFunction ?? '', role: c.role ?? '', phone: c.phone ? formatPhone(c.phone) : '', email: c.email ?? '', preferredContact: c.preferredContact };
}

/** The checks main makes, run first so the messages come at once and translated. The phone is read in the client's country. */
export function validateContact(t: TFunction, form: ContactForm, country: string): ContactErrors {
  const e: ContactErrors = {};
  if (!form.name.trim()) e.name = t('clients.errors.required');
  else if (form.name.trim().length > CONTACT_MAX.name) e.name = t('clients.errors.tooLong');
  for (const f of ['jobFunction', 'role'] as const) if (form[f].trim().length > CONTACT_MAX[f]) e[f] = t('clients.errors.tooLong');
  if (form.phone.trim() && !normalizePhone(form.phone, country).ok) e.phone = t('clients.errors.phone');
  if (form.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) e.email = t('clients.errors.email');
  return e;
}

/** What contacts.create / contacts.update take. */
export function contactValues(form: ContactForm) {
  return {
    name: form.name,
    jobFunction: form.jobFunction.trim() || null,
    role: form.role.trim() || null,
    phone: form.phone.trim() || null,
    email: form.email.trim() || null,
    preferredContact: form.preferredContact,
  };
}

/** Main's field issues on the fields they name, in the user's language where known. */
export function contactErrorsFromIssues(t: TFunction, issues: readonly FieldIssue[]): ContactErrors {
  const next: ContactErrors = {};
  for (const i of issues) {
    const f = i.path.split('.').pop() as keyof ContactForm;
    next[f] ??= /phone/.test(i.message)
      ? t('clients.errors.phone')
      : /e-mail/.test(i.message)
        ? t('clients.errors.email')
        : /control characters/.test(i.message)
          ? t('clients.errors.control')
          : /too big|too long|at most/i.test(i.message)
            ? t('clients.errors.tooLong')
            : /required|too small|at least/i.test(i.message)
              ? t('clients.errors.required')
              : i.message;
  }
  return next;
}
