import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toCallError } from '../../api/errors';
import { errorsOf, type FieldErrors } from './field-errors';

interface Options<D, S> {
  /** The values the editor starts from (read once): what "unsaved" is measured against. */
  initial: () => D;
  /** The checks made before anything is sent, by field; an empty message means the field is fine. */
  validate: (d: D) => FieldErrors;
  /** Sends the draft; main's answer is what `onSaved` receives. */
  write: (d: D) => Promise<S>;
  onSaved: (saved: S) => void;
  /** Given when someone else may have saved first: the list is reloaded and the user told. */
  onConflict?: (() => void) | undefined;
  /** Called once the draft is valid; true holds the save back (the page asks first, then calls `save(true)`). */
  hold?: ((d: D) => boolean) | undefined;
  /** Main's field paths when they are not the draft's own keys. */
  fieldsOf?: ((fields: FieldErrors) => FieldErrors) | undefined;
  savedMessage?: string | undefined;
  savedAutoClose?: number | undefined;
}

/**
 * The state every administration editor has: a draft against its starting values, messages by
 * field, one line for the whole form, and the save that checks here first and then shows what
 * main refused (a conflict also reloads the list, so the user sees what was saved meanwhile).
 */
export function useRecordEditor<D extends object, S>(o: Options<D, S>) {
  const { t } = useTranslation();
  const [base, setBase] = useState<D>(o.initial);
  const [draft, setDraft] = useState<D>(base);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);

  /** Changes one value; its message goes away until the next save says otherwise. */
  const set = <K extends keyof D>(k: K, v: D[K]) => {
    setDraft((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  const clearErrors = (...keys: string[]) => setErrors((e) => ({ ...e, ...Object.fromEntries(keys.map((k) => [k, ''])) }));
  /** Starts again from `next` (stored values main sent back) or from the starting values. */
  const reset = (next: D = base) => {
    setBase(next);
    setDraft(next);
  };

  const save = async (confirmed = false) => {
    const e = o.validate(draft);
    setErrors(e);
    if (Object.values(e).some(Boolean)) {
      setFormError(t('admin.errors.fix'));
      return;
    }
    if (!confirmed && o.hold?.(draft)) return;
    setSaving(true);
    setFormError(null);
    try {
      const saved = await o.write(draft);
      notifications.show({ color: 'teal', message: o.savedMessage ?? t('admin.common.saved'), autoClose: o.savedAutoClose ?? 2000 });
      o.onSaved(saved);
    } catch (err) {
      const ce = toCallError(err);
      const r = errorsOf(t, ce);
      setErrors(o.fieldsOf ? o.fieldsOf(r.fields) : r.fields);
      setFormError(r.form);
      if (ce.code === 'conflict' && o.onConflict) {
        notifications.show({ color: 'orange', message: r.form, autoClose: 6000 });
        o.onConflict();
      }
    } finally {
      setSaving(false);
    }
  };

  /** Deletes after the user confirmed; a refusal (the record is in use) is the form's message. */
  const remove = async (call: () => Promise<unknown>, onDeleted: () => void) => {
    try {
      await call();
      notifications.show({ color: 'teal', message: t('admin.common.deleted'), autoClose: 2000 });
      onDeleted();
    } catch (err) {
      setFormError(errorsOf(t, toCallError(err)).form);
    }
  };

  return { draft, base, set, errors, clearErrors, formError, saving, dirty, save, remove, reset };
}

export type RecordEditor = Pick<ReturnType<typeof useRecordEditor>, 'dirty' | 'saving' | 'formError' | 'save'>;
