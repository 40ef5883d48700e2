import { z } from 'zod';
import { INTERVENTION_STATUSES, SOURCE_CHANNELS } from '../domain/intervention';
import { COLUMN_IDS, GROUP_IDS, type GridRow } from './columns';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-mm-dd');
const id = z.string().min(1).max(64);
const ids = z.array(id).max(500);
const shortText = z.string().trim().max(200);

/** Filters of the interventions window; every one is optional and they combine with AND. */
export const gridFilters = z
  .object({
    docDateFrom: isoDate.optional(),
    docDateTo: isoDate.optional(),
    clientIds: ids.optional(),
    takenByIds: ids.optional(),
    verifierIds: ids.optional(),
    class1Ids: ids.optional(),
    class2Ids: ids.optional(),
    class3Ids: ids.optional(),
    address: shortText.optional(),
    commercialZones: z.array(shortText).max(100).optional(),
    statuses: z.array(z.enum(INTERVENTION_STATUSES)).max(5).optional(),
    priorities: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)])).max(3).optional(),
    /** How the requests came in (phone, e-mail, portal, service schedule, walk-in). */
    sources: z.array(z.enum(SOURCE_CHANNELS)).max(5).optional(),
    /** Under my responsibility: I took it, verify it, or am one of its technicians. */
    mine: z.boolean().optional(),
    /** I am one of its technicians and have not yet accepted or rejected it (open ones only). */
    myAnswer: z.boolean().optional(),
    /** With messages the viewer has not read (see main/thread/reads.ts). */
    unread: z.boolean().optional(),
    /** We wrote (or assigned technicians) and wait for an answer. */
    awaitingReply: z.boolean().optional(),
    /** Planned to start on the viewer's today (in their time zone). */
    plannedToday: z.boolean().optional(),
    /** Quick search over client, object, notes, phone and number; diacritics ignored. */
    search: shortText.optional(),
  })
  .strict();
export type GridFilters = z.infer<typeof gridFilters>;

export const gridSort = z.array(z.object({ column: z.enum(COLUMN_IDS), desc: z.boolean() }).strict()).max(3);
export type GridSort = z.infer<typeof gridSort>;

export const groupBy = z.array(z.enum(GROUP_IDS)).max(3);

/** The value of one grouping level; null is the group of rows with no value. */
const groupKey = z.union([z.string().max(200), z.number(), z.null()]);
export type GroupKey = z.infer<typeof groupKey>;

/** A view of the grid: what to show, in what order, grouped how; tz makes "today" the viewer's. */
export const gridView = z
  .object({
    filters: gridFilters.default({}),
    sort: gridSort.default([]),
    groupBy: groupBy.default([]),
    /** Minutes east of UTC of the viewer (for day groups and "today"). */
    tzOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0),
  })
  .strict();
export type GridView = z.output<typeof gridView>;

export const gridRowsInput = z
  .object({
    view: gridView,
    /** Values of the groupBy levels that contain these rows (all levels, or none). */
    path: z.array(groupKey).max(3).default([]),
    /** Position of the first row wanted, from 0. */
    position: z.number().int().min(0).max(100_000_000),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const gridGroupsInput = z
  .object({
    view: gridView,
    /** Values of the levels above the groups wanted ([] for the top level). */
    path: z.array(groupKey).max(2).default([]),
  })
  .strict();

/** A window of the groups one level below a path (a status can hold 50,000 client groups). */
export const gridGroupWindowInput = gridGroupsInput
  .extend({
    offset: z.number().int().min(0).max(10_000_000),
    limit: z.number().int().min(1).max(1000),
  })
  .strict();

export const gridCountInput = z.object({ view: gridView, path: z.array(groupKey).max(3).default([]) }).strict();

export interface GridGroup {
  key: GroupKey;
  label: string;
  /** What tells apart groups of the same name (a client's locality); empty when nothing does. */
  detail: string;
  count: number;
}

/** How many groups a level has, and the interventions under them. */
export interface GridGroupSize {
  groups: number;
  rows: number;
}

export interface GridGroupWindow {
  groups: GridGroup[];
  /** The level's size, when known without counting (null: ask `interventions.grid.groupSize`). */
  size: GridGroupSize | null;
}

export interface GridRowsResult {
  rows: GridRow[];
  position: number;
  /** Rows in this view (within the path); -1 when not known yet. */
  total: number;
}
