import '@mantine/dates/styles.css';
import 'dayjs/locale/ca';
import 'dayjs/locale/pt-br';
import 'dayjs/locale/ro';
import './intervention-form.css';
import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Loader, Modal, MultiSelect, SegmentedControl, Select, Tabs, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { DatePickerInput, DatesProvider, DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBan, IconCheck, IconCircleCheck, IconDeviceFloppy, IconExternalLink, IconHash, IconPlus, IconUserQuestion, IconX } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '../../../../shared/api/client-schemas';
import type { ClientAsset, ProductOption, SeriesOption } from '../../../../shared/api/contract-form';
import type { InterventionDetail } from '../../../../shared/api/intervention-types';
import type { ClientRow, InterventionLookups } from '../../../../shared/api/types';
import { isClosed } from '../../../../shared/domain/intervention';
import { formatPhone } from '../../../../shared/domain/phone';
import { useApi } from '../../api/context';
import { toCallError, type CallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';
import { StatusBadge } from '../interventions/cells';
import { gridFormat } from '../interventions/format';
import { priorityLabel } from '../interventions/labels';
import { FieldConflictDialog } from '../../components/field-conflict-dialog';
import { QuickClientDialog, QuickContactDialog } from '../clients/quick-add';
import { DiscardDialog, ReasonDialog, type ReasonKind } from './dialogs';
import { formWindowUrl } from './form-window';
import {
  MAX_LENGTH,
  changedFields,
  createInput,
  emptyForm,
  errorsFromIssues,
  fieldLabel,
  formOf,
  patchOf,
  requestTypeOptions,
  sameIds,
  sameValue,
  teamTechnicians,
  technicianIdsOf,
  validateForm,
  type FieldErrors,
  type FormField,
  type FormState,
  type ObjectKind,
} from './form-model';
import { ExtraFieldsSection } from './extra-fields-section';
import { extraSummary } from './extra-fields-model';
import { HistoryTab, MessagesTab } from './side-tabs';

const DAYJS_LOCALE: Record<string, string> = { en: 'en', ro: 'ro', 'pt-BR': 'pt-br', ca: 'ca' };
/** A new client's country before anything says otherwise: where the UI's language is spoken. */
const HOME_COUNTRY: Record<string, string> = { en: 'RO', ro: 'RO', 'pt-BR': 'BR', ca: 'ES' };
/** How each UI language writes a day (dayjs tokens). */
const DAY_FORMAT: Record<string, string> = { en: 'MM/DD/YYYY', ro: 'DD.MM.YYYY', 'pt-BR': 'DD/MM/YYYY', ca: 'DD/MM/YYYY' };

interface Props {
  /** The intervention to open, or null for a new one. */
  interventionId: string | null;
  lookups: InterventionLookups | null;
  /** The person of the logged-in user: "taken by" of a new intervention. */
  personId: string | null;
  onClose: () => void;
  /** modal: over the grid; page: the whole window (opened with ?intervention=<id>). */
  variant?: 'modal' | 'page';
}

/** A stale save: the fields both sides changed, each as a person reads it. */
interface FormConflict {
  fields: FormField[];
  mine: Partial<Record<FormField, string>>;
  theirs: Partial<Record<FormField, string>>;
}

/** The intervention form over the grid: one record, its thread and its history. */
export function InterventionForm({ interventionId, lookups, personId, onClose, variant = 'modal' }: Props) {
  const { t } = useTranslation();
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  // The body passes its own dirty flag: the copy here may be a render behind a fast keystroke.
  const requestClose = (bodyDirty?: boolean) => ((bodyDirty ?? dirty) ? setAsking(true) : onClose());
  /** Set once the user chose to throw the changes away: the page may then close without asking again. */
  const discarded = useRef(false);
  const discard = (
    <DiscardDialog
      opened={asking}
      onStay={() => setAsking(false)}
      onDiscard={() => {
        discarded.current = true;
        setAsking(false);
        onClose();
      }}
    />
  );
  // A form window closed by the browser or the system with unsaved changes: the browser asks first.
  useEffect(() => {
    if (variant !== 'page' || !dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      if (!discarded.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [variant, dirty]);
  if (variant === 'page') {
    return (
      <div className="ivf-page">
        <FormBody interventionId={interventionId} lookups={lookups} personId={personId} onRequestClose={requestClose} onDirtyChange={setDirty} variant="page" />
        {discard}
      </div>
    );
  }
  return (
    <Modal
      opened
      onClose={() => requestClose()}
      closeOnEscape={false}
      size="min(1180px, 96vw)"
      padding={0}
      withCloseButton={false}
      centered
      classNames={{ body: 'ivf-modal-body' }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <FormBody interventionId={interventionId} lookups={lookups} personId={personId} onRequestClose={requestClose} onDirtyChange={setDirty} variant="modal" />
      {discard}
    </Modal>
  );
}

function FormBody({
  interventionId,
  lookups,
  personId,
  onRequestClose,
  onDirtyChange,
  variant,
}: Omit<Props, 'onClose'> & { onRequestClose: (dirty: boolean) => void; onDirtyChange: (d: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const fmt = gridFormat(i18n.language);
  const [id, setId] = useState(interventionId);
  const [detail, setDetail] = useState<InterventionDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [base, setBase] = useState<FormState>(() => emptyForm(personId));
  const [form, setForm] = useState<FormState>(() => emptyForm(personId));
  /** The technicians chosen on the form; saved apart (interventions.assignTechnicians) after the fields. */
  const [technicianIds, setTechnicianIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<string | null>('details');
  const [reason, setReason] = useState<ReasonKind | null>(null);
  const [conflict, setConflict] = useState<(FormConflict & { mineForm: FormState; fresh: InterventionDetail }) | null>(null);
  const [clientOptions, setClientOptions] = useState<ClientRow[]>([]);
  const [clientSearch, setClientSearch] = useState('');
  const [clientLoaded, setClient] = useState<ClientDetail | null>(null);
  const [quickClient, setQuickClient] = useState(false);
  const [quickContact, setQuickContact] = useState(false);
  const [series, setSeries] = useState<SeriesOption[]>([]);
  const [assets, setAssets] = useState<{ clientId: string; list: ClientAsset[] } | null>(null);
  const [products, setProducts] = useState<ProductOption[]>([]);
  const [productSearch, setProductSearch] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);

  const client = form.clientId && clientLoaded?.client.id === form.clientId ? clientLoaded : null;
  const isNew = id === null;
  const closed = detail ? isClosed(detail.status) : false;
  const readOnly = closed;
  const changed = changedFields(form, base);
  const techniciansChanged = !sameIds(technicianIds, technicianIdsOf(detail));
  const dirty = changed.length > 0 || techniciansChanged;
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const show = (d: InterventionDetail) => {
    setDetail(d);
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

  // Search as you type over the clients (name, fiscal code, phone).
  useEffect(() => {
    const timer = setTimeout(() => {
      api.call('clients.list', { query: clientSearch.trim() || undefined, limit: 30 }).then(setClientOptions, () => setClientOptions([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [api, clientSearch]);

  // The chosen client's panel and contact persons.
  useEffect(() => {
    if (!form.clientId) return;
    let live = true;
    api.call('clients.get', { id: form.clientId }).then(
      (c) => live && setClient(c),
      () => live && setClient(null),
    );
    return () => {
      live = false;
    };
  }, [api, form.clientId]);

  // The series an operator may validate into: a choice only when there is more than one.
  useEffect(() => {
    api.call('interventions.series', {}).then(setSeries, () => setSeries([]));
  }, [api]);

  // The chosen client's assets, for an object that is one of them.
  useEffect(() => {
    if (!form.clientId) return;
    let live = true;
    const clientId = form.clientId;
    api.call('clients.assets', { clientId }).then(
      (list) => live && setAssets({ clientId, list }),
      () => live && setAssets({ clientId, list: [] }),
    );
    return () => {
      live = false;
    };
  }, [api, form.clientId]);

  // Catalogue products, searched as the operator types (only while the object is a product).
  const wantsProducts = form.objectKind === 'product';
  useEffect(() => {
    if (!wantsProducts) return;
    const timer = setTimeout(() => {
      api.call('catalogue.products.search', { query: productSearch.trim() || null, limit: 30 }).then(setProducts, () => setProducts([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [api, productSearch, wantsProducts]);

  // Focus the first field once the form is there: once per record, not on every change of it.
  const focusKey = isNew ? 'new' : (detail?.id ?? null);
  useEffect(() => {
    // A new record: typing starts in the client search. An opened one: the form itself, so the
    // keys work (Ctrl+S, Esc, Tab into the fields) without a client list popping open over it.
    if (focusKey === 'new') rootRef.current?.querySelector<HTMLInputElement>('[data-testid="ivf-field-client"]')?.focus();
    else if (focusKey) rootRef.current?.focus({ preventScroll: true });
  }, [focusKey]);

  const set = <F extends FormField>(f: F, v: FormState[F]) => {
    setForm((x) => ({
      ...x,
      [f]: v,
      // Another client: its contact person and asset were the old client's.
      ...(f === 'clientId' && v !== x.clientId ? { contactPersonId: null, ...(x.objectKind === 'asset' ? { assetId: null, productId: null } : {}) } : {}),
    }));
    setErrors((x) => (x[f] ? { ...x, [f]: undefined } : x));
  };

  const fail = (err: CallError) => {
    if (err.code === 'validation' && err.issues.length > 0) {
      const { fields, other } = errorsFromIssues(t, err.issues);
      setErrors(fields);
      setFormError(other.length ? other.join(' ') : t('interventionForm.errors.fix'));
    } else {
      setFormError(`${errorText(t, err.code)} ${err.message}`);
    }
  };

  // ---- the names a person reads, for the conflict dialog ----
  const personName = (pid: string | null) => lookups?.personnel.find((p) => p.id === pid)?.name ?? pid ?? '';
  const typeOptions = requestTypeOptions(lookups);
  const objectKindLabel = (k: ObjectKind) =>
    k === 'product' ? t('interventionForm.objectKinds.product') : k === 'asset' ? t('interventionForm.objectKinds.asset') : t('interventionForm.objectKinds.text');
  const productLabel = (pid: string | null, d: InterventionDetail | null) => {
    if (!pid) return '';
    const p = products.find((x) => x.id === pid);
    return p ? `${p.name} · ${p.code}` : pid === d?.productId ? (d.productName ?? '') : pid;
  };
  const assetOf = (aid: string | null) => (aid && assets?.clientId === form.clientId ? assets.list.find((x) => x.id === aid) : undefined);
  const assetLabel = (aid: string | null, d: InterventionDetail | null) => {
    if (!aid) return '';
    const a = assetOf(aid);
    if (a) return [a.productName, a.serial && `SN ${a.serial}`, a.lot && `${t('interventionForm.lot')} ${a.lot}`].filter(Boolean).join(' · ');
    return aid === d?.assetId ? [d.productName, d.serialLot].filter(Boolean).join(' · ') : aid;
  };
  const readable = (f: FormField, s: FormState, d: InterventionDetail | null): string => {
    switch (f) {
      case 'clientId':
        return s.clientId === d?.clientId ? d.clientName : (clientOptions.find((c) => c.id === s.clientId)?.name ?? client?.client.name ?? '');
      case 'contactPersonId':
        return client?.contacts.find((c) => c.id === s.contactPersonId)?.name ?? (s.contactPersonId === d?.contactPersonId ? (d.contactPersonName ?? '') : '');
      case 'requestTypeId':
        return typeOptions.find((o) => o.value === s.requestTypeId)?.label ?? (s.requestTypeId === d?.requestTypeId ? d.requestTypePath.join(' › ') : '');
      case 'verifierId':
      case 'takenById':
        return personName(s[f]);
      case 'teamId':
        return lookups?.teams.find((x) => x.id === s.teamId)?.name ?? (s.teamId === d?.teamId ? (d.teamName ?? '') : (s.teamId ?? ''));
      case 'priority':
        return priorityLabel(t, s.priority);
      case 'plannedStart':
      case 'plannedEnd':
        return s[f] === null ? '' : fmt.dateTime(s[f]);
      case 'confirmed':
        return s.confirmed ? t('grid.yes') : t('interventionForm.no');
      case 'docDate':
        return fmt.date(s.docDate);
      case 'objectKind':
        return objectKindLabel(s.objectKind);
      case 'productId':
        return productLabel(s.productId, d);
      case 'assetId':
        return assetLabel(s.assetId, d);
      case 'seriesId':
        return series.find((x) => x.id === s.seriesId)?.prefix ?? (s.seriesId === d?.seriesId ? (d.seriesPrefix ?? '') : (s.seriesId ?? ''));
      case 'extra':
        return extraSummary(t, s.extra, d?.extraFields ?? detail?.extraFields ?? [], i18n.language);
      default:
        return s[f];
    }
  };

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
    if (!isNew && fields.length === 0 && sameIds(techs, technicianIdsOf(detail))) return detail;
    setBusy(true);
    setFormError(null);
    try {
      let saved = isNew
        ? await api.call('interventions.create', { ...createInput(f), source: 'phone', validate: false })
        : fields.length === 0 && detail
          ? detail
          : await api.call('interventions.update', { id, version: opts.version ?? detail?.version ?? 1, patch: patchOf(f, fields) });
      setId(saved.id);
      show(saved);
      if (!sameIds(techs, technicianIdsOf(saved))) {
        // The fields are saved: keep the choice on screen (still unsaved) should the assignment fail.
        setTechnicianIds(techs);
        try {
          saved = await api.call('interventions.assignTechnicians', { id: saved.id, personIds: techs });
          show(saved);
        } catch (e) {
          fail(toCallError(e));
          return saved;
        }
      }
      notifications.show({ color: 'teal', message: t('interventionForm.saved'), autoClose: 2500 });
      return saved;
    } catch (e) {
      const err = toCallError(e);
      if (err.code === 'conflict' && id && err.issues.some((i) => i.path === 'version')) {
        const fresh = await api.call('interventions.get', { id });
        const theirs = formOf(fresh);
        const clashing = fields.filter((k) => !sameValue(theirs[k], f[k]) && !sameValue(theirs[k], b[k]));
        if (clashing.length === 0) {
          // They changed other fields only: mine go over theirs, nothing of theirs is lost.
          const merged = { ...theirs };
          for (const k of fields) (merged as Record<string, unknown>)[k] = f[k];
          setDetail(fresh);
          setBase(theirs);
          setForm(merged);
          setBusy(false);
          return save({ form: merged, base: theirs, version: fresh.version });
        }
        setConflict({
          fields: clashing,
          mine: Object.fromEntries(clashing.map((k) => [k, readable(k, f, detail)])),
          theirs: Object.fromEntries(clashing.map((k) => [k, readable(k, theirs, fresh)])),
          mineForm: f,
          fresh,
        });
      } else fail(err);
      return null;
    } finally {
      setBusy(false);
    }
  }

  function resolveConflict(keepMine: Record<string, boolean>) {
    if (!conflict) return;
    const { mineForm, fresh } = conflict;
    const theirs = formOf(fresh);
    const merged = { ...theirs };
    for (const k of changedFields(mineForm, base)) if (!conflict.fields.includes(k) || keepMine[k]) (merged as Record<string, unknown>)[k] = mineForm[k];
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
        await api.call('interventions.cancel', { id: current.id, version: current.version, reason: text });
        show(await api.call('interventions.get', { id: current.id }));
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
    return `${errorText(t, err.code)} ${err.message}`;
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

  /** The same form in a window of its own; this one closes (after saving what was typed). */
  async function openInOwnWindow() {
    const current = dirty ? await save() : detail;
    if (!current) return;
    window.open(formWindowUrl(current.id), '_blank');
    onRequestClose(false);
  }

  const focusField = (testId: string) =>
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus());

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a dialog over the form (portaled, yet bubbling here through React) are the dialog's.
    if (!rootRef.current?.contains(e.target as Node)) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      e.stopPropagation();
      void save();
    } else if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
      e.preventDefault();
      e.stopPropagation();
      onRequestClose(dirty);
    }
  };

  if (!isNew && !detail) {
    return (
      <div className="ivf-loading" data-testid="ivf-form" data-loading="true">
        {loadError ? (
          <Alert color="red" icon={<IconAlertTriangle size={16} />}>
            {loadError}
          </Alert>
        ) : (
          <Loader size="sm" />
        )}
        <Button variant="default" size="xs" onClick={() => onRequestClose(dirty)} data-testid="ivf-close">
          {t('common.close')}
        </Button>
      </div>
    );
  }

  const status = detail?.status ?? 'taken';
  const people = lookups?.personnel ?? [];
  const withCurrent = (list: { value: string; label: string }[], value: string | null, label: string | null) =>
    value && !list.some((o) => o.value === value) ? [{ value, label: label ?? value }, ...list] : list;
  const clientData = withCurrent(
    clientOptions.map((c) => ({ value: c.id, label: c.fiscalCode ? `${c.name} · ${c.fiscalCode}` : c.name })),
    form.clientId,
    client?.client.name ?? (form.clientId === detail?.clientId ? detail.clientName : null),
  );
  const contactData = withCurrent(
    (client?.contacts ?? []).map((c) => ({ value: c.id, label: c.jobFunction ? `${c.name} (${c.jobFunction})` : c.name })),
    form.contactPersonId,
    detail?.contactPersonName ?? null,
  );
  const typeData = withCurrent(typeOptions, form.requestTypeId, detail ? detail.requestTypePath.join(' › ') : null);
  const verifierData = withCurrent(
    people.filter((p) => p.verifier).map((p) => ({ value: p.id, label: p.name })),
    form.verifierId,
    detail?.verifierName ?? null,
  );
  const operatorData = withCurrent(
    people.filter((p) => p.operator).map((p) => ({ value: p.id, label: p.name })),
    form.takenById,
    detail?.takenByName ?? personName(form.takenById),
  );
  const teamData = withCurrent(
    (lookups?.teams ?? []).map((x) => ({ value: x.id, label: x.name })),
    form.teamId,
    detail?.teamName ?? null,
  );
  const technicianData = [
    ...people.filter((p) => p.technician).map((p) => ({ value: p.id, label: p.name })),
    ...(detail?.technicians ?? []).filter((x) => !people.some((p) => p.id === x.personId && p.technician)).map((x) => ({ value: x.personId, label: x.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  const answerText = (x: InterventionDetail['technicians'][number]) =>
    x.answer === 'accepted'
      ? t('interventionForm.answers.accepted')
      : x.answer === 'pending'
        ? t('interventionForm.answers.pending')
        : x.reason
          ? t('interventionForm.answers.rejectedWithReason', { reason: x.reason })
          : t('interventionForm.answers.rejected');
  const ANSWER_COLOR = { pending: 'gray', accepted: 'teal', rejected: 'red' } as const;
  const priorityData = ([1, 2, 3] as const).map((p) => ({ value: String(p), label: priorityLabel(t, p) }));
  const dt = (ms: number | null) => (ms === null ? null : dayjs(ms).format('YYYY-MM-DD HH:mm:ss'));
  const fromDt = (v: string | null) => (v ? dayjs(v).valueOf() : null);
  const c = client?.client;
  /** The logged-in user's own assignment on this intervention, if they are one of its technicians. */
  const mine = personId ? detail?.technicians.find((x) => x.personId === personId) : undefined;
  const plannedText = detail?.plannedStart ? [fmt.dateTime(detail.plannedStart), detail.plannedEnd ? fmt.dateTime(detail.plannedEnd) : null].filter(Boolean).join(' – ') : null;
  const clientAssets = assets && assets.clientId === form.clientId ? assets.list : [];
  const productData = withCurrent(
    products.map((p) => ({ value: p.id, label: `${p.name} · ${p.code}` })),
    form.productId,
    form.productId === detail?.productId ? (detail?.productName ?? null) : null,
  );
  const assetData = withCurrent(
    clientAssets.map((a) => ({ value: a.id, label: assetLabel(a.id, detail) })),
    form.assetId,
    form.assetId === detail?.assetId ? assetLabel(form.assetId, detail) : null,
  );
  const chosenAsset = assetOf(form.assetId);
  const serialLot = chosenAsset ? [chosenAsset.serial, chosenAsset.lot].filter(Boolean).join(' / ') : form.assetId === detail?.assetId ? (detail?.serialLot ?? '') : '';
  const seriesData = withCurrent(
    series.map((x) => ({ value: x.id, label: t('interventionForm.seriesOption', { prefix: x.prefix, next: x.nextNumber }) })),
    form.seriesId,
    detail?.seriesPrefix ?? null,
  );
  const chooseSeries = !detail?.valid && !readOnly && series.length > 1;
  const dayFormat = DAY_FORMAT[i18n.language] ?? 'YYYY-MM-DD';

  return (
    <DatesProvider settings={{ locale: DAYJS_LOCALE[i18n.language] ?? 'en', firstDayOfWeek: i18n.language === 'en' || i18n.language === 'pt-BR' ? 0 : 1 }}>
      <div ref={rootRef} className="ivf-root" onKeyDown={onKeyDown} tabIndex={-1} data-autofocus={isNew ? undefined : true} data-testid="ivf-form" data-id={id ?? ''} data-dirty={dirty ? 'true' : 'false'} data-status={status}>
        <div className="ivf-header">
          <Group gap="sm" wrap="nowrap">
            <Text fw={700} size="lg">
              {isNew ? t('interventionForm.titleNew') : t('interventionForm.title')}
            </Text>
            <Text size="sm" c={detail?.fullNumber ? undefined : 'dimmed'} ff="monospace" data-testid="ivf-number">
              {detail?.fullNumber ?? t('interventionForm.noNumber')}
            </Text>
            <span data-testid="ivf-status" data-status={status}>
              <StatusBadge status={status} t={t} />
            </span>
            {dirty && (
              <Text size="xs" c="orange.8" data-testid="ivf-dirty">
                {t('interventionForm.unsaved')}
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="nowrap">
            {!readOnly && (
              <Tooltip label={t('interventionForm.saveHint')}>
                <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} loading={busy} onClick={() => void save()} data-testid="ivf-save">
                  {t('interventionForm.save')}
                </Button>
              </Tooltip>
            )}
            {!readOnly && !detail?.valid && (
              <Button size="xs" variant="light" leftSection={<IconHash size={14} />} disabled={busy} onClick={() => void validate()} data-testid="ivf-validate">
                {t('interventionForm.validate')}
              </Button>
            )}
            {!readOnly && !isNew && (
              <Button size="xs" variant="light" color="teal" leftSection={<IconCircleCheck size={14} />} disabled={busy} onClick={() => setReason('finalize')} data-testid="ivf-finalize">
                {t('interventionForm.finalize')}
              </Button>
            )}
            {!readOnly && !isNew && (
              <Button size="xs" variant="light" color="orange" leftSection={<IconBan size={14} />} disabled={busy} onClick={() => setReason('cancel')} data-testid="ivf-cancel">
                {t('interventionForm.cancelIntervention')}
              </Button>
            )}
            {variant === 'modal' && !isNew && (
              <Tooltip label={t('interventionForm.openWindow')}>
                <ActionIcon size={30} variant="default" disabled={busy} onClick={() => void openInOwnWindow()} aria-label={t('interventionForm.openWindow')} data-testid="ivf-open-window">
                  <IconExternalLink size={15} />
                </ActionIcon>
              </Tooltip>
            )}
            <Button size="xs" variant="default" onClick={() => onRequestClose(dirty)} data-testid="ivf-close">
              {t('common.close')}
            </Button>
          </Group>
        </div>
        {mine && mine.answer === 'pending' && !readOnly && (
          <Alert color="blue" variant="light" p={8} className="ivf-banner" icon={<IconUserQuestion size={18} />} data-testid="ivf-assigned">
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <div>
                <Text size="sm" fw={600}>
                  {t('interventionForm.assigned.title')}
                </Text>
                <Text size="xs" c="dimmed">
                  {plannedText ? t('interventionForm.assigned.bodyPlanned', { when: plannedText }) : t('interventionForm.assigned.body')}
                </Text>
              </div>
              <Group gap={6} wrap="nowrap">
                <Button size="xs" color="teal" leftSection={<IconCheck size={14} />} loading={busy} onClick={() => void answer('accepted')} data-testid="ivf-accept">
                  {t('interventionForm.assigned.accept')}
                </Button>
                <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} disabled={busy} onClick={() => setReason('reject')} data-testid="ivf-reject">
                  {t('interventionForm.assigned.reject')}
                </Button>
              </Group>
            </Group>
          </Alert>
        )}
        {readOnly && detail && (
          <Alert color="gray" variant="light" p={8} className="ivf-banner" data-testid="ivf-readonly">
            <Text size="xs">
              {detail.status === 'finalized'
                ? t('interventionForm.readOnlyFinalized', { resolution: detail.resolution ?? '' })
                : t('interventionForm.readOnlyCancelled', { reason: detail.cancelReason ?? '' })}
            </Text>
          </Alert>
        )}
        {formError && (
          <Alert color="red" variant="light" p={8} className="ivf-banner" icon={<IconAlertTriangle size={16} />} data-testid="ivf-error" withCloseButton onClose={() => setFormError(null)}>
            <Text size="sm">{formError}</Text>
          </Alert>
        )}
        <Tabs value={tab} onChange={setTab} keepMounted={false} className="ivf-tabs">
          <Tabs.List>
            <Tabs.Tab value="details" data-testid="ivf-tab-details">
              {t('interventionForm.tabs.details')}
            </Tabs.Tab>
            <Tabs.Tab value="messages" disabled={isNew} data-testid="ivf-tab-messages">
              {t('interventionForm.tabs.messages')}
            </Tabs.Tab>
            <Tabs.Tab value="history" disabled={isNew} data-testid="ivf-tab-history">
              {t('interventionForm.tabs.history')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">
            <div className="ivf-details">
              <div className="ivf-fields">
                <div className="ivf-span2 ivf-with-add">
                <Select
                  className="ivf-grow"
                  label={t('interventionForm.fields.client')}
                  placeholder={t('interventionForm.clientPlaceholder')}
                  data={clientData}
                  value={form.clientId}
                  onChange={(v) => set('clientId', v)}
                  searchable
                  searchValue={clientSearch}
                  onSearchChange={setClientSearch}
                  filter={({ options }) => options}
                  nothingFoundMessage={clientSearch.trim() ? t('interventionForm.noClientsAdd') : t('interventionForm.noClients')}
                  onKeyDown={(e) => {
                    // Enter on a search that found nobody: add the client being typed.
                    if (e.key === 'Enter' && !readOnly && clientSearch.trim() && clientOptions.length === 0) {
                      e.preventDefault();
                      setQuickClient(true);
                    }
                  }}
                  error={errors.clientId}
                  readOnly={readOnly}
                  withAsterisk
                  // A new record starts here (the modal's focus trap honours it); an opened one starts on the form itself.
                  data-autofocus={isNew || undefined}
                  data-testid="ivf-field-client"
                />
                {!readOnly && (
                  <Tooltip label={t('interventionForm.newClientHint')}>
                    <Button className="ivf-add" variant="default" leftSection={<IconPlus size={14} />} tabIndex={-1} onClick={() => setQuickClient(true)} data-testid="ivf-new-client">
                      {t('interventionForm.newClient')}
                    </Button>
                  </Tooltip>
                )}
                </div>
                <div className="ivf-with-add">
                <Select
                  label={t('interventionForm.fields.contactPerson')}
                  data={contactData}
                  value={form.contactPersonId}
                  onChange={(v) => set('contactPersonId', v)}
                  clearable
                  searchable
                  nothingFoundMessage={t('interventionForm.noContacts')}
                  error={errors.contactPersonId}
                  readOnly={readOnly}
                  className="ivf-grow"
                  data-testid="ivf-field-contactPerson"
                />
                {!readOnly && (
                  <Tooltip label={client ? t('interventionForm.newContactHint') : t('interventionForm.chooseClientFirst')}>
                    <ActionIcon
                      className="ivf-add"
                      size={36}
                      variant="default"
                      tabIndex={-1}
                      disabled={!client}
                      onClick={() => setQuickContact(true)}
                      aria-label={t('interventionForm.newContact')}
                      data-testid="ivf-new-contact"
                    >
                      <IconPlus size={16} />
                    </ActionIcon>
                  </Tooltip>
                )}
                </div>
                <Select
                  label={t('interventionForm.fields.requestType')}
                  data={typeData}
                  value={form.requestTypeId}
                  onChange={(v) => set('requestTypeId', v)}
                  clearable
                  searchable
                  error={errors.requestTypeId}
                  readOnly={readOnly}
                  data-testid="ivf-field-requestType"
                />
                <Select
                  label={t('interventionForm.fields.priority')}
                  data={priorityData}
                  value={String(form.priority)}
                  onChange={(v) => v && set('priority', Number(v) as 1 | 2 | 3)}
                  allowDeselect={false}
                  error={errors.priority}
                  readOnly={readOnly}
                  data-testid="ivf-field-priority"
                />
                <ExtraFieldsSection
                  requestTypeId={form.requestTypeId}
                  detail={detail}
                  facts={form}
                  values={form.extra}
                  errors={errors}
                  readOnly={readOnly}
                  onChange={(fid, v) => {
                    setForm((x) => ({ ...x, extra: { ...x.extra, [fid]: v } }));
                    setErrors((x) => ({ ...x, [`extra.${fid}`]: undefined }));
                  }}
                />
                <div>
                  <Text component="div" size="sm" fw={500} mb={2}>
                    {t('interventionForm.fields.object')}
                  </Text>
                  <SegmentedControl
                    fullWidth
                    value={form.objectKind}
                    onChange={(v) => set('objectKind', v)}
                    readOnly={readOnly}
                    data={(['text', 'product', 'asset'] as const).map((k) => ({ value: k, label: objectKindLabel(k) }))}
                    data-testid="ivf-field-objectKind"
                  />
                </div>
                <div className="ivf-span2 ivf-object" data-testid="ivf-object">
                  {form.objectKind === 'product' && (
                    <Select
                      label={t('interventionForm.fields.product')}
                      placeholder={t('interventionForm.productPlaceholder')}
                      data={productData}
                      value={form.productId}
                      onChange={(v) => set('productId', v)}
                      searchable
                      searchValue={productSearch}
                      onSearchChange={setProductSearch}
                      filter={({ options }) => options}
                      nothingFoundMessage={t('interventionForm.noProducts')}
                      clearable
                      withAsterisk
                      error={errors.productId}
                      readOnly={readOnly}
                      data-testid="ivf-field-product"
                    />
                  )}
                  {form.objectKind === 'asset' && (
                    <Select
                      label={t('interventionForm.fields.asset')}
                      placeholder={!form.clientId ? t('interventionForm.chooseClientFirst') : clientAssets.length === 0 ? t('interventionForm.noAssets') : undefined}
                      data={assetData}
                      value={form.assetId}
                      onChange={(v) => set('assetId', v)}
                      searchable
                      clearable
                      withAsterisk
                      disabled={!form.clientId}
                      description={serialLot ? t('interventionForm.serialLot', { value: serialLot }) : undefined}
                      // Serial / lot under the box, so the box lines up with the details beside it.
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      error={errors.assetId}
                      readOnly={readOnly}
                      data-testid="ivf-field-asset"
                    />
                  )}
                  <TextInput
                    label={form.objectKind === 'text' ? t('interventionForm.objectDescription') : t('interventionForm.objectDetails')}
                    placeholder={form.objectKind === 'text' ? t('interventionForm.objectPlaceholder') : undefined}
                    value={form.objectText}
                    onChange={(e) => set('objectText', e.currentTarget.value)}
                    maxLength={MAX_LENGTH.objectText}
                    error={errors.objectText}
                    readOnly={readOnly}
                    data-testid="ivf-field-object"
                  />
                </div>
                <Select
                  label={t('interventionForm.fields.verifier')}
                  data={verifierData}
                  value={form.verifierId}
                  onChange={(v) => set('verifierId', v)}
                  clearable
                  searchable
                  error={errors.verifierId}
                  readOnly={readOnly}
                  data-testid="ivf-field-verifier"
                />
                <Select
                  label={t('interventionForm.fields.takenBy')}
                  data={operatorData}
                  value={form.takenById}
                  onChange={(v) => set('takenById', v)}
                  clearable
                  searchable
                  error={errors.takenById}
                  readOnly={readOnly}
                  data-testid="ivf-field-takenBy"
                />
                <Select
                  label={t('interventionForm.fields.team')}
                  data={teamData}
                  value={form.teamId}
                  onChange={(v) => {
                    set('teamId', v);
                    if (v && technicianIds.length === 0) setTechnicianIds(teamTechnicians(lookups, v));
                  }}
                  clearable
                  searchable
                  error={errors.teamId}
                  readOnly={readOnly}
                  data-testid="ivf-field-team"
                />
                <div>
                  <MultiSelect
                    label={t('interventionForm.fields.technicians')}
                    placeholder={technicianIds.length === 0 ? t('interventionForm.noTechnicians') : undefined}
                    data={technicianData}
                    value={technicianIds}
                    onChange={setTechnicianIds}
                    searchable
                    clearable
                    readOnly={readOnly}
                    data-testid="ivf-field-technicians"
                  />
                  {detail && detail.technicians.length > 0 && (
                    <Group gap={4} mt={4} data-testid="ivf-technician-answers">
                      {detail.technicians.map((x) => (
                        <Badge
                          key={x.personId}
                          size="xs"
                          variant="light"
                          color={ANSWER_COLOR[x.answer]}
                          title={x.reason ?? undefined}
                          data-testid="ivf-technician-answer"
                          data-person={x.personId}
                          data-answer={x.answer}
                          tt="none"
                        >
                          {x.name}: {answerText(x)}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </div>
                <DateTimePicker
                  label={t('interventionForm.fields.plannedStart')}
                  value={dt(form.plannedStart)}
                  onChange={(v) => set('plannedStart', fromDt(v))}
                  valueFormat={`${dayFormat} HH:mm`}
                  clearable
                  error={errors.plannedStart}
                  readOnly={readOnly}
                  data-testid="ivf-field-plannedStart"
                />
                <DateTimePicker
                  label={t('interventionForm.fields.plannedEnd')}
                  value={dt(form.plannedEnd)}
                  onChange={(v) => set('plannedEnd', fromDt(v))}
                  valueFormat={`${dayFormat} HH:mm`}
                  clearable
                  error={errors.plannedEnd}
                  readOnly={readOnly}
                  data-testid="ivf-field-plannedEnd"
                />
                <Checkbox
                  className="ivf-check"
                  label={t('interventionForm.fields.confirmed')}
                  checked={form.confirmed}
                  onChange={(e) => !readOnly && set('confirmed', e.currentTarget.checked)}
                  error={errors.confirmed}
                  data-testid="ivf-field-confirmed"
                />
                <Textarea
                  className="ivf-span2"
                  label={t('interventionForm.fields.notes')}
                  value={form.notes}
                  onChange={(e) => set('notes', e.currentTarget.value)}
                  autosize
                  minRows={2}
                  maxRows={6}
                  maxLength={MAX_LENGTH.notes}
                  error={errors.notes}
                  readOnly={readOnly}
                  data-testid="ivf-field-notes"
                />
                <TextInput
                  label={t('interventionForm.fields.contract')}
                  value={t('interventionForm.contractNotBuilt')}
                  readOnly
                  tabIndex={-1}
                  variant="filled"
                  styles={{ input: { color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' } }}
                  data-testid="ivf-field-contract"
                />
                <TextInput
                  label={t('interventionForm.fields.estimate')}
                  value={form.estimate}
                  onChange={(e) => set('estimate', e.currentTarget.value)}
                  maxLength={MAX_LENGTH.estimate}
                  error={errors.estimate}
                  readOnly={readOnly}
                  data-testid="ivf-field-estimate"
                />
                <TextInput
                  label={t('interventionForm.fields.vehicle')}
                  value={form.vehicle}
                  onChange={(e) => set('vehicle', e.currentTarget.value)}
                  maxLength={MAX_LENGTH.vehicle}
                  error={errors.vehicle}
                  readOnly={readOnly}
                  data-testid="ivf-field-vehicle"
                />
                <DatePickerInput
                  label={t('interventionForm.fields.docDate')}
                  value={form.docDate}
                  onChange={(v) => v && set('docDate', v)}
                  valueFormat={dayFormat}
                  error={errors.docDate}
                  readOnly={readOnly || !!detail?.valid}
                  data-testid="ivf-field-docDate"
                />
                {chooseSeries ? (
                  <Select
                    label={t('interventionForm.fields.series')}
                    description={t('interventionForm.seriesHint')}
                    data={seriesData}
                    value={form.seriesId ?? series[0]?.id ?? null}
                    onChange={(v) => v && set('seriesId', v)}
                    allowDeselect={false}
                    error={errors.seriesId}
                    data-testid="ivf-field-series"
                  />
                ) : (
                  <TextInput
                    label={t('interventionForm.fields.seriesNumber')}
                    value={detail?.fullNumber ?? t('interventionForm.noNumber')}
                    readOnly
                    tabIndex={-1}
                    variant="filled"
                    error={errors.seriesId}
                    data-testid="ivf-field-number"
                  />
                )}
              </div>
              <aside className="ivf-client" data-testid="ivf-client-panel">
                <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
                  {t('interventionForm.clientPanel.title')}
                </Text>
                {!c ? (
                  <Text size="xs" c="dimmed">
                    {t('interventionForm.clientPanel.none')}
                  </Text>
                ) : (
                  <dl className="ivf-kv">
                    <dt>{t('interventionForm.clientPanel.name')}</dt>
                    <dd>{c.name}</dd>
                    {c.fiscalCode && (
                      <>
                        <dt>{t('interventionForm.clientPanel.fiscalCode')}</dt>
                        <dd>{c.fiscalCode}</dd>
                      </>
                    )}
                    <dt>{t('interventionForm.clientPanel.address')}</dt>
                    <dd>{[c.address, c.locality, c.county, c.country].filter(Boolean).join(', ') || '—'}</dd>
                    <dt>{t('interventionForm.clientPanel.phones')}</dt>
                    <dd>{[c.phone, c.workPhone].filter((p): p is string => !!p).map((p) => formatPhone(p)).join(' · ') || '—'}</dd>
                    {c.email && (
                      <>
                        <dt>{t('interventionForm.clientPanel.email')}</dt>
                        <dd>{c.email}</dd>
                      </>
                    )}
                    {c.commercialZone && (
                      <>
                        <dt>{t('interventionForm.clientPanel.zone')}</dt>
                        <dd>{c.commercialZone}</dd>
                      </>
                    )}
                    <dt>{t('interventionForm.clientPanel.contacts')}</dt>
                    <dd data-testid="ivf-client-contacts">{client.contacts.length}</dd>
                    <dt>{t('interventionForm.clientPanel.open')}</dt>
                    <dd data-testid="ivf-client-open">
                      {t('interventionForm.clientPanel.openOf', { open: client.interventions.open, total: client.interventions.total })}
                    </dd>
                    <dt>{t('interventionForm.clientPanel.assets')}</dt>
                    <dd data-testid="ivf-client-assets">{clientAssets.length}</dd>
                    <dt>{t('interventionForm.clientPanel.contracts')}</dt>
                    <dd className="ivf-dim" data-testid="ivf-client-contracts">
                      {t('interventionForm.clientPanel.contractsNotBuilt')}
                    </dd>
                  </dl>
                )}
                {client && client.contacts.length > 0 && (
                  <div className="ivf-panel-contacts" data-testid="ivf-client-contact-list">
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt={10} mb={4}>
                      {t('interventionForm.clientPanel.contacts')}
                    </Text>
                    {client.contacts.map((p) => (
                      // A click picks the person as the contact; not a Tab stop (the field above is).
                      <button
                        type="button"
                        key={p.id}
                        tabIndex={-1}
                        className="ivf-panel-contact"
                        data-active={form.contactPersonId === p.id || undefined}
                        disabled={readOnly}
                        onClick={() => set('contactPersonId', p.id)}
                        data-testid="ivf-client-contact"
                      >
                        <span className="ivf-panel-contact-name">{p.name}</span>
                        <span className="ivf-panel-contact-meta">{[p.jobFunction, p.phone ? formatPhone(p.phone) : null, p.email].filter(Boolean).join(' · ')}</span>
                      </button>
                    ))}
                  </div>
                )}
              </aside>
            </div>
          </Tabs.Panel>
          {id && detail && (
            <Tabs.Panel value="messages" className="ivf-pane">
              <MessagesTab id={id} version={detail.version} />
            </Tabs.Panel>
          )}
          {id && detail && (
            <Tabs.Panel value="history" className="ivf-pane">
              <HistoryTab id={id} version={detail.version} />
            </Tabs.Panel>
          )}
        </Tabs>
        <ReasonDialog kind={reason} onClose={() => setReason(null)} onConfirm={(text) => (reason === 'reject' ? answer('rejected', text) : reason ? closeWith(reason, text) : Promise.resolve(null))} />
        <FieldConflictDialog
          rows={conflict ? conflict.fields.map((f) => ({ key: f, label: fieldLabel(t, f), mine: conflict.mine[f] ?? '', theirs: conflict.theirs[f] ?? '' })) : null}
          body={t('interventionForm.conflictBody')}
          onCancel={() => setConflict(null)}
          onResolve={resolveConflict}
        />
        <QuickClientDialog
          opened={quickClient}
          search={clientSearch}
          country={client?.client.country ?? HOME_COUNTRY[i18n.language] ?? 'RO'}
          onClose={() => setQuickClient(false)}
          onPicked={(picked) => {
            setQuickClient(false);
            setClientOptions((list) => (list.some((x) => x.id === picked.id) ? list : [{ id: picked.id, name: picked.name } as ClientRow, ...list]));
            set('clientId', picked.id);
            notifications.show({ color: 'teal', message: t('interventionForm.clientChosen', { name: picked.name }), autoClose: 2500 });
            focusField('ivf-field-contactPerson');
          }}
        />
        <QuickContactDialog
          client={quickContact && client ? { id: client.client.id, name: client.client.name, country: client.client.country } : null}
          onClose={() => setQuickContact(false)}
          onCreated={(contact) => {
            setQuickContact(false);
            setClient((c) => (c && c.client.id === contact.clientId ? { ...c, contacts: [...c.contacts, contact] } : c));
            set('contactPersonId', contact.id);
            notifications.show({ color: 'teal', message: t('interventionForm.contactChosen', { name: contact.name }), autoClose: 2500 });
            focusField('ivf-field-requestType');
          }}
        />
      </div>
    </DatesProvider>
  );
}
