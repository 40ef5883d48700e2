import type { z } from 'zod';
import { CALENDAR_MAX_EVENTS, type CalendarEvent, type CalendarResources, type calendarEventsInput } from '../../shared/api/calendar';
import type { ServiceContext } from '../core/context';
import { sweepClashes, type Visit } from './clashes';
import { technicianIdsOf } from '../interventions/technician-ids';
import { clientNamesOf, namesOf } from './names';
import { DEFAULT_LENGTH_MS, lookbackMs } from './range';

/*
 * What the calendar reads: the interventions planned in a range, and the lanes of its
 * per-technician views. Read on demand for the range the page shows (day, week, month, list).
 */

type Input = z.output<typeof calendarEventsInput>;

export function calendarEvents(s: ServiceContext, q: Input): { events: CalendarEvent[]; more: boolean } {
  const where = ['i.deleted_at IS NULL', 'i.planned_start >= ?', 'i.planned_start < ?', 'coalesce(i.planned_end, i.planned_start + ?) > ?'];
  const params: (string | number)[] = [q.from - lookbackMs(s), q.to, DEFAULT_LENGTH_MS, q.from];
  const inList = (sql: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${sql} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const f = q.filters;
  inList('i.status', f.statuses);
  inList('i.team_id', f.teamIds);
  inList('i.request_type_id', f.requestTypeIds);
  inList('cl.commercial_zone', f.zones);
  if (f.technicianIds && f.technicianIds.length > 0) {
    where.push(`EXISTS (SELECT 1 FROM intervention_technicians it WHERE it.intervention_id = i.id AND it.deleted_at IS NULL AND it.person_id IN (${f.technicianIds.map(() => '?').join(', ')}))`);
    params.push(...f.technicianIds);
  }
  // Clients, teams, series, products and people are named from maps kept between reads (names.ts).
  const teams = namesOf(s, 'teams');
  const prefixes = namesOf(s, 'series');
  const products = namesOf(s, 'products');
  const names = namesOf(s, 'personnel');
  // Rows as arrays, made objects here: better-sqlite3 builds a keyed object per row slower than
  // a literal does (a month's 2,000 rows: 12 ms read as objects, 8 ms as arrays, measured).
  const rows = (
    s.raw
      .prepare(
        `SELECT i.id, i.series_id, i.number, i.client_id, i.object_text, i.product_id, i.status, i.priority,
           i.planned_start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}), i.team_id, i.confirmed, i.version,
           i.technician_ids, i.cancelled_at IS NOT NULL
         FROM interventions i${f.zones && f.zones.length > 0 ? ' JOIN clients cl ON cl.id = i.client_id' : ''}
         WHERE ${where.join(' AND ')} ORDER BY i.planned_start, i.rowid LIMIT ?`,
      )
      .raw(true)
      .all(...params, CALENDAR_MAX_EVENTS + 1) as RowValues[]
  ).map(rowOf);
  const more = rows.length > CALENDAR_MAX_EVENTS;
  const shown = more ? rows.slice(0, CALENDAR_MAX_EVENTS) : rows;
  // Every visit of the shown events' technicians over the time those events cover (a capped
  // answer covers the first days of the range, not all of it), shown or not (filtered out, past
  // the cap): their double bookings. Each intervention keeps its technicians' ids, so this is one
  // walk of the planned_start index; a probe of intervention_technicians per intervention cost
  // more than the walk (2,000 visits on 1M interventions).
  const until = Math.min(q.to, shown.reduce((m, r) => Math.max(m, r.end, r.start + 1), q.from));
  const people = new Set(shown.flatMap((r) => technicianIdsOf(r.technicianList)));
  const filtered = [f.statuses, f.teamIds, f.requestTypeIds, f.zones, f.technicianIds].some((x) => x !== undefined && x.length > 0);
  const visits = people.size === 0 ? [] : filtered ? visitsInRange(s, q.from - lookbackMs(s), until, q.from, people) : visitsAround(s, rows, more, q.from, until, people);
  const clashes = people.size > 0 ? sweepClashes(visits) : new Map<string, Set<string>>();
  const clients = clientNamesOf(s, shown.map((r) => r.clientId));
  const byName = (a: string, b: string) => compareText(names.get(a) ?? '', names.get(b) ?? '') || compareText(a, b);
  const events: CalendarEvent[] = [];
  for (const r of shown) {
    const on = technicianIdsOf(r.technicianList);
    if (on.length > 1) on.sort(byName);
    const prefix = r.seriesId === null ? null : (prefixes.get(r.seriesId) ?? null);
    events.push({
      id: r.id,
      label: r.number === null ? null : prefix ? `${prefix} ${r.number}` : String(r.number),
      clientName: clients.get(r.clientId) ?? '',
      object: r.objectText ?? (r.productId === null ? null : (products.get(r.productId) ?? null)),
      status: r.status,
      priority: r.priority,
      start: r.start,
      end: r.end,
      teamId: r.teamId,
      teamName: r.teamId === null ? null : (teams.get(r.teamId) ?? null),
      technicianIds: on,
      technicianNames: on.map((id) => names.get(id) ?? ''),
      confirmed: r.confirmed === 1,
      version: r.version,
      // A cancelled visit books nobody (not among the visits): it neither clashes nor is clashed with.
      clashes: [...(clashes.get(r.id) ?? [])],
    });
  }
  return { events, more };
}

/** The active technicians (with their teams) and teams: the lanes of the per-technician views. */
export function calendarResources(s: ServiceContext): CalendarResources {
  const technicians = s.raw
    .prepare("SELECT id, name FROM personnel WHERE is_technician = 1 AND active = 1 AND deleted_at IS NULL ORDER BY name, id")
    .all() as { id: string; name: string }[];
  const members = s.raw.prepare('SELECT person_id AS personId, team_id AS teamId FROM team_members WHERE deleted_at IS NULL').all() as { personId: string; teamId: string }[];
  const teamsOf = new Map<string, string[]>();
  for (const m of members) teamsOf.set(m.personId, [...(teamsOf.get(m.personId) ?? []), m.teamId]);
  return {
    technicians: technicians.map((t) => ({ ...t, teamIds: teamsOf.get(t.id) ?? [] })),
    teams: s.raw.prepare('SELECT id, name FROM teams WHERE active = 1 AND deleted_at IS NULL ORDER BY name, id').all() as { id: string; name: string }[],
  };
}

/** A row of the range's read, before its technicians, clashes and names are added. */
interface Row {
  id: string;
  seriesId: string | null;
  number: number | null;
  clientId: string;
  objectText: string | null;
  productId: string | null;
  status: CalendarEvent['status'];
  priority: CalendarEvent['priority'];
  start: number;
  end: number;
  teamId: string | null;
  confirmed: number;
  version: number;
  /** interventions.technician_ids. */
  technicianList: string | null;
  cancelled: number;
}

type RowValues = [string, string | null, number | null, string, string | null, string | null, Row['status'], Row['priority'], number, number, string | null, number, number, string | null, number];

const rowOf = ([id, seriesId, number, clientId, objectText, productId, status, priority, start, end, teamId, confirmed, version, technicianList, cancelled]: RowValues): Row => ({
  id,
  seriesId,
  number,
  clientId,
  objectText,
  productId,
  status,
  priority,
  start,
  end,
  teamId,
  confirmed,
  version,
  technicianList,
  cancelled,
});

/** As SQLite's BINARY collation orders text (the order the names were sorted in before). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** These people's visits on live, not cancelled interventions planned to start in [since, to) and end after `from`. */
function visitsInRange(s: ServiceContext, since: number, to: number, from: number, people: ReadonlySet<string>): Visit[] {
  const rows = s.raw
    .prepare(
      `SELECT i.id, i.technician_ids AS list, i.planned_start AS start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) AS "end"
       FROM interventions i
       WHERE i.deleted_at IS NULL AND i.cancelled_at IS NULL AND i.technician_ids <> ''
         AND i.planned_start >= ? AND i.planned_start < ? AND coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) > ?`,
    )
    .all(since, to, from) as { id: string; list: string; start: number; end: number }[];
  const visits: Visit[] = [];
  for (const r of rows) for (const personId of technicianIdsOf(r.list)) if (people.has(personId)) visits.push({ personId, interventionId: r.id, start: r.start, end: r.end });
  return visits;
}

/**
 * The same visits, unfiltered, from the range's own read where it reached (it walked the same
 * index over the same start): only past its cap is the index walked again, from the start of
 * the first row it left out. A month's read walked its range twice before (a third of its time).
 */
function visitsAround(s: ServiceContext, rows: readonly Row[], capped: boolean, from: number, until: number, people: ReadonlySet<string>): Visit[] {
  const tailFrom = capped ? rows[rows.length - 1]!.start : Infinity;
  const visits: Visit[] = [];
  for (const r of rows) {
    if (r.start >= tailFrom || r.start >= until || r.cancelled === 1) continue;
    for (const personId of technicianIdsOf(r.technicianList)) if (people.has(personId)) visits.push({ personId, interventionId: r.id, start: r.start, end: r.end });
  }
  return tailFrom < until ? [...visits, ...visitsInRange(s, tailFrom, until, from, people)] : visits;
}
