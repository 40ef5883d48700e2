import { Badge, Group, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { localDay } from '../../api/host-clock';
import { useAdminList, type Column } from '../../kit/editor/record-list';
import { ConfirmDialog } from '../../kit/editor/editor-parts';
import { EditorPane } from '../../kit/editor/editor-pane';
import type { FieldErrors } from '../../kit/editor/field-errors';
import { RecordListPage } from '../../kit/editor/record-list-page';
import { useOpenRecord, type EditorProps } from '../../kit/editor/use-open-record';
import { useRecordEditor } from '../../kit/editor/use-record-editor';
import { gridFormat } from '../../kit/format';
import type { PeriodRow } from '../../../../shared/api/numbering';
import type { Me } from '../../../../shared/api/auth';

const SOURCES = ['numbering'] as const;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const isRealDate = (s: string) => DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Working periods: the date ranges documents may be dated in; added, opened and closed here. */
export function WorkingPeriodsAdmin({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const canWrite = allows(me.rights, 'admin', 'write');
  const list = useAdminList('admin.periods.list', SOURCES);
  const record = useOpenRecord(list.rows, list.reload);
  const fmt = new Intl.NumberFormat(i18n.language);
  const day = localDay();
  const showDate = gridFormat(i18n.language).date;

  const columns: Column<PeriodRow>[] = [
    { key: 'start', header: t('admin.periods.start'), className: 'dense-strong', render: (r) => showDate(r.startDate), title: (r) => r.startDate },
    { key: 'end', header: t('admin.periods.end'), className: 'dense-strong', render: (r) => showDate(r.endDate), title: (r) => r.endDate },
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

  return (
    <RecordListPage
      testid="admin-periods"
      title={t('admin.periods.title')}
      description={t('admin.periods.description')}
      addLabel={t('admin.periods.add')}
      ids="period"
      canWrite={canWrite}
      record={record}
      list={list}
      columns={columns}
      dimmed={(r) => !r.open}
      editor={<PeriodEditor key={record.key} {...record.editorProps} all={list.rows ?? []} canWrite={canWrite} />}
    />
  );
}

interface Draft {
  startDate: string;
  endDate: string;
  open: boolean;
}

function PeriodEditor({ row, all, canWrite, onClose, onSaved, onConflict }: EditorProps<PeriodRow> & { all: PeriodRow[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const [confirmClose, setConfirmClose] = useState(false);
  const day = localDay();
  // Closing the period of today stops everyone dating documents: asked first.
  const closesToday = (d: Draft) => d.startDate <= day && d.endDate >= day && !d.open && (row === null || row.open);

  const validate = (d: Draft): FieldErrors => {
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
  const editor = useRecordEditor({
    initial: (): Draft => (row ? { startDate: row.startDate, endDate: row.endDate, open: row.open } : { startDate: '', endDate: '', open: true }),
    validate,
    hold: (d) => {
      if (closesToday(d)) setConfirmClose(true);
      return closesToday(d);
    },
    write: (d) => (row ? api.call('admin.periods.update', { id: row.id, version: row.version, ...d }) : api.call('admin.periods.create', d)),
    onSaved,
    onConflict,
  });
  const { draft: d, errors } = editor;
  // The two dates are checked together (order, overlap): a change to either clears both messages.
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    editor.set(k, v);
    if (k === 'startDate' || k === 'endDate') editor.clearErrors('startDate', 'endDate');
  };

  return (
    <EditorPane
      testid="period-editor"
      title={row ? `${row.startDate} – ${row.endDate}` : t('admin.periods.newTitle')}
      version={row?.version}
      editor={editor}
      canWrite={canWrite}
      onClose={onClose}
      onDelete={row && row.documents === 0 ? () => void editor.remove(() => api.call('admin.periods.delete', { id: row.id, version: row.version }), () => onSaved(null)) : undefined}
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
      <ConfirmDialog
        opened={confirmClose}
        title={t('admin.periods.closeTitle')}
        body={t('admin.periods.closeBody', { start: d.startDate, end: d.endDate })}
        keepLabel={t('admin.common.cancel')}
        confirmLabel={t('admin.periods.closeConfirm')}
        onKeep={() => setConfirmClose(false)}
        onConfirm={() => {
          setConfirmClose(false);
          void editor.save(true);
        }}
        testid="period-close-confirm"
        keepTestid="period-close-no"
        confirmTestid="period-close-yes"
        size="md"
      />
    </EditorPane>
  );
}
