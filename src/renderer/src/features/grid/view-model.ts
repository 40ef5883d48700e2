import { COLUMN_IDS, COLUMNS, type ColumnId, type GroupId } from '../../../../shared/grid/columns';
import type { GridFilters, GridView, GroupKey } from '../../../../shared/grid/query';
import { BUILTIN_VIEWS, defaultLayout, type BuiltinViewId, type SavedView, type ViewDefinition, type ViewLayout } from '../../../../shared/grid/views';
import type { Favourite } from '../../../../shared/api/auth';
import { isSource } from '../../../../shared/domain/intervention';
import { isoDay, parseDay } from '../../kit/format';
import type { FilterName } from './labels';
import type { Path } from './line-model';

/** Where the view on screen came from: a built-in view, or one of the user's saved views. */
export type ViewSource = { kind: 'builtin'; id: BuiltinViewId } | { kind: 'saved'; view: SavedView };

/** A view as My page pins it: a built-in one by 'builtin:<id>', a saved one by its id and name. */
export function favouriteOf(source: ViewSource): Favourite {
  return source.kind === 'builtin'
    ? { module: 'interventions', view: `${BUILTIN_PREFIX}${source.id}`, name: null }
    : { module: 'interventions', view: source.view.id, name: source.view.name };
}

/** The built-in view a favourite names, or null for a saved one's id. */
export function builtinOfFavourite(view: string | null): BuiltinViewId | null {
  const id = view?.startsWith(BUILTIN_PREFIX) ? view.slice(BUILTIN_PREFIX.length) : null;
  return id && (BUILTIN_VIEWS as readonly string[]).includes(id) ? (id as BuiltinViewId) : null;
}

const BUILTIN_PREFIX = 'builtin:';

/** The view being worked on: as it was opened, and as it is now. */
export interface WorkingView {
  source: ViewSource;
  baseline: ViewDefinition;
  definition: ViewDefinition;
}

/** Filters without the empty ones, so that "no client chosen" and "clients: []" are the same view. */
function normalizeFilters(f: GridFilters): GridFilters {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === false || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = v;
  }
  return out;
}

/** Every column once, in a saved order; columns added since the view was saved come last, hidden. */
export function completeLayout(layout: ViewLayout): ViewLayout {
  if (layout.columns.length === 0) return { ...layout, columns: defaultLayout().columns };
  const seen = new Set<ColumnId>();
  const columns = layout.columns.filter((c) => (COLUMN_IDS as readonly string[]).includes(c.id) && !seen.has(c.id) && seen.add(c.id));
  for (const id of COLUMN_IDS) if (!seen.has(id)) columns.push({ id, width: COLUMNS[id].width, visible: false, pinned: false });
  return { ...layout, columns };
}

function canonical(d: ViewDefinition): string {
  const filters = normalizeFilters(d.filters);
  const sortedFilters = Object.fromEntries(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ filters: sortedFilters, sort: d.sort, groupBy: d.groupBy, layout: completeLayout(d.layout) });
}

export function sameDefinition(a: ViewDefinition, b: ViewDefinition): boolean {
  return canonical(a) === canonical(b);
}

export function isDirty(w: WorkingView): boolean {
  return !sameDefinition(w.baseline, w.definition);
}

/** The viewer's offset east of UTC in minutes (for day groups and "today"). */
function tzOffsetMinutes(): number {
  return -new Date().getTimezoneOffset();
}

export function toGridView(d: ViewDefinition, filters: GridFilters = d.filters): GridView {
  return { filters: normalizeFilters(filters), sort: d.sort, groupBy: d.groupBy, tzOffsetMinutes: tzOffsetMinutes() };
}

