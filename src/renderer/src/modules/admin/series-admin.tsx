import { Alert, Badge, NumberInput, SegmentedControl, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MAX_SERIES_NUMBER, type DocType, type SeriesRow } from '../../../../shared/api/admin-schemas';
import type { Me } from '../../../../shared/api/types';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { AdminPage } from './common/admin-page';
import { AdminTable, useAdminList, type Column } from './common/admin-list';
import { EditorPane } from './common/editor-pane';
import { errorsOf, type FieldErrors } from './common/field-errors';

/** Below this many numbers left a series is flagged, so a new one is made before it runs out. */
export const FEW_NUMBERS = 50;
const PREFIX_RE = /^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u;
const TABLES = ['series'] as const;

type Open = { kind: 'none' } | { kind: 'new'; seq: number } | { kind: 'edit'; id: string; seq: number };

function docTypeLabel(t: TFunction, d: DocType): string {
  return d === 'intervention' ? t('admin.series.docTypes.intervention') : t('admin.series.docTypes.register');
}

function LeftBadge({ row }: { row: Pick<SeriesRow, 'remaining'> }) {
  const { t } = useTranslation();
  if (row.remaining === 0)
    return (
      <Badge size="xs" color="red" variant="filled">
        {t('admin.series.runOut')}
      </Badge>
    );
  if (row.remaining <= FEW_NUMBERS)
    return (
      <Badge size="xs" color="orange" variant="light">
        {t('admin.series.fewLeft')}
      </Badge>
    );
  return null;
}

/** Document series per document type: prefix, next and last number, how many are left. */
export function SeriesAdmin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const { rows, error, reload } = useAdminList('admin.series.list', TABLES);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const seqRef = useRef(0);
  const next = () => ++seqRef.current;
  const fmt = new Intl.NumberFormat(me.language);

  const columns: Column<SeriesRow>[] = [
    { key: 'docType', header: t('admin.series.docType'), width: 190, render: (r) => docTypeLabel(t, r.docType), title: (r) => docTypeLabel(t, r.docType) },
    { key: 'prefix', header: t('admin.series.prefix'), className: 'adm-strong', render: (r) => r.prefix, title: (r) => r.prefix },
    { key: 'used', header: t('admin.series.lastUsed'), width: 100, className: 'adm-num', render: (r) => (r.lastUsed === null ? '—' : fmt.format(r.lastUsed)) },
    { key: 'next', header: t('admin.series.nextNumber'), width: 100, className: 'adm-num', render: (r) => fmt.format(r.nextNumber) },
    { key: 'end', header: t('admin.series.endNumber'), width: 100, className: 'adm-num', render: (r) => fmt.format(r.endNumber) },
    { key: 'left', header: t('admin.series.remaining'), width: 100, className: 'adm-num', render: (r) => fmt.format(r.remaining) },
    {
      key: 'state',
      header: t('admin.series.state'),
      width: 110,
      render: (r) =>
        !r.active ? (
          <Text size="xs" c="dimmed">
            {t('admin.common.inactive')}
          </Text>
        ) : r.remaining > FEW_NUMBERS ? (
          <Text size="xs" c="teal.8">
            {t('admin.common.active')}
          </Text>
        ) : (
          <LeftBadge row={r} />
        ),
    },
  ];
  const editing = open.kind === 'edit' ? (rows?.find((r) => r.id === open.id) ?? null) : null;

  return (
    <AdminPage
      testid="admin-series"
      title={t('admin.series.title')}
      description={t('admin.series.description')}
      addLabel={t('admin.series.add')}
      onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
      addTestid="series-add"
      list={
        <AdminTable
          label={t('admin.series.title')}
          rows={rows}
          error={error}
          columns={columns}
          openId={open.kind === 'edit' ? open.id : null}
          onOpen={(r) => setOpen({ kind: 'edit', id: r.id, seq: next() })}
          onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
          onRetry={reload}
          testid="series-list"
          minWidth={860}
          rowTestid="series-row"
          dimmed={(r) => !r.active}
        />
      }
      editor={
        open.kind === 'none' || (open.kind === 'edit' && !editing) ? null : (
          <SeriesEditor
            // A new version (saved here, or a number given meanwhile) shows the stored values.
            key={`${open.seq}:${editing?.version ?? 0}`}
            row={editing}
            canWrite={canWrite}
            onClose={() => setOpen({ kind: 'none' })}
            onConflict={reload}
            onSaved={(row) => {
              reload();
              setOpen({ kind: 'edit', id: row.id, seq: open.seq });
            }}
          />
        )
      }
    />
  );
}

interface Draft {
  docType: DocType;
  prefix: string;
  nextNumber: number | string;
  endNumber: number | string;
  active: boolean;
}

const draftOf = (r: SeriesRow | null): Draft =>
  r ? { docType: r.docType, prefix: r.prefix, nextNumber: r.nextNumber, endNumber: r.endNumber, active: r.active } : { docType: 'intervention', prefix: '', nextNumber: 1, endNumber: 999_999, active: true };

const isWhole = (v: number | string): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_SERIES_NUMBER;

