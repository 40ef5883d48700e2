import { ActionIcon, Badge, Text, Tooltip } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing, IconPlayerPlay } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { CALL_COLUMNS, type CallColumn, type CallRow } from '../../../../shared/api/call-log';
import { formatDuration, type GridFormat } from '../../kit/format';
import { formWindowUrl, recordingReviewHash } from '../../kit/page-urls';
import { outcomeLabel } from './labels';

/* The call log's columns: each one's width, header and cell. The user shows, hides and orders them. */

interface ColumnDef {
  /** A CSS grid track. */
  width: string;
  align?: 'right';
  cell: (r: CallRow, fmt: GridFormat, t: TFunction) => ReactNode;
}

export function callColumnLabel(t: TFunction, c: CallColumn): string {
  switch (c) {
    case 'direction':
      return t('calls.log.direction');
    case 'startedAt':
      return t('calls.log.started');
    case 'number':
      return t('calls.log.number');
    case 'client':
      return t('calls.log.client');
    case 'contact':
      return t('calls.log.contact');
    case 'operator':
      return t('calls.log.operator');
    case 'answeredAt':
      return t('calls.log.answered');
    case 'endedAt':
      return t('calls.log.ended');
    case 'duration':
      return t('calls.log.duration');
    case 'outcome':
      return t('calls.log.outcome');
    case 'intervention':
      return t('calls.log.intervention');
    case 'recording':
      return t('calls.log.recording');
  }
}

const muted = (text: string) => (
  <Text span c="dimmed" size="xs">
    {text}
  </Text>
);

export const CALL_COLUMN_DEFS: Record<CallColumn, ColumnDef> = {
  direction: {
    width: '24px',
    cell: (r, _fmt, t) => (r.direction === 'in' ? <IconPhoneIncoming size={14} aria-label={t('calls.log.in')} /> : <IconPhoneOutgoing size={14} aria-label={t('calls.log.out')} />),
  },
  startedAt: { width: '128px', cell: (r, fmt) => fmt.dateTime(r.startedAt) },
  number: { width: '130px', cell: (r) => <span className="cl-mono">{r.e164 ?? r.number}</span> },
  client: { width: 'minmax(140px, 2fr)', cell: (r, _fmt, t) => r.clientName ?? muted(t('calls.log.unknownClient')) },
  contact: { width: 'minmax(100px, 1fr)', cell: (r) => r.contactName ?? '' },
  operator: { width: 'minmax(100px, 1fr)', cell: (r) => r.operator ?? '' },
  answeredAt: { width: '128px', cell: (r, fmt) => (r.answeredAt === null ? '' : fmt.dateTime(r.answeredAt)) },
  endedAt: { width: '128px', cell: (r, fmt) => (r.endedAt === null ? '' : fmt.dateTime(r.endedAt)) },
  duration: { width: '60px', align: 'right', cell: (r) => (r.durationS === null ? '' : formatDuration(r.durationS)) },
  outcome: {
    width: '130px',
    cell: (r, _fmt, t) => (
      <Badge size="xs" variant="light" color={r.outcome === 'missed' ? (r.handledAt ? 'gray' : 'red') : r.outcome === 'answered' ? 'teal' : 'gray'}>
        {outcomeLabel(t, r.outcome)}
        {r.outcome === 'missed' && r.handledAt ? ` · ${t('calls.log.handled')}` : ''}
      </Badge>
    ),
  },
  intervention: {
    width: '100px',
    cell: (r) =>
      r.interventionId && (
        <a href={formWindowUrl(r.interventionId)} target="_blank" rel="noreferrer">
          {r.interventionLabel ?? '—'}
        </a>
      ),
  },
  recording: {
    width: '40px',
    cell: (r, _fmt, t) =>
      r.recordingId && (
        <Tooltip label={`${t('calls.log.listen')} (L)`}>
          <ActionIcon component="a" href={recordingReviewHash(r.recordingId)} size="sm" variant="subtle" aria-label={t('calls.log.listen')} data-testid="call-recording">
            <IconPlayerPlay size={14} />
          </ActionIcon>
        </Tooltip>
      ),
  },
};

/** The default: everything but the answer and end times, which are there to add. */
export const DEFAULT_CALL_COLUMNS: readonly CallColumn[] = CALL_COLUMNS.filter((c) => c !== 'answeredAt' && c !== 'endedAt');

/** The rows' grid template: the columns shown, then the actions of the row under the cursor. */
export const callGridTemplate = (columns: readonly CallColumn[]) => [...columns.map((c) => CALL_COLUMN_DEFS[c].width), '60px'].join(' ');
