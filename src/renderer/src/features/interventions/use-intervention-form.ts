import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isClosed } from '../../../../shared/domain/intervention';
import { useApi } from '../../api/context';
import { toCallError, type CallError } from '../../api/errors';
import { callErrorText } from '../../i18n/error-text';
import { gridFormat } from '../../kit/format';
import { mergeOverTheirs, resolveClashes, takeFlat, type DraftFields } from '../../kit/editor/use-versioned-editor';
import { readableValue, type LabelSources } from './conflict-labels';
import type { ReasonKind } from './dialogs';
import type { SetField } from './field-props';
import { focusIn, formKeyDown, useFirstFocus } from './form-keys';
import { formWindowUrl } from '../../kit/page-urls';
import {
  changedFields,
  createInput,
  emptyForm,
  errorsFromIssues,
  formOf,
  patchOf,
  sameIds,
  technicianIdsOf,
  validateForm,
  type FieldErrors,
  type FormField,
  type FormState,
} from './form-model';
import { useFormOptions } from './use-form-options';
import { useLanguageChanges } from '../../kit/use-language-change';
import type { ExtraFieldValue } from '../../../../shared/api/request-types';
import type { InterventionDetail } from '../../../../shared/api/interventions';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { InterventionPrefill } from '../../kit/slots';

/** A stale save: the fields both sides changed, each as a person reads it, and what to merge. */
interface FormConflict {
  fields: FormField[];
  mine: Partial<Record<FormField, string>>;
  theirs: Partial<Record<FormField, string>>;
  mineForm: FormState;
  fresh: InterventionDetail;
}

interface Options {
  /** The intervention to open, or null for a new one. */
  interventionId: string | null;
  lookups: InterventionLookups | null;
  /** The person of the logged-in user: "taken by" of a new intervention. */
  personId: string | null;
  /** Without the write right on interventions everything is read-only (main refuses it too). */
  canWrite: boolean;
  /** With the id shown when closing: a new intervention's once saved, null before. */
  onRequestClose: (dirty: boolean, shownId: string | null) => void;
  onDirtyChange: (dirty: boolean) => void;
  /** The form's root: first focus, focus after a quick-add, and where its keys count. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** A new intervention's facts known in advance (a caller): shown as changes to save. */
  prefill?: InterventionPrefill | undefined;
}

/**
 * The form's state and what it does with main: load, save (only the changed fields, then the
 * technicians), validate, finalize / cancel, the technician's answer, and a stale save merged
 * field by field. Also the keys that work anywhere on the form (Ctrl+S, Esc) and its first focus.
 */
/** How the form's drafts compare and merge (the stale-save merge of use-versioned-editor.ts). */
const FORM_DRAFT: DraftFields<FormState, FormField> = { changed: changedFields, take: takeFlat };

/** The same stored state: the row's version and each technician's (an answer changes only theirs). */
function sameState(a: InterventionDetail, b: InterventionDetail): boolean {
  const techs = (d: InterventionDetail) => d.technicians.map((x) => `${x.id}:${x.version}`).join(',');
  return a.version === b.version && techs(a) === techs(b);
}

/** A new intervention's fields known before the form opens: a caller's client, a calendar slot. */
function prefilledFields(p: InterventionPrefill): Partial<FormState> {
  return {
    ...(p.clientId !== undefined ? { clientId: p.clientId, contactPersonId: p.contactPersonId ?? null, source: 'phone' as const } : {}),
    ...(p.plannedStart !== undefined ? { plannedStart: p.plannedStart, plannedEnd: p.plannedEnd ?? null } : {}),
    ...(p.source !== undefined ? { source: p.source } : {}),
    ...(p.objectText ? { objectKind: 'text' as const, objectText: p.objectText.slice(0, 500) } : {}),
  };
}

