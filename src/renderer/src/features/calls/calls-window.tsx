import { ActionIcon, Alert, Badge, Button, Group, Kbd, MultiSelect, SegmentedControl, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing, IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useState, useEffectEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallOutcome, type CallRow } from '../../../../shared/api/calls';
import { DayField } from '../../kit/date-fields';
import { dayEndMs, dayStartMs } from '../../kit/dates';
import { allows } from '../../../../shared/domain/permissions';
import type { Me } from '../../../../shared/api/auth';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat, formatDuration } from '../../kit/format';
import { formWindowUrl, recordingReviewHash } from '../../kit/page-urls';
import { useListCursor } from '../../kit/use-list-cursor';
import { outcomeLabel } from './labels';
import { requestDial } from '../../kit/dial';
import './calls-window.css';

type Quick = 'all' | 'missed' | 'mine';
const PAGE = 200;


/**
 * The Calls module: every call of this workstation, newest first, with who called, who answered,
 * how long and how it ended. Missed calls nobody dealt with are a quick filter; Enter calls the
 * number back through the softphone, H marks a missed call dealt with.
 */
export function CallsWindow({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [quick, setQuick] = useState<Quick>('all');
  const [search, setSearch] = useState('');
  const [direction, setDirection] = useState<'all' | 'in' | 'out'>('all');
  const [outcomes, setOutcomes] = useState<CallOutcome[]>([]);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [rows, setRows] = useState<CallRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canWrite = allows(me.rights, 'calls', 'write');
  const fmt = gridFormat(i18n.language);

  const load = useCallback(
    (limit = PAGE) => {
      const filters = {
        ...(quick === 'missed' ? { unhandled: true } : {}),
        ...(quick === 'mine' ? { mine: true } : {}),
        ...(search.trim() ? { search: search.trim() } : {}),
        ...(direction !== 'all' ? { direction } : {}),
        ...(outcomes.length > 0 ? { outcomes } : {}),
        ...(from ? { from: dayStartMs(from) } : {}),
        ...(to ? { to: dayEndMs(to) } : {}),
      };
      api.call('calls.list', { filters, limit, offset: 0 }).then(
        (r) => {
          setRows(r.rows);
          setTotal(r.total);
          setError(null);
        },
        (e: unknown) => setError(toCallError(e).message),
      );
    },
    [api, quick, search, direction, outcomes, from, to],
  );
  useEffect(() => {
    const timer = setTimeout(() => load(), search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [load, search]);
  const reload = useEffectEvent(() => load(Math.max(PAGE, rows.length)));
  useEffect(() => api.on('data.changed', ({ capability }) => capability === 'calls' && reload()), [api]);

  const callBack = (row: CallRow) => {
    // As the caller ID came, or as it was dialled: what the telephone system routes.
    if (!requestDial(row.number)) setError(t('calls.log.noSoftphone'));
  };
  const handled = (row: CallRow) => {
    if (!canWrite || row.outcome !== 'missed' || row.handledAt !== null) return;
    api.call('calls.handled', { id: row.id }).catch((e: unknown) => setError(toCallError(e).message));
  };
  const { cursor, listRef, onKeyDown, pick } = useListCursor({ rows, onOpen: callBack });

  return (
    <div className="cl-window" data-testid="calls-window">
      <Group gap="xs" className="cl-toolbar" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={quick}
          onChange={(v) => setQuick(v)}
          data={[
            { value: 'all', label: t('calls.log.all') },
            { value: 'missed', label: t('calls.log.missed') },
            { value: 'mine', label: t('calls.log.mine') },
          ]}
          data-testid="calls-quick"
        />
        <TextInput
          size="xs"
          w={200}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => (e.key === 'ArrowDown' || e.key === 'Enter') && onKeyDown(e)}
          placeholder={t('calls.log.search')}
          aria-label={t('calls.log.search')}
          leftSection={<IconSearch size={14} />}
          data-testid="calls-search"
        />
        <SegmentedControl
          size="xs"
          value={direction}
          onChange={setDirection}
          data={[
            { value: 'all', label: t('calls.log.bothWays') },
            { value: 'in', label: t('calls.log.in') },
            { value: 'out', label: t('calls.log.out') },
          ]}
          aria-label={t('calls.log.direction')}
          data-testid="calls-direction"
        />
        <MultiSelect
          size="xs"
          w={170}
          data={CALL_OUTCOMES.filter((o) => o !== 'ringing').map((o) => ({ value: o, label: outcomeLabel(t, o) }))}
          value={outcomes}
          onChange={setOutcomes}
          placeholder={outcomes.length === 0 ? t('calls.log.anyOutcome') : undefined}
          aria-label={t('calls.log.outcome')}
          clearable
          data-testid="calls-outcomes"
        />
        <DayField size="xs" w={112} value={from} onChange={setFrom} placeholder={t('calls.log.from')} aria-label={t('calls.log.from')} clearable data-testid="calls-from" />
        <DayField size="xs" w={112} value={to} onChange={setTo} placeholder={t('calls.log.to')} aria-label={t('calls.log.to')} clearable data-testid="calls-to" />
        <div style={{ flex: 1 }} />
        <Text size="xs" c="dimmed" data-testid="calls-count" data-count={total ?? ''}>
          {total === null ? '' : t('calls.log.shown', { shown: rows.length, total })}
        </Text>
      </Group>
      {error && (
        <Alert color="orange" p={6} mb={6} withCloseButton onClose={() => setError(null)} data-testid="calls-error">
          {error}
        </Alert>
      )}
      <div
        ref={listRef}
        className="cl-list dense-list"
        tabIndex={0}
        role="grid"
        aria-label={t('calls.log.title')}
        onKeyDown={(e) => {
          if ((e.key === 'h' || e.key === 'H') && rows[cursor]) {
            e.preventDefault();
            handled(rows[cursor]);
          } else if ((e.key === 'l' || e.key === 'L') && rows[cursor]?.recordingId) {
            e.preventDefault();
            window.location.hash = recordingReviewHash(rows[cursor].recordingId);
          } else onKeyDown(e);
        }}
        data-testid="calls-list"
      >
        <div className="cl-row cl-head" role="row">
          <span />
          <span>{t('calls.log.started')}</span>
          <span>{t('calls.log.number')}</span>
          <span>{t('calls.log.client')}</span>
          <span>{t('calls.log.operator')}</span>
          <span className="cl-num">{t('calls.log.duration')}</span>
          <span>{t('calls.log.outcome')}</span>
          <span>{t('calls.log.intervention')}</span>
          <span />
        </div>
        {rows.length === 0 && total !== null && (
          <Text size="sm" c="dimmed" p="md" data-testid="calls-empty">
            {quick === 'missed' ? t('calls.log.noMissed') : t('calls.log.none')}
          </Text>
        )}
        {rows.map((r, i) => (
          <div
            key={r.id}
            className={`cl-row${i === cursor ? ' cl-cursor' : ''}`}
            role="row"
            aria-selected={i === cursor}
            data-index={i}
            data-testid="call-row"
            data-call-id={r.id}
            data-outcome={r.outcome}
            data-direction={r.direction}
            data-handled={r.handledAt !== null}
            onClick={() => pick(i)}
            onDoubleClick={() => callBack(r)}
          >
            <span>{r.direction === 'in' ? <IconPhoneIncoming size={14} aria-label={t('calls.log.in')} /> : <IconPhoneOutgoing size={14} aria-label={t('calls.log.out')} />}</span>
            <span>{fmt.dateTime(r.startedAt)}</span>
            <span className="cl-mono">{r.e164 ?? r.number}</span>
            <span className="cl-ellipsis">
              {r.clientName ?? <Text span c="dimmed" size="xs">{t('calls.log.unknownClient')}</Text>}
              {r.contactName ? <Text span c="dimmed" size="xs">{` · ${r.contactName}`}</Text> : null}
            </span>
            <span className="cl-ellipsis">{r.operator ?? ''}</span>
            <span className="cl-num">{r.durationS === null ? '' : formatDuration(r.durationS)}</span>
            <span>
              <Badge size="xs" variant="light" color={r.outcome === 'missed' ? (r.handledAt ? 'gray' : 'red') : r.outcome === 'answered' ? 'teal' : 'gray'}>
                {outcomeLabel(t, r.outcome)}
                {r.outcome === 'missed' && r.handledAt ? ` · ${t('calls.log.handled')}` : ''}
              </Badge>
            </span>
            <span>
              {r.interventionId && (
                <a href={formWindowUrl(r.interventionId)} target="_blank" rel="noreferrer">
                  {r.interventionLabel ?? '—'}
                </a>
              )}
            </span>
            <span className="cl-actions">
              {r.recordingId && (
                <Tooltip label={`${t('calls.log.listen')} (L)`}>
                  <ActionIcon component="a" href={recordingReviewHash(r.recordingId)} size="sm" variant="subtle" aria-label={t('calls.log.listen')} data-testid="call-recording">
                    <IconPlayerPlay size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
              {i === cursor && (
                <>
                  <Tooltip label={t('calls.log.callBack')}>
                    <Button size="compact-xs" variant="light" onClick={() => callBack(r)} rightSection={<Kbd size="xs">Enter</Kbd>} data-testid="call-back">
                      {t('calls.call')}
                    </Button>
                  </Tooltip>
                  {canWrite && r.outcome === 'missed' && r.handledAt === null && (
                    <Button size="compact-xs" variant="default" onClick={() => handled(r)} rightSection={<Kbd size="xs">H</Kbd>} data-testid="call-handled">
                      {t('calls.log.markHandled')}
                    </Button>
                  )}
                </>
              )}
            </span>
          </div>
        ))}
        {total !== null && rows.length < total && (
          <Button size="xs" variant="subtle" m="xs" onClick={() => load(rows.length + PAGE)} data-testid="calls-more">
            {t('calls.log.more')}
          </Button>
        )}
      </div>
    </div>
  );
}
