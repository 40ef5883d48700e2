import type { ColumnId } from '../../../../shared/grid/columns';
import type { GridView } from '../../../../shared/grid/query';
import { INTERVENTION_STATUSES, SOURCE_CHANNELS, type InterventionStatus, type SourceChannel } from '../../../../shared/domain/intervention';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/context';
import { priorityLabel, sourceLabel, statusLabel } from '../../kit/labels';
import { useExportRunner, type ExportFormat } from '../../kit/use-export-runner';
import { columnLabel } from './labels';

/** Exports of the whole grid view, with the columns shown, headed and labelled in the user's language. */
export function useExport(): (view: GridView, format: ExportFormat, columns: ColumnId[]) => Promise<void> {
  const api = useApi();
  const { t } = useTranslation();
  const run = useExportRunner();
  return (view, format, columns) =>
    run(format, () =>
      api.call('interventions.export', {
        view,
        format,
        columns,
        headers: columns.map((c) => columnLabel(t, c)),
        statusLabels: Object.fromEntries(INTERVENTION_STATUSES.map((st) => [st, statusLabel(t, st)])) as Record<InterventionStatus, string>,
        priorityLabels: { 1: priorityLabel(t, 1), 2: priorityLabel(t, 2), 3: priorityLabel(t, 3) },
        sourceLabels: Object.fromEntries(SOURCE_CHANNELS.map((s) => [s, sourceLabel(t, s)])) as Record<SourceChannel, string>,
      }),
    );
}
