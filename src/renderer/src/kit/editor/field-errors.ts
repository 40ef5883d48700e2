import type { TFunction } from 'i18next';
import type { CallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';

export type FieldErrors = Record<string, string>;

/**
 * The server's field messages in the user's language. Main answers in plain English (it also
 * serves scripts and logs); the messages the administration rules produce are known here and
 * translated, anything else is shown as the server said it rather than hidden.
 */
function serverIssueText(t: TFunction, message: string): string {
  let m: RegExpMatchArray | null;
  if (message === 'required' || message.startsWith('Too small')) return t('admin.errors.required');
  if ((m = /^Too big: expected string to have <=(\d+)/.exec(message))) return t('admin.errors.tooLong', { max: Number(m[1]) });
  if (message === 'contains control characters') return t('admin.errors.control');
  if (message === 'already used by another series of this type') return t('admin.series.errors.prefixTaken');
  if (message === 'letters, digits, and . / _ - only') return t('admin.series.errors.prefixChars');
  if (message === 'the end number is below the next number') return t('admin.series.errors.endBelowNext');
  if ((m = /^at least (\d+)$/.exec(message))) return t('admin.series.errors.nextBelow', { floor: Number(m[1]), last: Number(m[1]) - 1 });
  if ((m = /^overlaps the period (\S+) – (\S+)$/.exec(message))) return t('admin.periods.errors.overlap', { start: m[1] ?? '', end: m[2] ?? '' });
  if (message === 'the end is before the start') return t('admin.periods.errors.endBeforeStart');
  if (message === 'a date as yyyy-mm-dd' || message === 'not a real date') return t('admin.periods.errors.date');
  if (message === 'not a valid phone number') return t('admin.personnel.errors.phone');
  if (message === 'not a valid e-mail address') return t('admin.personnel.errors.email');
  if (message === 'another team has this name') return t('admin.personnel.errors.teamTaken');
  if (message === 'a deleted team had this name; choose another') return t('admin.personnel.errors.teamTakenDeleted');
  if (message === 'the leader must be one of the members') return t('admin.personnel.errors.leaderNotMember');
  if (message.endsWith(' is inactive')) return t('admin.personnel.errors.memberInactive');
  if (message === 'another user has this login') return t('admin.users.errors.loginTaken');
  if (message === 'a deleted user had this login; choose another') return t('admin.users.errors.loginTakenDeleted');
  if (message === 'letters, digits, and . _ @ - only') return t('admin.users.errors.loginChars');
  if (message.startsWith('already linked to the user')) return t('admin.users.errors.personLinked');
  if (message === 'the last active administrator') return t('admin.users.errors.lastAdmin');
  if (message === 'you would lock yourself out') return t('admin.users.errors.selfLockout');
  return message;
}

/** A failed save as field messages (by the input's paths) and one line for the whole form. */
export function errorsOf(t: TFunction, e: CallError): { fields: FieldErrors; form: string } {
  const fields: FieldErrors = {};
  for (const i of e.issues) if (i.path && !(i.path in fields)) fields[i.path] = serverIssueText(t, i.message);
  if (e.code === 'conflict') return { fields, form: t('admin.errors.conflict') };
  if (Object.keys(fields).length > 0) return { fields, form: t('admin.errors.fix') };
  if (e.message.includes('deactivate the person instead')) return { fields, form: t('admin.personnel.errors.referenced') };
  if (e.message.includes('deactivate it instead')) return { fields, form: t('admin.personnel.errors.teamReferenced') };
  if (e.message.includes('close it instead')) return { fields, form: t('admin.periods.errors.hasDocuments') };
  // Any other refusal that names no field carries its reason in the server's words.
  return { fields, form: e.code === 'validation' ? e.message : errorText(t, e.code) };
}
