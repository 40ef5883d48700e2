import { Loader, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { FORM_FIELDS, fieldLabel, type FormField } from './form-model';
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

export function subjectLabel(t: TFunction, subject: HistoryEntry['subject'] | 'other'): string {
  switch (subject) {
    case 'intervention':
    case 'other':
      return '';
    case 'technician':
      return t('interventionForm.history.subjects.technician');
    case 'message':
      return t('interventionForm.history.subjects.message');
  }
}

/** Bookkeeping columns nobody needs to read in a history. */
export const HIDDEN_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'version', 'deleted_at', 'intervention_id']);

/** A stored column by the label of its form field where there is one. */
export function columnLabel(t: TFunction, column: string): string {
  const field = column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  return (FORM_FIELDS as readonly string[]).includes(field) ? fieldLabel(t, field as FormField) : column;
}

/** What an action changed on the intervention row itself: its own subject, or a row beside it (a status moved by an answer). */
export function interventionChanges(h: HistoryEntry): { fields: string[] | null; changes: HistoryEntry['changes'] } | null {
  if (h.subject === 'intervention') return h;
  return h.related.find((r) => r.subject === 'intervention') ?? null;
}

/** One row's changes: old → new at the detailed level, the names at the advanced one. */
function RowChanges({ fields, changes }: { fields: string[] | null; changes: HistoryEntry['changes'] }) {
  const { t } = useTranslation();
  if (changes) {
    return Object.entries(changes)
      .filter(([k]) => !HIDDEN_COLUMNS.has(k))
      .map(([k, [a, b]]) => (
        <div key={k}>
          <Text span size="xs" fw={600}>
            {columnLabel(t, k)}
          </Text>
          : {shown(a)} → {shown(b)}
        </div>
      ));
  }
  if (fields) return <>{fields.filter((k) => !HIDDEN_COLUMNS.has(k)).map((k) => columnLabel(t, k)).join(', ')}</>;
  return (
    <Text span size="xs" c="dimmed">
      —
    </Text>
  );
}

export function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
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
  }, [api, id, version]);

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
                  ({subjectLabel(t, h.subject)})
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {h.action === 'create' ? (
                <Text span size="xs" c="dimmed">
                  —
                </Text>
              ) : (
                <RowChanges fields={h.fields} changes={h.changes} />
              )}
              {/* The other rows the same action changed: the status an answer moved, a technician added. */}
              {h.related
                .filter((r) => r.subject !== 'other')
                .map((r) => (
                  <div key={r.rowId} className="ivf-history-related" data-testid="ivf-history-related" data-subject={r.subject}>
                    <Text span size="xs" c="dimmed">
                      {r.subject === 'intervention' ? '' : `${subjectLabel(t, r.subject)} · `}
                      {actionLabel(t, r.op === 'insert' ? 'create' : r.op)}
                      {r.op === 'update' ? ': ' : ''}
                    </Text>
                    {r.op === 'update' && <RowChanges fields={r.fields} changes={r.changes} />}
                  </div>
                ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
