import { z } from 'zod';
import { def, download } from './def';
import { read } from './permission';
import { INTERVENTION_STATUSES, SOURCE_CHANNELS } from '../domain/intervention';
import { COLUMN_IDS } from '../grid/columns';
import { gridView } from '../grid/query';

/* Exports of a whole grid view to CSV or XLSX. */

export interface ExportStarted {
  exportId: string;
  total: number;
}

/** What an export writes: the view, the format, and the columns with their headers as the user sees them. */
const exportInput = z
  .object({
    view: gridView,
    format: z.enum(['csv', 'xlsx']),
    /** The columns to write, in order (the visible ones of the grid). */
    columns: z.array(z.enum(COLUMN_IDS)).min(1).max(COLUMN_IDS.length),
    /** The header of each column as the user sees it (same order and length as columns). */
    headers: z.array(z.string().max(200)).min(1).max(COLUMN_IDS.length),
    /** Status and priority as the user reads them, so the file speaks their language. */
    statusLabels: z.record(z.enum(INTERVENTION_STATUSES), z.string().max(100)),
    priorityLabels: z.object({ 1: z.string().max(100), 2: z.string().max(100), 3: z.string().max(100) }).strict(),
    sourceLabels: z.record(z.enum(SOURCE_CHANNELS), z.string().max(100)),
  })
  .strict()
  .refine((x) => x.headers.length === x.columns.length, { message: 'one header per column', path: ['headers'] });

/** Starts an export; progress comes as 'export.progress' events, the file from its download stream. */
export const exportsMethods = {
  'interventions.export': def<ExportStarted>()(exportInput, read('interventions')),
};

/** A finished export's file, for the user who started it (the id is also unguessable). */
export const exportsStreams = {
  'exports.download': download(z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'not an export') }).strict(), read('interventions')),
};
