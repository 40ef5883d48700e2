import type { TFunction } from 'i18next';
import { EXTRA_MESSAGES, normalizeValue } from '../../../../shared/domain/extra-fields';
import { computeStatus, type InterventionStatus } from '../../../../shared/domain/intervention';
import type { ExtraFieldDefinition, ExtraFieldValue } from '../../../../shared/api/request-types';
import type { InterventionDetail } from '../../../../shared/api/interventions';

/*
 * The form's side of extra fields, without React: labels, the status the save would produce,
 * comparison for dirty tracking, and the translation of main's field messages.
 */

export type ExtraFormValues = Record<string, ExtraFieldValue>;

/** The label in the user's language; English when the language is one we do not know. */
export function fieldLabelOf(field: Pick<ExtraFieldDefinition, 'labels'>, language: string): string {
  const labels = field.labels as Record<string, string | undefined>;
  return labels[language] ?? field.labels.en;
}

/**
 * The status a save of the form would give, as main computes it (planning fields of the form,
 * technicians' answers as stored: they are saved after the fields). The form shows each extra
 * field in the state it has in that status, so required/read-only/hidden match what main checks.
 */
export function prospectiveStatus(
  form: { plannedStart: number | null; plannedEnd: number | null; teamId: string | null; verifierId: string | null },
  detail: Pick<InterventionDetail, 'cancelledAt' | 'finalizedAt' | 'technicians'> | null,
): InterventionStatus {
  return computeStatus({
    cancelledAt: detail?.cancelledAt ?? null,
    finalizedAt: detail?.finalizedAt ?? null,
    plannedStart: form.plannedStart,
    plannedEnd: form.plannedEnd,
    teamId: form.teamId,
    verifierId: form.verifierId,
    technicianAnswers: detail?.technicians.map((x) => x.answer) ?? [],
  });
}

/** Same values, ignoring blank text vs. absent and surrounding spaces (as main stores them). */
export function sameExtra(a: Readonly<ExtraFormValues>, b: Readonly<ExtraFormValues>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (normalizeValue(a[k]) !== normalizeValue(b[k])) return false;
  return true;
}

/** Only the entries that differ from what was loaded: what the save sends (main merges it as a patch). */
export function extraPatch(form: Readonly<ExtraFormValues>, base: Readonly<ExtraFormValues>): ExtraFormValues {
  const patch: ExtraFormValues = {};
  for (const k of new Set([...Object.keys(form), ...Object.keys(base)])) {
    const v = normalizeValue(form[k]) as ExtraFieldValue;
    if (v !== normalizeValue(base[k])) patch[k] = v;
  }
  return patch;
}

/** Main's message for a field (shared/domain/extra-fields.ts EXTRA_MESSAGES) in the user's language. */
export function extraIssueText(t: TFunction, message: string): string {
  switch (message) {
    case EXTRA_MESSAGES.required:
      return t('extraFields.errors.required');
    case EXTRA_MESSAGES.readonly:
      return t('extraFields.errors.readonly');
    case EXTRA_MESSAGES.hidden:
      return t('extraFields.errors.hidden');
    case EXTRA_MESSAGES.unknown:
      return t('extraFields.errors.unknown');
    case EXTRA_MESSAGES.text:
      return t('extraFields.errors.text');
    case EXTRA_MESSAGES.tooLong:
      return t('extraFields.errors.tooLong');
    case EXTRA_MESSAGES.control:
      return t('extraFields.errors.control');
    case EXTRA_MESSAGES.number:
      return t('extraFields.errors.number');
    case EXTRA_MESSAGES.date:
      return t('extraFields.errors.date');
    case EXTRA_MESSAGES.notADay:
      return t('extraFields.errors.notADay');
    case EXTRA_MESSAGES.choice:
      return t('extraFields.errors.choice');
    case EXTRA_MESSAGES.checkbox:
      return t('extraFields.errors.checkbox');
    default:
      // A template issue names the template in English; the form says it in the user's words.
      return message.startsWith('attach the filled-in') ? t('extraFields.errors.template') : message;
  }
}

/** "Label: value; …" of the values of `fields`, for the conflict dialog. */
export function extraSummary(t: TFunction, values: Readonly<ExtraFormValues>, fields: readonly ExtraFieldDefinition[], language: string): string {
  return fields
    .filter((f) => normalizeValue(values[f.id]) !== null)
    .map((f) => {
      const v = values[f.id];
      const shown = typeof v === 'boolean' ? (v ? t('extraFields.yes') : t('extraFields.no')) : String(v);
      return `${fieldLabelOf(f, language)}: ${shown}`;
    })
    .join('; ');
}
