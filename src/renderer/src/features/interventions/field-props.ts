import type { TFunction } from 'i18next';
import { MAX_LENGTH, fieldLabel, type FieldErrors, type FormField, type FormState } from './form-model';
import type { InterventionDetail } from '../../../../shared/api/interventions';

/** Changes one field of the form (and clears its message). */
export type SetField = <F extends FormField>(f: F, v: FormState[F]) => void;

/** What every block of the form's fields is given. */
export interface FieldProps {
  form: FormState;
  errors: FieldErrors;
  readOnly: boolean;
  set: SetField;
  /** The record as saved; null for a new one. */
  detail: InterventionDetail | null;
}

/** The form fields whose value is exactly T. */
type FieldsOf<T> = { [K in FormField]: [FormState[K]] extends [T] ? ([T] extends [FormState[K]] ? K : never) : never }[FormField];

/**
 * A field's label, value, change, message, read-only state and test id (ivf-field-<name>), for a
 * Select that picks one id: the same wiring for every such field.
 */
export function choiceProps(t: TFunction, p: FieldProps, f: FieldsOf<string | null>, name: string) {
  return { label: fieldLabel(t, f), value: p.form[f], onChange: (v: string | null) => p.set(f, v), error: p.errors[f], readOnly: p.readOnly, 'data-testid': `ivf-field-${name}` };
}

/** The same for a free-text field, with its length limit. */
export function textProps(p: FieldProps, f: FieldsOf<string> & keyof typeof MAX_LENGTH, name: string) {
  return {
    value: p.form[f],
    onChange: (e: { currentTarget: { value: string } }) => p.set(f, e.currentTarget.value),
    maxLength: MAX_LENGTH[f],
    error: p.errors[f],
    readOnly: p.readOnly,
    'data-testid': `ivf-field-${name}`,
  };
}
