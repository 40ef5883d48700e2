import { ActionIcon, Alert, Button, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconChevronDown, IconChevronRight, IconPhoneCall } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallGroup, type CallGrouping, type CallRow } from '../../../../shared/api/call-log';
import type { Me } from '../../../../shared/api/auth';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { dayEndMs, dayStartMs } from '../../kit/dates';
import { requestDial } from '../../kit/dial';
import { gridFormat, type GridFormat } from '../../kit/format';
import { recordingReviewHash } from '../../kit/page-urls';
import { useExportRunner, type ExportFormat } from '../../kit/use-export-runner';
import { useListCursor } from '../../kit/use-list-cursor';
import { CALL_COLUMN_DEFS, callColumnLabel, callGridTemplate } from './call-columns';
import { CallColumnsMenu } from './call-columns-menu';
import { CallsToolbar, type LogFilterState } from './calls-toolbar';
import { outcomeLabel } from './labels';
import { useCallColumns } from './use-call-columns';
import { useCallLog, type CallFilters, type LogLine } from './use-call-log';
import './calls-window.css';

function groupTitle(t: TFunction, fmt: GridFormat, by: CallGrouping, g: CallGroup): string {
  switch (by) {
    case 'day':
      return g.key ? fmt.day(g.key) : '';
    case 'outcome':
      return g.key ? outcomeLabel(t, g.key as CallRow['outcome']) : '';
    case 'direction':
      return g.key === 'in' ? t('calls.log.in') : t('calls.log.out');
    case 'operator':
      return g.label ?? t('calls.log.noOperator');
    case 'client':
      return g.label ?? t('calls.log.unknownClient');
  }
}

function filtersOf(s: LogFilterState): CallFilters {
  return {
    ...(s.quick === 'missed' ? { unhandled: true } : {}),
    ...(s.quick === 'mine' ? { mine: true } : {}),
    ...(s.search.trim() ? { search: s.search.trim() } : {}),
    ...(s.direction !== 'all' ? { direction: s.direction } : {}),
    ...(s.outcomes.length > 0 ? { outcomes: s.outcomes } : {}),
    ...(s.from ? { from: dayStartMs(s.from) } : {}),
    ...(s.to ? { to: dayEndMs(s.to) } : {}),
  };
}

/**
 * The Calls module: every call of this workstation, newest first, with who called, who answered,
 * how long and how it ended; filtered, grouped (day, operator, outcome, client, direction), with
 * the columns each user chooses, and exported as shown. Enter calls a number back through the
 * softphone (or opens a group), H marks a missed call dealt with, L opens its recording.
 */
