import { z } from 'zod';
import { text } from './primitives';

/*
 * The call log as the Calls module reads it: a call's row, the filters, the groupings and the
 * columns (shown, hidden, reordered, exported). The methods are in calls.ts.
 */

export const CALL_OUTCOMES = ['ringing', 'answered', 'missed', 'rejected', 'failed', 'transferred'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallRow {
  id: string;
  direction: 'in' | 'out';
  number: string;
  e164: string | null;
  clientId: string | null;
  clientName: string | null;
  contactName: string | null;
  operator: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  durationS: number | null;
  outcome: CallOutcome;
  interventionId: string | null;
  interventionLabel: string | null;
  handledAt: number | null;
  /** The call's recording, when there is one the caller may hear (else null). */
  recordingId: string | null;
}

/** What the log can be grouped by; a day is the viewer's (their zone's offset comes with the query). */
export const CALL_GROUPINGS = ['day', 'operator', 'outcome', 'client', 'direction'] as const;
export type CallGrouping = (typeof CALL_GROUPINGS)[number];

/** The log's columns, in their default order; each can be hidden or moved, and exported as shown. */
export const CALL_COLUMNS = ['direction', 'startedAt', 'number', 'client', 'contact', 'operator', 'answeredAt', 'endedAt', 'duration', 'outcome', 'intervention', 'recording'] as const;
export type CallColumn = (typeof CALL_COLUMNS)[number];

/** One group of the log under the filters: its key (null: no operator, unknown caller), label and count. */
export interface CallGroup {
  key: string | null;
  label: string | null;
  count: number;
}

const tzOffsetMinutes = z.number().int().min(-14 * 60).max(14 * 60).default(0);

export const callFilters = z
  .object({
    direction: z.enum(['in', 'out']).optional(),
    outcomes: z.array(z.enum(CALL_OUTCOMES)).max(CALL_OUTCOMES.length).optional(),
    /** Missed calls nobody dealt with yet. */
    unhandled: z.boolean().optional(),
    mine: z.boolean().optional(),
    search: text(100).optional(),
    /** Started at or after / before (ms). */
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    /** Only one group's calls (an open group of the grouped log). */
    group: z.object({ by: z.enum(CALL_GROUPINGS), key: z.string().max(100).nullable() }).strict().optional(),
  })
  .strict()
  .default({});

export const callsListInput = z
  .object({
    filters: callFilters,
    tzOffsetMinutes,
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const callGroupsInput = z.object({ filters: callFilters, by: z.enum(CALL_GROUPINGS), tzOffsetMinutes }).strict();

const labels = <T extends readonly [string, ...string[]]>(keys: T) => z.record(z.enum(keys), z.string().max(100));

/** The whole filtered log to a file, with the columns shown, headed and labelled as the user reads them. */
export const callsExportInput = z
  .object({
    filters: callFilters,
    tzOffsetMinutes,
    format: z.enum(['csv', 'xlsx']),
    columns: z.array(z.enum(CALL_COLUMNS)).min(1).max(CALL_COLUMNS.length),
    headers: z.array(z.string().max(200)).min(1).max(CALL_COLUMNS.length),
    outcomeLabels: labels(CALL_OUTCOMES),
    directionLabels: labels(['in', 'out']),
    /** What a recording column says when there is one / none. */
    yesNo: z.tuple([z.string().max(40), z.string().max(40)]),
  })
  .strict()
  .refine((x) => x.headers.length === x.columns.length, { message: 'one header per column', path: ['headers'] })
  .refine((x) => new Set(x.columns).size === x.columns.length, { message: 'a column appears twice', path: ['columns'] });
