import { Alert, Group, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintButtons } from '../../kit/print-buttons';
import { COLUMNS, type ColumnId, type GridRow } from '../../../../shared/grid/columns';
import type { GridGroup } from '../../../../shared/grid/query';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { cellAlign, cellContent } from './cells';
import { FilterChips } from './filter-bar';
import { gridFormat } from '../../kit/format';
import { groupValueLabel } from './group-label';
import { columnLabel, groupLabel } from './labels';
import { REPORT_MAX_ROWS, type ReportParams } from './report-params';
import './quick-report.css';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import type { Me } from '../../../../shared/api/auth';

interface Loaded {
  rows: GridRow[];
  total: number;
  groups: GridGroup[];
  lookups: InterventionLookups | null;
  /** When the rows were read: what the printout says it shows. */
  at: number;
}

const PAGE = 500;

/**
 * The quick report: a printable preview of the current view of the interventions window
 * (its filters, sort and visible columns), with the counts of its first grouping level.
 * Printing it, or saving it as PDF, is the browser's own print dialog.
 */
export function QuickReport({ me, params }: { me: Me; params: ReportParams }) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'error'; message: string } | ({ kind: 'ready' } & Loaded)>({ kind: 'loading' });
  const columns: ColumnId[] = params.columns ?? (Object.keys(COLUMNS) as ColumnId[]).filter((c) => COLUMNS[c].visible);

  useEffect(() => {
    let cancelled = false;
    // The API's view has no columns: those are only what the printout shows.
    const { columns: _shown, ...view } = params;
    const flatView = { ...view, groupBy: [] };
    (async () => {
      const first = await api.call('interventions.grid.rows', { view: flatView, path: [], position: 0, limit: PAGE });
      const rows = [...first.rows];
      // Pages in order until the preview is full: the report shows the view as a list.
      while (rows.length < Math.min(first.total, REPORT_MAX_ROWS)) {
        const next = await api.call('interventions.grid.rows', { view: flatView, path: [], position: rows.length, limit: PAGE });
        if (next.rows.length === 0) break;
        rows.push(...next.rows);
      }
      const groups = view.groupBy.length > 0 ? await api.call('interventions.grid.groups', { view, path: [] }) : [];
      const lookups = await api.call('interventions.lookups', {}).catch(() => null);
      if (!cancelled) setState({ kind: 'ready', rows: rows.slice(0, REPORT_MAX_ROWS), total: first.total, groups, lookups, at: Date.now() });
    })().catch((e: unknown) => !cancelled && setState({ kind: 'error', message: toCallError(e).message }));
    return () => {
      cancelled = true;
    };
  }, [api, params]);

  if (state.kind === 'loading') {
    return (
      <Group p="xl" gap="xs" data-testid="report-loading">
        <Loader size="sm" />
        <Text size="sm">{t('report.loading')}</Text>
      </Group>
    );
  }
  if (state.kind === 'error') {
    return (
      <Alert m="xl" color="red" data-testid="report-error">
        {state.message}
      </Alert>
    );
  }
  const firstGroup = params.groupBy[0];
  return (
    <div className="qr-page" data-testid="quick-report">
      <header className="qr-header">
        <div>
          <h1 className="qr-title">{t('report.title')}</h1>
          <div className="qr-meta">{t('report.generated', { when: fmt.dateTime(state.at), who: me.displayName })}</div>
        </div>
        <PrintButtons className="qr-no-print" printLabel={t('report.print')} pdfName={t('report.title')} testId="report-print" />
      </header>
      <section className="qr-filters">
        <span className="qr-label">{t('report.filters')}:</span>
        <FilterChips filters={params.filters} lookups={state.lookups} onChange={() => undefined} />
        <span className="qr-total" data-testid="report-total" data-count={state.total}>
          {t('report.total', { total: fmt.count(state.total) })}
        </span>
      </section>
      {firstGroup && state.groups.length > 0 && (
        <section className="qr-groups" data-testid="report-groups">
          <span className="qr-label">{t('report.groupSummary', { group: groupLabel(t, firstGroup) })}:</span>
          {state.groups.slice(0, 40).map((g) => (
            <span key={String(g.key)} className="qr-group">
              {groupValueLabel(t, fmt, firstGroup, g)} <b>{fmt.count(g.count)}</b>
            </span>
          ))}
        </section>
      )}
      <table className="qr-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} style={{ textAlign: cellAlign(COLUMNS[c].kind) }}>
                {columnLabel(t, c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.rows.map((row) => (
            <tr key={row.id} data-testid="report-row">
              {columns.map((c) => (
                <td key={c} style={{ textAlign: cellAlign(COLUMNS[c].kind) }}>
                  {cellContent(COLUMNS[c].kind, row[c], fmt, t)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {state.total > state.rows.length && (
        <p className="qr-truncated" data-testid="report-truncated">
          {t('report.truncated', { shown: fmt.count(state.rows.length), total: fmt.count(state.total) })}
        </p>
      )}
    </div>
  );
}
