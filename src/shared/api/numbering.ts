import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import { empty, id, isoDate, recordRef, requiredText, version } from './primitives';

/* Numbering: document series (numbers never reused) and working periods (the dates documents may carry). */

/*
 * Inputs of the Administration module (series, working periods, personnel and teams, users).
 * Shape and form are checked here; the rules that need the database (a number already given,
 * overlapping periods, the last administrator…) are checked by the services in main.
 */


const DOC_TYPES = ['intervention', 'register'] as const;

export type DocType = (typeof DOC_TYPES)[number];

/** The largest number a series may reach: far beyond any call center, well inside SQLite's integers. */
export const MAX_SERIES_NUMBER = 999_999_999;

const seriesNumber = z.number().int().min(1).max(MAX_SERIES_NUMBER);

/** A prefix is printed before the number on documents: letters, digits and a few separators. */
const prefix = requiredText(20).pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u, 'letters, digits, and . / _ - only'));

const endNotBeforeNext = { message: 'the end number is below the next number', path: ['endNumber'] };

export const seriesCreateInput = z
  .object({
    docType: z.enum(DOC_TYPES),
    prefix,
    nextNumber: seriesNumber.default(1),
    endNumber: seriesNumber,
    active: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.endNumber >= s.nextNumber, endNotBeforeNext);

export const seriesUpdateInput = z
  .object({
    id,
    version,
    prefix,
    nextNumber: seriesNumber,
    endNumber: seriesNumber,
    active: z.boolean(),
  })
  .strict()
  .refine((s) => s.endNumber >= s.nextNumber, endNotBeforeNext);

const endNotBeforeStart = { message: 'the end is before the start', path: ['endDate'] };

export const periodCreateInput = z
  .object({ startDate: isoDate, endDate: isoDate, open: z.boolean().default(true) })
  .strict()
  .refine((p) => p.endDate >= p.startDate, endNotBeforeStart);

export const periodUpdateInput = z
  .object({ id, version, startDate: isoDate, endDate: isoDate, open: z.boolean() })
  .strict()
  .refine((p) => p.endDate >= p.startDate, endNotBeforeStart);

// ---- outputs ----

export interface SeriesRow {
  id: string;
  version: number;
  docType: DocType;
  prefix: string;
  nextNumber: number;
  endNumber: number;
  active: boolean;
  /** Numbers still to give: endNumber - nextNumber + 1 (0 when run out). */
  remaining: number;
  /** The highest number a document of this series carries, null when none has one yet. */
  lastUsed: number | null;
}

export interface PeriodRow {
  id: string;
  version: number;
  startDate: string;
  endDate: string;
  open: boolean;
  /** Interventions dated inside the period. */
  documents: number;
}

/** An active series interventions may be validated into. */
export interface SeriesOption {
  id: string;
  prefix: string;
  nextNumber: number;
  endNumber: number;
}

/** Series and working periods (Administration), and the series an operator may validate into. */
export const numberingMethods = {
  'admin.series.list': def<SeriesRow[]>()(empty, read('admin')),
  'admin.series.create': def<SeriesRow>()(seriesCreateInput, write('admin')),
  // The next number never goes back below a number already given ("nextNumber": at least N).
  'admin.series.update': def<SeriesRow>()(seriesUpdateInput, write('admin')),
  'admin.periods.list': def<PeriodRow[]>()(empty, read('admin')),
  // Overlapping periods are refused with issues on startDate and endDate.
  'admin.periods.create': def<PeriodRow>()(periodCreateInput, write('admin')),
  'admin.periods.update': def<PeriodRow>()(periodUpdateInput, write('admin')),
  'admin.periods.delete': def<null>()(recordRef, write('admin')),
  'interventions.series': def<SeriesOption[]>()(z.object({}).strict(), read('interventions')),
};
