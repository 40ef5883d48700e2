import { Alert, Group, Text } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, useEffectEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingRow } from '../../../../shared/api/recordings';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { formatDuration, gridFormat } from '../../kit/format';
import { useListCursor } from '../../kit/use-list-cursor';
import { NO_FILTERS, RecordingFilters, toListFilters, type RecordingFilterValues } from './recording-filters';
import { RecordingReviewPane } from './recording-review-pane';
import { ScoreBadge } from './scorecard-form';
import './recordings.css';

const PAGE = 200;

/**
 * The Recordings module: recorded calls, newest first, narrowed by operator, days, client,
 * length and score; Enter opens one for review below the list (player, notes, scorecard), Esc
 * comes back. Main decides whose recordings are listed: an operator only ever sees their own.
 */
export function RecordingsWindow({ view }: { view?: string | null }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [filters, setFilters] = useState<RecordingFilterValues>(NO_FILTERS);
  const [rows, setRows] = useState<RecordingRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A recording named in the address (the call log's "Listen") opens at once.
  const [open, setOpen] = useState<string | null>(view ?? null);
  const paneRef = useRef<HTMLDivElement>(null);
  const fmt = gridFormat(i18n.language);

  const load = useCallback(
    (limit = PAGE) => {
      api.call('recordings.list', { filters: toListFilters(filters), limit, offset: 0 }).then(
        (r) => {
          setRows(r.rows);
          setTotal(r.total);
          setError(null);
        },
        (e: unknown) => setError(toCallError(e).message),
      );
    },
    [api, filters],
  );
  useEffect(() => {
    const timer = setTimeout(() => load(), filters.client ? 250 : 0);
    return () => clearTimeout(timer);
  }, [load, filters.client]);
  const reload = useEffectEvent(() => load(Math.max(PAGE, rows.length)));
  useEffect(() => api.on('data.changed', ({ capability }) => capability === 'calls' && reload()), [api]);

  const openRow = (r: RecordingRow) => setOpen(r.id);
  const { cursor, listRef, onKeyDown, pick } = useListCursor({ rows, onOpen: openRow });
  // The pane takes the keys once open (Space plays at once); closing gives them back to the list.
  useEffect(() => {
    if (open) paneRef.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(null);
    listRef.current?.focus();
  };

  return (
    <div className={`rv-window${open ? ' rv-with-pane' : ''}`} data-testid="recordings-window">
      <RecordingFilters value={filters} onChange={setFilters} onEnter={() => listRef.current?.focus()} />
      <Group justify="flex-end" className="rv-count">
        <Text size="xs" c="dimmed" data-testid="recordings-count" data-count={total ?? ''}>
          {total === null ? '' : t('recordings.shown', { shown: rows.length, total })}
        </Text>
      </Group>
      {error && (
        <Alert color="orange" p={6} mb={6} withCloseButton onClose={() => setError(null)} data-testid="recordings-error">
          {error}
        </Alert>
      )}
      <div ref={listRef} className="rv-list dense-list" tabIndex={0} role="grid" aria-label={t('recordings.title')} onKeyDown={onKeyDown} data-testid="recordings-list">
        <div className="rv-row rv-head-row" role="row">
          <span />
          <span>{t('recordings.columns.started')}</span>
          <span>{t('recordings.columns.operator')}</span>
          <span>{t('recordings.columns.number')}</span>
          <span>{t('recordings.columns.client')}</span>
          <span className="rv-num">{t('recordings.columns.duration')}</span>
          <span className="rv-num">{t('recordings.columns.pauses')}</span>
          <span>{t('recordings.columns.score')}</span>
        </div>
        {rows.length === 0 && total !== null && (
          <Text size="sm" c="dimmed" p="md" data-testid="recordings-empty">
            {t('recordings.none')}
          </Text>
        )}
        {rows.map((r, i) => (
          <div
            key={r.id}
            className={`rv-row${i === cursor ? ' rv-cursor' : ''}${r.id === open ? ' rv-open' : ''}`}
            role="row"
            aria-selected={i === cursor}
            data-index={i}
            data-testid="recording-row"
            data-recording-id={r.id}
            data-status={r.status}
            onClick={() => pick(i)}
            onDoubleClick={() => openRow(r)}
          >
            <span>{r.direction === 'in' ? <IconPhoneIncoming size={14} aria-label={t('calls.log.in')} /> : <IconPhoneOutgoing size={14} aria-label={t('calls.log.out')} />}</span>
            <span>{fmt.dateTime(r.startedAt)}</span>
            <span className="cl-ellipsis">{r.operator ?? ''}</span>
            <span className="rv-mono">{r.number}</span>
            <span className="cl-ellipsis">{r.clientName ?? <Text span c="dimmed" size="xs">{t('calls.log.unknownClient')}</Text>}</span>
            <span className="rv-num">
              {r.status === 'recording' ? t('recordings.status.recording') : r.durationMs === null ? '' : formatDuration(r.durationMs / 1000)}
              {r.status === 'interrupted' ? (
                <span title={t('recordings.status.interrupted')} aria-label={t('recordings.status.interrupted')}>
                  {' ⚠'}
                </span>
              ) : null}
            </span>
            <span className="rv-num">{r.pauses.length > 0 ? t('recordings.pauses', { count: r.pauses.length }) : ''}</span>
            <span>
              {r.provisional ? (
                <Text span size="xs" c="orange.8" title={t('recordings.status.provisionalHint')} data-testid="recording-provisional">
                  {t('recordings.status.provisional')}
                </Text>
              ) : (
                <ScoreBadge score={r.score} passed={r.passed} />
              )}
            </span>
          </div>
        ))}
        {total !== null && rows.length < total && (
          <Text component="button" size="xs" c="blue" m="xs" className="rv-more" onClick={() => load(rows.length + PAGE)} data-testid="recordings-more">
            {t('calls.log.more')}
          </Text>
        )}
      </div>
      {open && <RecordingReviewPane key={open} ref={paneRef} recordingId={open} onClose={close} />}
    </div>
  );
}
