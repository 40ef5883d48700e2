import { Alert, Badge, NumberInput, SegmentedControl, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { useAdminList, type Column } from '../../kit/editor/record-list';
import { EditorPane } from '../../kit/editor/editor-pane';
import type { FieldErrors } from '../../kit/editor/field-errors';
import { RecordListPage } from '../../kit/editor/record-list-page';
import { useOpenRecord, type EditorProps } from '../../kit/editor/use-open-record';
import { useRecordEditor } from '../../kit/editor/use-record-editor';
import { MAX_SERIES_NUMBER, type DocType, type SeriesRow } from '../../../../shared/api/numbering';
import type { Me } from '../../../../shared/api/auth';

/** Below this many numbers left a series is flagged, so a new one is made before it runs out. */
const FEW_NUMBERS = 50;
const PREFIX_RE = /^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u;
const SOURCES = ['numbering'] as const;

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
  const list = useAdminList('admin.series.list', SOURCES);
  const record = useOpenRecord(list.rows, list.reload);
  const fmt = new Intl.NumberFormat(me.language);

  const columns: Column<SeriesRow>[] = [
    { key: 'docType', header: t('admin.series.docType'), width: 190, render: (r) => docTypeLabel(t, r.docType), title: (r) => docTypeLabel(t, r.docType) },
    { key: 'prefix', header: t('admin.series.prefix'), className: 'dense-strong', render: (r) => r.prefix, title: (r) => r.prefix },
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

  return (
    <RecordListPage
      testid="admin-series"
      title={t('admin.series.title')}
      description={t('admin.series.description')}
      addLabel={t('admin.series.add')}
      ids="series"
      canWrite={canWrite}
      record={record}
      list={list}
      columns={columns}
      minWidth={860}
      dimmed={(r) => !r.active}
      editor={<SeriesEditor key={record.key} {...record.editorProps} canWrite={canWrite} />}
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

function SeriesEditor({ row, canWrite, onClose, onSaved, onConflict }: EditorProps<SeriesRow>) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const fmt = new Intl.NumberFormat(i18n.language);
  // Every number below this was given, or is on a document.
  const floor = row ? Math.max(row.nextNumber, (row.lastUsed ?? 0) + 1) : 1;

  const validate = (d: Draft): FieldErrors => {
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
  const editor = useRecordEditor({
    initial: () => draftOf(row),
    validate,
    write: (d: Draft) => {
      const fields = { prefix: d.prefix.trim(), nextNumber: d.nextNumber as number, endNumber: d.endNumber as number, active: d.active };
      return row ? api.call('admin.series.update', { id: row.id, version: row.version, ...fields }) : api.call('admin.series.create', { docType: d.docType, ...fields });
    },
    onSaved,
    onConflict,
  });
  const { draft: d, set, errors } = editor;

  // Only for a next number that could be saved; otherwise the count would mislead.
  const remaining = isWhole(d.nextNumber) && isWhole(d.endNumber) && d.nextNumber >= floor ? Math.max(0, d.endNumber - d.nextNumber + 1) : null;

  return (
    <EditorPane testid="series-editor" title={row ? `${docTypeLabel(t, row.docType)} · ${row.prefix}` : t('admin.series.newTitle')} version={row?.version} editor={editor} canWrite={canWrite} onClose={onClose}>
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