export function CallsWindow({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<LogFilterState>({ quick: 'all', search: '', direction: 'all', outcomes: [], from: null, to: null, by: null });
  const filters = useMemo(() => filtersOf(state), [state]);
  const log = useCallLog(filters, state.by, state.search ? 250 : 0);
  const cols = useCallColumns(me.userId);
  const runExport = useExportRunner();
  const canWrite = allows(me.rights, 'calls', 'write');
  const fmt = gridFormat(i18n.language);
  const template = callGridTemplate(cols.columns);

  const callBack = (row: CallRow) => {
    // As the caller ID came, or as it was dialled: what the telephone system routes.
    if (!requestDial(row.number)) log.setError(t('calls.log.noSoftphone'));
  };
  const handled = (row: CallRow) => {
    if (!canWrite || row.outcome !== 'missed' || row.handledAt !== null) return;
    api.call('calls.handled', { id: row.id }).catch((e: unknown) => log.setError(toCallError(e).message));
  };
  const open = (line: LogLine) => (line.kind === 'row' ? callBack(line.row) : line.kind === 'group' ? log.toggle(line.group) : log.more(line.group));
  const { cursor, listRef, onKeyDown, pick } = useListCursor({ rows: log.lines, onOpen: open });
  const current = log.lines[cursor];
  const currentRow = current?.kind === 'row' ? current.row : null;

  const onExport = (format: ExportFormat) =>
    void runExport(format, () =>
      api.call('calls.export', {
        filters,
        tzOffsetMinutes: log.tzOffsetMinutes,
        format,
        columns: cols.columns,
        headers: cols.columns.map((c) => callColumnLabel(t, c)),
        outcomeLabels: Object.fromEntries(CALL_OUTCOMES.map((o) => [o, outcomeLabel(t, o)])) as Record<CallRow['outcome'], string>,
        directionLabels: { in: t('calls.log.in'), out: t('calls.log.out') },
        yesNo: [t('calls.log.yes'), t('calls.log.no')],
      }),
    );

  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    const key = e.key.toLowerCase();
    if (key === 'h' && currentRow) {
      e.preventDefault();
      handled(currentRow);
    } else if (key === 'l' && currentRow?.recordingId) {
      e.preventDefault();
      window.location.hash = recordingReviewHash(currentRow.recordingId);
    } else if (current?.kind === 'group' && ((e.key === 'ArrowRight' && !current.open) || (e.key === 'ArrowLeft' && current.open))) {
      e.preventDefault();
      log.toggle(current.group);
    } else onKeyDown(e);
  };

  return (
    <div className="cl-window" data-testid="calls-window">
      <CallsToolbar
        state={state}
        set={(patch) => setState((s) => ({ ...s, ...patch }))}
        onSearchKey={onKeyDown}
        onExport={onExport}
        columns={<CallColumnsMenu cols={cols} />}
        count={
          <Text size="xs" c="dimmed" data-testid="calls-count" data-count={log.total ?? ''}>
            {log.total === null ? '' : t('calls.log.shown', { shown: log.shown, total: log.total })}
          </Text>
        }
      />
      {log.error && (
        <Alert color="orange" p={6} mb={6} withCloseButton onClose={() => log.setError(null)} data-testid="calls-error">
          {log.error}
        </Alert>
      )}
      <div ref={listRef} className="cl-list dense-list" tabIndex={0} role="grid" aria-label={t('calls.log.title')} onKeyDown={keys} data-testid="calls-list">
        <div className="cl-row cl-head" role="row" style={{ gridTemplateColumns: template }}>
          {cols.columns.map((c) => (
            <span
              key={c}
              role="columnheader"
              className={CALL_COLUMN_DEFS[c].align === 'right' ? 'cl-num cl-ellipsis' : 'cl-ellipsis'}
              title={callColumnLabel(t, c)}
              data-testid="calls-header"
              data-column={c}
            >
              {c === 'direction' || c === 'recording' ? '' : callColumnLabel(t, c)}
            </span>
          ))}
          <span />
        </div>
        {log.lines.length === 0 && log.total !== null && (
          <Text size="sm" c="dimmed" p="md" data-testid="calls-empty">
            {state.quick === 'missed' ? t('calls.log.noMissed') : t('calls.log.none')}
          </Text>
        )}
        {log.lines.map((line, i) => {
          const at = i === cursor;
          if (line.kind === 'group') {
            const Chevron = line.open ? IconChevronDown : IconChevronRight;
            return (
              <div
                key={`g:${line.group.key ?? ''}`}
                className={`cl-group${at ? ' cl-cursor' : ''}`}
                role="row"
                aria-expanded={line.open}
                aria-selected={at}
                data-index={i}
                data-testid="calls-group"
                data-key={line.group.key ?? ''}
                data-count={line.group.count}
                onClick={() => {
                  pick(i);
                  log.toggle(line.group);
                }}
              >
                <Chevron size={14} />
                <span className="cl-ellipsis cl-group-title">{groupTitle(t, fmt, state.by!, line.group)}</span>
                <Text span size="xs" c="dimmed">
                  {fmt.count(line.group.count)}
                </Text>
              </div>
            );
          }
          if (line.kind === 'more') {
            return (
              <div key={`m:${line.group?.key ?? ''}`} className={`cl-more${at ? ' cl-cursor' : ''}`} role="row" aria-selected={at} data-index={i}>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => {
                    pick(i);
                    log.more(line.group);
                  }}
                  data-testid="calls-more"
                >
                  {t('calls.log.moreLeft', { n: fmt.count(line.left) })}
                </Button>
              </div>
            );
          }
          const r = line.row;
          return (
            <div
              key={r.id}
              className={`cl-row${at ? ' cl-cursor' : ''}${state.by ? ' cl-in-group' : ''}`}
              style={{ gridTemplateColumns: template }}
              role="row"
              aria-selected={at}
              data-index={i}
              data-testid="call-row"
              data-call-id={r.id}
              data-outcome={r.outcome}
              data-direction={r.direction}
              data-handled={r.handledAt !== null}
              onClick={() => pick(i)}
              onDoubleClick={() => callBack(r)}
            >
              {cols.columns.map((c) => (
                <span key={c} className={CALL_COLUMN_DEFS[c].align === 'right' ? 'cl-num' : 'cl-ellipsis'} data-column={c}>
                  {CALL_COLUMN_DEFS[c].cell(r, fmt, t)}
                </span>
              ))}
              <span className="cl-actions">
                {at && (
                  <>
                    <Tooltip label={`${t('calls.log.callBack')} (Enter)`}>
                      <ActionIcon size="sm" variant="light" onClick={() => callBack(r)} aria-label={t('calls.log.callBack')} data-testid="call-back">
                        <IconPhoneCall size={14} />
                      </ActionIcon>
                    </Tooltip>
                    {canWrite && r.outcome === 'missed' && r.handledAt === null && (
                      <Tooltip label={`${t('calls.log.markHandled')} (H)`}>
                        <ActionIcon size="sm" variant="default" onClick={() => handled(r)} aria-label={t('calls.log.markHandled')} data-testid="call-handled">
                          <IconCheck size={14} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
