import { Loader, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { columnLabel, statusMove, valueText, visibleChanges } from './history-model';
import { statusLabel } from '../../kit/labels';
import type { HistoryEntry } from '../../../../shared/api/audit';

/** The action of an audit entry as the user reads it; unknown ones as recorded. */
export function actionLabel(t: TFunction, action: string): string {
  switch (action) {
    case 'create':
      return t('interventionForm.history.actions.create');
    case 'update':
      return t('interventionForm.history.actions.update');
    case 'delete':
      return t('interventionForm.history.actions.delete');
    case 'status':
      return t('interventionForm.history.actions.status');
    case 'validate':
      return t('interventionForm.history.actions.validate');
    case 'accepted':
      return t('interventionForm.history.actions.accepted');
    case 'rejected':
      return t('interventionForm.history.actions.rejected');
    case 'cancel':
      return t('interventionForm.history.actions.cancel');
    case 'finalize':
      return t('interventionForm.history.actions.finalize');
    default:
      return action;
  }
}

/** What a row beside the intervention is: "technician · Ana Pop", "message". */
export function subjectLabel(t: TFunction, subject: HistoryEntry['subject'] | 'other', about: string | null = null): string {
  const name = about ? ` · ${about}` : '';
  switch (subject) {
    case 'intervention':
    case 'other':
      return '';
    case 'technician':
      return t('interventionForm.history.subjects.technician') + name;
    case 'message':
      return t('interventionForm.history.subjects.message') + name;
  }
}

/** One row's changes: label and old → new where the level kept values, the label alone where it kept names. */
function RowChanges({ fields, changes, names }: { fields: string[] | null; changes: HistoryEntry['changes']; names: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const shown = visibleChanges(fields, changes);
  if (shown.length === 0) return null;
  if (shown.every((c) => c.values === null)) return <div data-testid="ivf-history-fields">{shown.map((c) => columnLabel(t, c.column)).join(', ')}</div>;
  return shown.map(({ column, values }) => {
    const before = values ? valueText(t, fmt, column, values[0], names) : '';
    const after = values ? valueText(t, fmt, column, values[1], names) : '';
    return (
      <div key={column} data-testid="ivf-history-change" data-column={column} title={values ? `${before} → ${after}` : undefined}>
        <Text span size="xs" fw={600}>
          {columnLabel(t, column)}
        </Text>
        {values && (
          <>
            : {before} → {after}
          </>
        )}
      </div>
    );
  });
}

/** The status an action moved, from what to what. */
function StatusLine({ h }: { h: HistoryEntry }) {
  const { t } = useTranslation();
  const move = statusMove(h);
  if (!move) return null;
  return (
    <div data-testid="ivf-history-status" data-from={move.from ?? ''} data-to={move.to}>
      <Text span size="xs" fw={600}>
        {t('interventionForm.history.columns.status')}
      </Text>
      : {move.from ? statusLabel(t, move.from) : '—'} → {statusLabel(t, move.to)}
    </div>
  );
}

/** The audit of the intervention: when, who, what, and the values where the level records them. */
export function HistoryTab({ id, version }: { id: string; version: number }) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const [list, setList] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.call('interventions.history', { id }).then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: unknown) => setError(toCallError(e).message),
    );
    // The language too: the names of the values come in the reader's language.
  }, [api, id, version, i18n.language]);

  if (error)
    return (
      <Text size="sm" c="red" data-testid="ivf-history-error">
        {error}
      </Text>
    );
  if (!list) return <Loader size="sm" />;
  if (list.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('interventionForm.history.none')}
      </Text>
    );
  return (
    <Table withTableBorder striped verticalSpacing={4} horizontalSpacing="xs" fz="xs" data-testid="ivf-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>{t('interventionForm.history.when')}</Table.Th>
          <Table.Th w={140}>{t('interventionForm.history.who')}</Table.Th>
          <Table.Th w={110}>{t('interventionForm.history.action')}</Table.Th>
          <Table.Th>{t('interventionForm.history.changes')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((h) => (
          <Table.Tr key={h.id} data-testid="ivf-history-row">
            <Table.Td>{fmt.dateTime(h.at)}</Table.Td>
            <Table.Td>{h.userName ?? t('interventionForm.history.system')}</Table.Td>
            <Table.Td>
              {actionLabel(t, h.action)}
              {h.subject !== 'intervention' && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({subjectLabel(t, h.subject, h.about)})
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <StatusLine h={h} />
              {h.action !== 'create' && <RowChanges fields={h.fields} changes={h.changes} names={h.names} />}
              {/* The other rows the same action changed: a technician added, an answer closed. */}
              {h.related
                .filter((r) => r.subject !== 'other' && r.subject !== 'intervention')
                .map((r) => (
                  <div key={r.rowId} className="ivf-history-related" data-testid="ivf-history-related" data-subject={r.subject}>
                    <Text span size="xs" c="dimmed">
                      {subjectLabel(t, r.subject, r.about)} · {actionLabel(t, r.op === 'insert' ? 'create' : r.op)}
                      {r.op === 'update' ? ': ' : ''}
                    </Text>
                    {r.op === 'update' && <RowChanges fields={r.fields} changes={r.changes} names={h.names} />}
                  </div>
                ))}
              {/* The intervention's own fields another row's action changed (besides the status). */}
              {h.subject !== 'intervention' &&
                h.related
                  .filter((r) => r.subject === 'intervention')
                  .map((r) => <RowChanges key={r.rowId} fields={r.fields} changes={r.changes} names={h.names} />)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
