import { z } from 'zod';
import { COLUMN_IDS, COLUMNS, type ColumnId } from './columns';
import { gridFilters, gridSort, groupBy, type GridFilters } from './query';

/** How the columns look: order (array order), width, shown or hidden, pinned to the left. */
const columnLayout = z
  .object({
    id: z.enum(COLUMN_IDS),
    width: z.number().int().min(30).max(1200),
    visible: z.boolean(),
    pinned: z.boolean().default(false),
  })
  .strict();

const viewLayout = z
  .object({
    columns: z.array(columnLayout).max(COLUMN_IDS.length),
    /** fit: columns share the window's width; fixed: their own widths with horizontal scroll. */
    widthMode: z.enum(['fit', 'fixed']).default('fixed'),
    /** Show the groups as a tree in a left panel instead of inline headers. */
    groupsAsTree: z.boolean().default(false),
  })
  .strict();
export type ViewLayout = z.output<typeof viewLayout>;

/** What a saved view keeps: the layout, and the view's filters, sort and grouping. */
export const viewDefinition = z
  .object({
    filters: gridFilters.default({}),
    sort: gridSort.default([]),
    groupBy: groupBy.default([]),
    layout: viewLayout,
  })
  .strict();
export type ViewDefinition = z.output<typeof viewDefinition>;

const viewName = z.string().trim().min(1).max(80);

export const saveViewInput = z
  .object({
    /** Absent for a new view; with version, to replace an existing one. */
    id: z.string().min(1).max(64).optional(),
    version: z.number().int().min(1).optional(),
    name: viewName,
    definition: viewDefinition,
    isDefault: z.boolean().default(false),
  })
  .strict();

export interface SavedView {
  id: string;
  version: number;
  name: string;
  definition: ViewDefinition;
  isDefault: boolean;
}

export function defaultLayout(): ViewLayout {
  return {
    columns: COLUMN_IDS.map((id: ColumnId) => ({ id, width: COLUMNS[id].width, visible: COLUMNS[id].visible, pinned: false })),
    widthMode: 'fixed',
    groupsAsTree: false,
  };
}

/** The views every user has; they cannot be changed, only copied into a saved view. */
export const BUILTIN_VIEWS = ['all', 'open', 'mine', 'myAnswer', 'unread', 'awaitingReply', 'finalized', 'cancelled', 'today'] as const;
export type BuiltinViewId = (typeof BUILTIN_VIEWS)[number];

export function builtinView(id: BuiltinViewId): ViewDefinition {
  const filters: Record<BuiltinViewId, GridFilters> = {
    all: {},
    open: { statuses: ['taken', 'allocated', 'confirmed'] },
    mine: { mine: true, statuses: ['taken', 'allocated', 'confirmed'] },
    myAnswer: { myAnswer: true },
    unread: { unread: true },
    awaitingReply: { awaitingReply: true },
    finalized: { statuses: ['finalized'] },
    cancelled: { statuses: ['cancelled'] },
    today: { plannedToday: true },
  };
  return {
    filters: filters[id],
    sort: id === 'today' ? [{ column: 'plannedStart', desc: false }] : [],
    groupBy: [],
    layout: defaultLayout(),
  };
}