export function useInterventionForm({ interventionId, lookups, personId, canWrite, onRequestClose, onDirtyChange, rootRef, prefill }: Options) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [id, setId] = useState(interventionId);
  const [detail, setDetail] = useState<InterventionDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [base, setBase] = useState<FormState>(() => emptyForm(personId));
  const [form, setForm] = useState<FormState>(() => ({ ...emptyForm(personId), ...(interventionId === null && prefill ? prefilledFields(prefill) : {}) }));
  /** The technicians chosen on the form; saved with the fields (interventions.update's technicianIds). */
  const [technicianIds, setTechnicianIds] = useState<string[]>(() => (interventionId === null ? (prefill?.technicianIds ?? []) : []));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState<ReasonKind | null>(null);
  const [conflict, setConflict] = useState<FormConflict | null>(null);
  /**
   * A newer version saved elsewhere while this form has unsaved edits: shown (status, answers,
   * thread) but not taken as the base, so the save still meets the stale version and merges
   * field by field, asking about the fields both changed.
   */
  const [newer, setNewer] = useState<InterventionDetail | null>(null);

  const isNew = id === null;
  // A finalized or cancelled intervention is history: shown, never changed.
  const readOnly = !canWrite || (detail ? isClosed(detail.status) : false);
  const techniciansChanged = !sameIds(technicianIds, technicianIdsOf(detail));
  const dirty = changedFields(form, base).length > 0 || techniciansChanged;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const show = (d: InterventionDetail) => {
    setDetail(d);
    setNewer(null);
    setBase(formOf(d));
    setForm(formOf(d));
    setTechnicianIds(technicianIdsOf(d));
    setErrors({});
    setFormError(null);
  };

  useEffect(() => {
    if (!interventionId) return;
    api.call('interventions.get', { id: interventionId }).then(show, (e: unknown) => setLoadError(toCallError(e).message));
  }, [api, interventionId]);

  // ---- live: a change made elsewhere (a technician's answer, another operator's save) ----
  const follow = useEffectEvent((fresh: InterventionDetail) => {
    const shown = newer ?? detail;
    // Our own save answers with this state and shows it; nothing new, nothing to do.
    if (busy || (shown && sameState(shown, fresh))) return;
    if (dirty || conflict) setNewer(fresh);
    else show(fresh);
  });
  useEffect(() => {
    if (!id) return;
    let latest = 0;
    const off = api.on('data.changed', ({ capability, ids }) => {
      if (capability !== 'interventions' || !ids.includes(id)) return;
      const asked = ++latest;
      api.call('interventions.get', { id }).then(
        // Only the answer to the last question: an earlier one may arrive after it, older.
        (fresh) => asked === latest && follow(fresh),
        // Deleted meanwhile, or the connection dropped: the next save says so.
        () => undefined,
      );
    });
    return () => {
      latest = -1;
      off();
    };
  }, [api, id]);

  // A language switch: the names main gives (the request type's path…) come again in the new
  // language; what is being typed is kept (only the stored state is read again).
  const languageChanges = useLanguageChanges();
  const relabel = useEffectEvent((fresh: InterventionDetail) => {
    if (detail && fresh.version === detail.version) setDetail(fresh);
    else follow(fresh);
  });
  useEffect(() => {
    if (!id || languageChanges === 0) return;
    api.call('interventions.get', { id }).then(relabel, () => undefined);
  }, [api, id, languageChanges]);

  const options = useFormOptions(api, form.clientId, form.objectKind);

  // Focus the first field once the form is there: once per record, not on every change of it.
  useFirstFocus(rootRef, isNew ? 'new' : (detail?.id ?? null));

  const { clientOptions, client, products, clientAssets, series } = options;
  const labels: LabelSources = { t, language: i18n.language, fmt: gridFormat(i18n.language), lookups, detail, clientOptions, client, products, clientAssets, series };

  const set: SetField = (f, v) => {
    setForm((x) => ({
      ...x,
      [f]: v,
      // Another client: its contact person and asset were the old client's.
      ...(f === 'clientId' && v !== x.clientId ? { contactPersonId: null, ...(x.objectKind === 'asset' ? { assetId: null, productId: null } : {}) } : {}),
    }));
    setErrors((x) => (x[f] ? { ...x, [f]: undefined } : x));
  };

  const setExtra = (fieldId: string, v: ExtraFieldValue) => {
    setForm((x) => ({ ...x, extra: { ...x.extra, [fieldId]: v } }));
    setErrors((x) => ({ ...x, [`extra.${fieldId}`]: undefined }));
  };

  const fail = (err: CallError) => {
    if (err.code === 'validation' && err.issues.length > 0) {
      const { fields, other } = errorsFromIssues(t, err.issues);
      setErrors(fields);
      setFormError(other.length ? other.join(' ') : t('interventionForm.errors.fix'));
    } else {
      setFormError(callErrorText(t, err));
    }
  };

  /** The form (or the given merge) saved; the saved record, or null when nothing could be saved. */
  async function save(opts: { form?: FormState; base?: FormState; version?: number } = {}): Promise<InterventionDetail | null> {
    if (busy || readOnly) return null;
    const f = opts.form ?? form;
    const b = opts.base ?? base;
    const local = validateForm(t, f);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setFormError(t('interventionForm.errors.fix'));
      return null;
    }
    const fields = changedFields(f, b);
    const techs = technicianIds;
    const techsChanged = !sameIds(techs, technicianIdsOf(detail));
    if (!isNew && fields.length === 0 && !techsChanged) return detail;
    setBusy(true);
    setFormError(null);
    try {
      // One save, one call: the fields, the extra values and the technicians together, all or nothing.
      const saved = isNew
        ? await api.call('interventions.create', { ...createInput(f), validate: false, ...(techs.length ? { technicianIds: techs } : {}) })
        : await api.call('interventions.update', { id, version: opts.version ?? detail?.version ?? 1, patch: patchOf(f, fields), ...(techsChanged ? { technicianIds: techs } : {}) });
      setId(saved.id);
      show(saved);
      notifications.show({ color: 'teal', message: t('interventionForm.saved'), autoClose: 2500 });
      return saved;
    } catch (e) {
      const err = toCallError(e);
      if (err.code === 'conflict' && id && err.issues.some((i) => i.path === 'version')) {
        const fresh = await api.call('interventions.get', { id });
        const theirs = formOf(fresh);
        const { merged, clashes: clashing } = mergeOverTheirs(FORM_DRAFT, f, b, theirs);
        if (clashing.length === 0) {
          // They changed other fields only: mine go over theirs, nothing of theirs is lost.
          setDetail(fresh);
          setBase(theirs);
          setForm(merged);
          setBusy(false);
          return save({ form: merged, base: theirs, version: fresh.version });
        }
        setConflict({
          fields: clashing,
          mine: Object.fromEntries(clashing.map((k) => [k, readableValue(labels, k, f, detail)])),
          theirs: Object.fromEntries(clashing.map((k) => [k, readableValue(labels, k, theirs, fresh)])),
          mineForm: f,
          fresh,
        });
      } else fail(err);
      return null;
    } finally {
      setBusy(false);
    }
  }

  /** The conflict dialog's answer: per clashing field, mine (true) or theirs; saved over the fresh version. */
  function resolveConflict(keepMine: Record<string, boolean>) {
    if (!conflict) return;
    const { mineForm, fresh } = conflict;
    const theirs = formOf(fresh);
    const merged = resolveClashes(FORM_DRAFT, mineForm, theirs, changedFields(mineForm, base), conflict.fields, keepMine);
    setConflict(null);
    setDetail(fresh);
    setBase(theirs);
    setForm(merged);
    void save({ form: merged, base: theirs, version: fresh.version });
  }

  async function validate() {
    const current = dirty || isNew ? await save() : detail;
    if (!current) return;
    setBusy(true);
    try {
      show(await api.call('interventions.validate', { id: current.id, version: current.version }));
      notifications.show({ color: 'teal', message: t('interventionForm.validated'), autoClose: 2500 });
    } catch (e) {
      fail(toCallError(e));
    } finally {
      setBusy(false);
    }
  }

  /** Null when done (the dialog closes), else the refusal, shown in the dialog over the kept text. */
  async function closeWith(kind: 'finalize' | 'cancel', text: string): Promise<string | null> {
    const current = dirty ? await save() : detail;
    if (!current) {
      setReason(null);
      return null;
    }
    try {
      if (kind === 'finalize') show(await api.call('interventions.finalize', { id: current.id, version: current.version, resolution: text }));
      else {
        show(await api.call('interventions.cancel', { id: current.id, version: current.version, reason: text }));
      }
      notifications.show({ color: 'teal', message: kind === 'finalize' ? t('interventionForm.finalized') : t('interventionForm.cancelled'), autoClose: 2500 });
    } catch (e) {
      return refusal(toCallError(e));
    }
    setReason(null);
    return null;
  }

  /** Shows a refusal on the form (field messages) and gives the sentence the dialog shows. */
  function refusal(err: CallError): string {
    fail(err);
    if (err.code === 'validation' && err.issues.length > 0) {
      const { fields, other } = errorsFromIssues(t, err.issues);
      return [...Object.values(fields), ...other].filter(Boolean).join(' ') || t('interventionForm.errors.fix');
    }
    return callErrorText(t, err);
  }

  /** The logged-in technician accepts, or rejects with a reason; main checks they are on it. */
  async function answer(kind: 'accepted' | 'rejected', text?: string): Promise<string | null> {
    if (!detail) return null;
    setBusy(true);
    try {
      const d = await api.call('interventions.answer', { id: detail.id, answer: kind, reason: text ?? null });
      // Unsaved edits stay on screen: they are saved over the new version, field by field.
      if (dirty) setDetail(d);
      else show(d);
      notifications.show({ color: kind === 'accepted' ? 'teal' : 'orange', message: kind === 'accepted' ? t('interventionForm.assigned.acceptedDone') : t('interventionForm.assigned.rejectedDone'), autoClose: 3000 });
      setReason(null);
      return null;
    } catch (e) {
      return refusal(toCallError(e));
    } finally {
      setBusy(false);
    }
  }

  /** The reason dialog's confirm: reject answers the assignment, finalize / cancel close the record. */
  const confirmReason = (text: string) => (reason === 'reject' ? answer('rejected', text) : reason ? closeWith(reason, text) : Promise.resolve(null));

  /** The same form in a window of its own; this one closes (after saving what was typed). */
  async function openInOwnWindow() {
    const current = dirty ? await save() : detail;
    if (!current) return;
    window.open(formWindowUrl(current.id), '_blank');
    onRequestClose(false, current.id);
  }

  const focusField = (testId: string) => focusIn(rootRef, testId);
  const onKeyDown = formKeyDown(rootRef, () => void save(), () => onRequestClose(dirty, id));

  return {
    // The record (its newest version, for what the form shows) and the form.
    id, detail: newer ?? detail, loadError, form, errors, formError, setFormError, busy, isNew, readOnly, dirty, technicianIds, setTechnicianIds,
    // Opened with the client known (a caller): the operator starts at the request type.
    // A caller's client given: the form starts at the request (the client is known).
    prefilled: prefill?.clientId !== undefined && interventionId === null,
    // The dialogs over it, the lists its fields offer, its root.
    reason, setReason, conflict, setConflict, options, labels, focusField, onKeyDown,
    // What it does.
    set, setExtra, save, validate, answer, confirmReason, resolveConflict, openInOwnWindow,
  };
}

export type InterventionFormState = ReturnType<typeof useInterventionForm>;