/** The filter a chip removes, back to "any". */
export function removeFilter(f: GridFilters, name: FilterName): GridFilters {
  const next: GridFilters = { ...f };
  switch (name) {
    case 'docDate':
      delete next.docDateFrom;
      delete next.docDateTo;
      break;
    case 'client':
      delete next.clientIds;
      break;
    case 'takenBy':
      delete next.takenByIds;
      break;
    case 'verifier':
      delete next.verifierIds;
      break;
    case 'class1':
      delete next.class1Ids;
      break;
    case 'class2':
      delete next.class2Ids;
      break;
    case 'class3':
      delete next.class3Ids;
      break;
    case 'address':
      delete next.address;
      break;
    case 'commercialZone':
      delete next.commercialZones;
      break;
    case 'status':
      delete next.statuses;
      break;
    case 'priority':
      delete next.priorities;
      break;
    case 'source':
      delete next.sources;
      break;
    case 'search':
      delete next.search;
      break;
    case 'mine':
      delete next.mine;
      break;
    case 'myAnswer':
      delete next.myAnswer;
      break;
    case 'unread':
      delete next.unread;
      break;
    case 'awaitingReply':
      delete next.awaitingReply;
      break;
    case 'plannedToday':
      delete next.plannedToday;
      break;
  }
  return next;
}

/** The filters that are set, in the order of the filter bar. */
export function activeFilters(f: GridFilters): FilterName[] {
  const n = normalizeFilters(f);
  const out: FilterName[] = [];
  if (n.docDateFrom || n.docDateTo) out.push('docDate');
  if (n.clientIds) out.push('client');
  if (n.statuses) out.push('status');
  if (n.priorities) out.push('priority');
  if (n.sources) out.push('source');
  if (n.takenByIds) out.push('takenBy');
  if (n.verifierIds) out.push('verifier');
  if (n.class1Ids) out.push('class1');
  if (n.class2Ids) out.push('class2');
  if (n.class3Ids) out.push('class3');
  if (n.commercialZones) out.push('commercialZone');
  if (n.address) out.push('address');
  if (n.search) out.push('search');
  if (n.mine) out.push('mine');
  if (n.myAnswer) out.push('myAnswer');
  if (n.unread) out.push('unread');
  if (n.awaitingReply) out.push('awaitingReply');
  if (n.plannedToday) out.push('plannedToday');
  return out;
}

function lastDayOfMonth(key: string): string | null {
  const d = parseDay(key);
  if (!d) return null;
  return isoDay(new Date(d.getFullYear(), d.getMonth() + 1, 0));
}

/**
 * What choosing a node of the group tree does to the grid. A leaf (a full path) is asked for by
 * its path, which the server understands for every kind of group, "(none)" included. A node
 * higher up becomes filters when each of its levels maps onto one; otherwise it only opens.
 */
export type TreeChoice = { kind: 'path'; path: Path } | { kind: 'filters'; filters: GridFilters } | null;

export function treeChoice(groupBy: readonly GroupId[], base: GridFilters, path: Path): TreeChoice {
  if (path.length === 0) return { kind: 'filters', filters: base };
  if (path.length === groupBy.length) return { kind: 'path', path };
  const f: GridFilters = { ...base };
  for (let i = 0; i < path.length; i++) {
    const key: GroupKey | undefined = path[i];
    const level = groupBy[i];
    if (key === null || key === undefined || !level) return null;
    const s = String(key);
    switch (level) {
      case 'client':
        f.clientIds = [s];
        break;
      case 'class1':
        f.class1Ids = [s];
        break;
      case 'class2':
        f.class2Ids = [s];
        break;
      case 'class3':
        f.class3Ids = [s];
        break;
      case 'status':
        if (!['taken', 'allocated', 'confirmed', 'finalized', 'cancelled'].includes(s)) return null;
        f.statuses = [s as NonNullable<GridFilters['statuses']>[number]];
        break;
      case 'priority': {
        const p = Number(key);
        if (p !== 1 && p !== 2 && p !== 3) return null;
        f.priorities = [p];
        break;
      }
      case 'commercialZone':
        f.commercialZones = [s];
        break;
      case 'source':
        if (!isSource(s)) return null;
        f.sources = [s];
        break;
      case 'docDay':
      case 'docMonth': {
        const from = level === 'docDay' ? s : `${s}-01`;
        const to = level === 'docDay' ? s : lastDayOfMonth(s);
        if (!parseDay(from) || !to) return null;
        f.docDateFrom = f.docDateFrom && f.docDateFrom > from ? f.docDateFrom : from;
        f.docDateTo = f.docDateTo && f.docDateTo < to ? f.docDateTo : to;
        break;
      }
      case 'object':
      case 'plannedStartDay':
      case 'plannedEndDay':
        return null;
    }
  }
  return { kind: 'filters', filters: f };
}
