import { Badge, Button, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodRow } from '../../../../shared/api/admin-schemas';
import type { Me } from '../../../../shared/api/types';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { AdminPage } from './common/admin-page';
import { AdminTable, useAdminList, type Column } from './common/admin-list';
import { EditorPane } from './common/editor-pane';
import { errorsOf, type FieldErrors } from './common/field-errors';

const TABLES = ['working_periods'] as const;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Today on this computer's calendar, as yyyy-mm-dd (documents are dated by the local day). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const isRealDate = (s: string) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

type Open = { kind: 'none' } | { kind: 'new'; seq: number } | { kind: 'edit'; id: string; seq: number };

/** Working periods: the date ranges documents may be dated in; added, opened and closed here. */
export function WorkingPeriodsAdmin({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const { rows, error, reload } = useAdminList('admin.periods.list', TABLES);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const seqRef = useRef(0);
  const next = () => ++seqRef.current;
  const fmt = new Intl.NumberFormat(i18n.language);
  const day = today();
  const dateFmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' });
  const showDate = (s: string) => dateFmt.format(new Date(`${s}T00:00:00Z`));

  const columns: Column<PeriodRow>[] = [
    { key: 'start', header: t('admin.periods.start'), className: 'adm-strong', render: (r) => showDate(r.startDate), title: (r) => r.startDate },
    { key: 'end', header: t('admin.periods.end'), className: 'adm-strong', render: (r) => showDate(r.endDate), title: (r) => r.endDate },
    {
      key: 'state',
      header: t('admin.periods.state'),
      width: 170,
      render: (r) => (
        <Group gap={4} wrap="nowrap">
          <Badge size="xs" variant={r.open ? 'light' : 'outline'} color={r.open ? 'teal' : 'gray'} data-testid="period-state">
            {r.open ? t('admin.periods.open') : t('admin.periods.closed')}
          </Badge>
          {r.startDate <= day && r.endDate >= day && (
            <Badge size="xs" variant="light" color="blue">
              {t('admin.periods.current')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'docs', header: t('admin.periods.documents'), width: 120, className: 'adm-num', render: (r) => fmt.format(r.documents) },
  ];
  const editing = open.kind === 'edit' ? (rows?.find((r) => r.id === open.id) ?? null) : null;

  return (
    <AdminPage
      testid="admin-periods"
      title={t('admin.periods.title')}
      description={t('admin.periods.description')}
      addLabel={t('admin.periods.add')}
      onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
      addTestid="period-add"
      list={
        <AdminTable
          label={t('admin.periods.title')}
          rows={rows}
          error={error}
          columns={columns}
          openId={open.kind === 'edit' ? open.id : null}
          onOpen={(r) => setOpen({ kind: 'edit', id: r.id, seq: next() })}
          onAdd={canWrite ? () => setOpen({ kind: 'new', seq: next() }) : undefined}
          onRetry={reload}
          testid="period-list"
          rowTestid="period-row"
          dimmed={(r) => !r.open}
        />
      }
      editor={
        open.kind === 'none' || (open.kind === 'edit' && !editing) ? null : (
          <PeriodEditor
            key={`${open.seq}:${editing?.version ?? 0}`}
            row={editing}
            all={rows ?? []}
            canWrite={canWrite}
            onClose={() => setOpen({ kind: 'none' })}
            onConflict={reload}
            onSaved={(row) => {
              reload();
              if (row) setOpen({ kind: 'edit', id: row.id, seq: open.seq });
              else setOpen({ kind: 'none' });
            }}
          />
        )
      }
    />
  );
}

interface Draft {
  startDate: string;
  endDate: string;
  open: boolean;
}

interface EditorProps {
  row: PeriodRow | null;
  all: PeriodRow[];
  canWrite: boolean;
  onClose: () => void;
  onSaved: (r: PeriodRow | null) => void;
  onConflict: () => void;
}

function PeriodEditor({ row, all, canWrite, onClose, onSaved, onConflict }: EditorProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [base] = useState<Draft>(() => (row ? { startDate: row.startDate, endDate: row.endDate, open: row.open } : { startDate: '', endDate: '', open: true }));
  const [d, setD] = useState<Draft>(base);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const dirty = JSON.stringify(d) !== JSON.stringify(base);
  const day = today();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setErrors((e) => ({ ...e, [k]: '', ...(k === 'startDate' || k === 'endDate' ? { startDate: '', endDate: '' } : {}) }));
  };

  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!d.startDate) e.startDate = t('admin.errors.required');
    else if (!isRealDate(d.startDate)) e.startDate = t('admin.periods.errors.date');
    if (!d.endDate) e.endDate = t('admin.errors.required');
    else if (!isRealDate(d.endDate)) e.endDate = t('admin.periods.errors.date');
    if (!e.startDate && !e.endDate && d.endDate < d.startDate) e.endDate = t('admin.periods.errors.endBeforeStart');
    if (!e.startDate && !e.endDate) {
      const other = all.find((p) => p.id !== row?.id && p.startDate <= d.endDate && p.endDate >= d.startDate);
      if (other) e.startDate = e.endDate = t('admin.periods.errors.overlap', { start: other.startDate, end: other.endDate });
    }
    return e;
  };

  const closesToday = d.startDate <= day && d.endDate >= day && !d.open && (row === null || row.open);

  const save = async (confirmed = false) => {
    const e = validate();
    setErrors(e);
    if (Object.values(e).some(Boolean)) {
      setFormError(t('admin.errors.fix'));
      return;
    }
    if (closesToday && !confirmed) {
      setConfirmClose(true);
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const saved = row ? await api.call('admin.periods.update', { id: row.id, version: row.version, ...d }) : await api.call('admin.periods.create', d);
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

  const remove = async () => {
    if (!row) return;
    try {
      await api.call('admin.periods.delete', { id: row.id, version: row.version });
      notifications.show({ color: 'teal', message: t('admin.common.deleted'), autoClose: 2000 });
      onSaved(null);
    } catch (err) {
      setFormError(errorsOf(t, toCallError(err)).form);
    }
  };

  return (
    <EditorPane
      testid="period-editor"
      title={row ? `${row.startDate} – ${row.endDate}` : t('admin.periods.newTitle')}
      subtitle={row ? t('admin.common.version', { version: row.version }) : undefined}
      dirty={dirty}
      saving={saving}
      canWrite={canWrite}
      error={formError}
      onSave={() => void save()}
      onClose={onClose}
      onDelete={row && row.documents === 0 ? () => void remove() : undefined}
      deleteName={row ? `${row.startDate} – ${row.endDate}` : ''}
    >
      <div className="adm-form">
        <TextInput
          size="xs"
          type="date"
          label={t('admin.periods.start')}
          value={d.startDate}
          onChange={(e) => set('startDate', e.currentTarget.value)}
          error={errors.startDate}
          required
          autoFocus
          data-testid="period-start"
        />
        <TextInput
          size="xs"
          type="date"
          label={t('admin.periods.end')}
          value={d.endDate}
          onChange={(e) => set('endDate', e.currentTarget.value)}
          // The same overlap is said once, under the start; the end is only marked.
          error={errors.endDate && errors.endDate === errors.startDate ? true : errors.endDate}
          required
          data-testid="period-end"
        />
        <Switch
          className="adm-span2"
          size="sm"
          label={t('admin.periods.open')}
          description={t('admin.periods.openHint')}
          checked={d.open}
          onChange={(e) => set('open', e.currentTarget.checked)}
          data-testid="period-open"
        />
      </div>
      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title={t('admin.periods.closeTitle')} size="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md" data-testid="period-close-confirm">
          <Text size="sm">{t('admin.periods.closeBody', { start: d.startDate, end: d.endDate })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setConfirmClose(false)} data-autofocus data-testid="period-close-no">
              {t('admin.common.cancel')}
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                setConfirmClose(false);
                void save(true);
              }}
              data-testid="period-close-yes"
            >
              {t('admin.periods.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </EditorPane>
  );
}