function SeriesEditor({ row, canWrite, onClose, onSaved, onConflict }: { row: SeriesRow | null; canWrite: boolean; onClose: () => void; onSaved: (r: SeriesRow) => void; onConflict: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [base] = useState(() => draftOf(row));
  const [d, setD] = useState<Draft>(base);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fmt = new Intl.NumberFormat(i18n.language);
  const dirty = JSON.stringify(d) !== JSON.stringify(base);
  // Every number below this was given, or is on a document.
  const floor = row ? Math.max(row.nextNumber, (row.lastUsed ?? 0) + 1) : 1;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '' }));
  };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    const prefix = d.prefix.trim();
    if (!prefix) e.prefix = t('admin.errors.required');
    else if (prefix.length > 20) e.prefix = t('admin.errors.tooLong', { max: 20 });
    else if (!PREFIX_RE.test(prefix)) e.prefix = t('admin.series.errors.prefixChars');
    if (!isWhole(d.nextNumber)) e.nextNumber = t('admin.errors.number', { max: fmt.format(MAX_SERIES_NUMBER) });
    else if (d.nextNumber < floor) e.nextNumber = t('admin.series.errors.nextBelow', { floor: fmt.format(floor), last: fmt.format(floor - 1) });
    if (!isWhole(d.endNumber)) e.endNumber = t('admin.errors.number', { max: fmt.format(MAX_SERIES_NUMBER) });
    else if (isWhole(d.nextNumber) && d.endNumber < d.nextNumber) e.endNumber = t('admin.series.errors.endBelowNext');
    return e;
  };

  const save = async () => {
    const e = validate();
    setErrors(e);
    if (Object.values(e).some(Boolean)) {
      setFormError(t('admin.errors.fix'));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const fields = { prefix: d.prefix.trim(), nextNumber: d.nextNumber as number, endNumber: d.endNumber as number, active: d.active };
      const saved = row
        ? await api.call('admin.series.update', { id: row.id, version: row.version, ...fields })
        : await api.call('admin.series.create', { docType: d.docType, ...fields });
      notifications.show({ color: 'teal', message: t('admin.common.saved'), autoClose: 2000 });
      onSaved(saved);
    } catch (err) {
      const ce = toCallError(err);
      const r = errorsOf(t, ce);
      setErrors(r.fields);
      setFormError(r.form);
      if (ce.code === 'conflict') {
        notifications.show({ color: 'orange', message: r.form, autoClose: 6000 });
        onConflict();
      }
    } finally {
      setSaving(false);
    }
  };

  // Only for a next number that could be saved; otherwise the count would mislead.
  const remaining = isWhole(d.nextNumber) && isWhole(d.endNumber) && d.nextNumber >= floor ? Math.max(0, d.endNumber - d.nextNumber + 1) : null;

  return (
    <EditorPane
      testid="series-editor"
      title={row ? `${docTypeLabel(t, row.docType)} · ${row.prefix}` : t('admin.series.newTitle')}
      subtitle={row ? t('admin.common.version', { version: row.version }) : undefined}
      dirty={dirty}
      saving={saving}
      canWrite={canWrite}
      error={formError}
      onSave={() => void save()}
      onClose={onClose}
    >
      <div className="adm-form">
        <div className="adm-span2">
          <Text size="sm" fw={500} mb={4}>
            {t('admin.series.docType')}
          </Text>
          <SegmentedControl
            size="xs"
            value={d.docType}
            onChange={(v) => set('docType', v)}
            disabled={row !== null}
            data={[
              { value: 'intervention', label: t('admin.series.docTypes.intervention') },
              { value: 'register', label: t('admin.series.docTypes.register') },
            ]}
            data-testid="series-docType"
          />
        </div>
        <TextInput
          className="adm-span2"
          size="xs"
          label={t('admin.series.prefix')}
          description={t('admin.series.prefixHint')}
          value={d.prefix}
          onChange={(e) => set('prefix', e.currentTarget.value)}
          error={errors.prefix}
          maxLength={40}
          required
          data-autofocus
          autoFocus
          data-testid="series-prefix"
        />
        <NumberInput
          size="xs"
          label={t('admin.series.nextNumber')}
          value={d.nextNumber}
          onChange={(v) => set('nextNumber', v)}
          error={errors.nextNumber}
          // No clamping: a number below the floor is answered with a message, not silently changed.
          clampBehavior="none"
          max={MAX_SERIES_NUMBER}
          allowDecimal={false}
          allowNegative={false}
          data-testid="series-next"
        />
        <NumberInput
          size="xs"
          label={t('admin.series.endNumber')}
          value={d.endNumber}
          onChange={(v) => set('endNumber', v)}
          error={errors.endNumber}
          clampBehavior="none"
          max={MAX_SERIES_NUMBER}
          allowDecimal={false}
          allowNegative={false}
          data-testid="series-end"
        />
        <Text size="xs" c="dimmed" className="adm-span2">
          {row ? t('admin.series.nextHint', { floor: fmt.format(floor) }) : t('admin.series.nextHintNew')}
        </Text>
        {row && (
          <Text size="xs" className="adm-span2">
            {t('admin.series.lastUsed')}: <b>{row.lastUsed === null ? '—' : fmt.format(row.lastUsed)}</b>
          </Text>
        )}
        <Text size="xs" className="adm-span2" data-testid="series-remaining">
          {t('admin.series.remaining')}: <b>{remaining === null ? '—' : fmt.format(remaining)}</b>
        </Text>
        {remaining !== null && remaining === 0 && (
          <Alert className="adm-span2" color="red" p="xs">
            {t('admin.series.warnRunOut')}
          </Alert>
        )}
        {remaining !== null && remaining > 0 && remaining <= FEW_NUMBERS && (
          <Alert className="adm-span2" color="orange" p="xs" data-testid="series-few">
            {t('admin.series.warnFew', { count: remaining })}
          </Alert>
        )}
        <Switch className="adm-span2" size="sm" label={t('admin.common.active')} checked={d.active} onChange={(e) => set('active', e.currentTarget.checked)} data-testid="series-active" />
      </div>
    </EditorPane>
  );
}
