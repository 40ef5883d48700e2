import { z } from 'zod';
import { COLUMN_IDS } from '../../../../shared/grid/columns';
import { gridView } from '../../../../shared/grid/query';

/** What the interventions window hands the quick report in its URL: the view and the visible columns. */
const reportParams = gridView.extend({ columns: z.array(z.enum(COLUMN_IDS)).min(1).max(COLUMN_IDS.length).optional() });
export type ReportParams = z.output<typeof reportParams>;

/** Reads the report's parameters from a location search string; null when they are missing or not valid. */
export function readReportParams(search: string): ReportParams | null {
  const raw = new URLSearchParams(search).get('view');
  if (!raw) return null;
  try {
    const parsed = reportParams.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The report is the app's own page with ?report=interventions: the built page loads its
 * scripts by relative paths, so it must be served from the root, not a deeper path.
 */
export function isReportLocation(search: string): boolean {
  return new URLSearchParams(search).get('report') === 'interventions';
}

export function reportUrl(params: ReportParams | (Omit<ReportParams, 'columns'> & { columns: string[] })): string {
  return `/?report=interventions&view=${encodeURIComponent(JSON.stringify(params))}`;
}
/** A preview for printing, not an export: beyond this many rows the report says so and points to Export. */
export const REPORT_MAX_ROWS = 2000;
