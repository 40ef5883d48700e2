import type { z } from 'zod';
import { CALENDAR_MAX_EVENTS, type CalendarEvent, type CalendarResources, type calendarEventsInput } from '../../shared/api/calendar';
import type { ServiceContext } from '../core/context';
import { sweepClashes, type Visit } from './clashes';
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
  // Teams and series are a handful of rows: named from a map rather than joined per event.
  const teams = new Map((s.raw.prepare('SELECT id, name FROM teams').all() as { id: string; name: string }[]).map((t) => [t.id, t.name]));
  const prefixes = new Map((s.raw.prepare('SELECT id, prefix FROM series').all() as { id: string; prefix: string | null }[]).map((x) => [x.id, x.prefix]));
  const rows = s.raw
    .prepare(
      `SELECT i.id, i.series_id AS seriesId, i.number, cl.name AS clientName, coalesce(i.object_text, p.name) AS object, i.status, i.priority,
         i.planned_start AS start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) AS "end", i.team_id AS teamId, i.confirmed, i.version
       FROM interventions i JOIN clients cl ON cl.id = i.client_id LEFT JOIN products p ON p.id = i.product_id
       WHERE ${where.join(' AND ')} ORDER BY i.planned_start, i.rowid LIMIT ?`,
    )
    .all(...params, CALENDAR_MAX_EVENTS + 1) as Row[];
  const more = rows.length > CALENDAR_MAX_EVENTS;
  const shown = more ? rows.slice(0, CALENDAR_MAX_EVENTS) : rows;
  // Every technician booked over the time the shown events cover (a capped answer covers the
  // first days of the range, not all of it), read once: the shown events' technicians come from
  // it, and so do their clashes with any visit in that time, shown or not (filtered out, past
  // the cap). One walk of the planned_start index with one probe per intervention; a probe per
  // intervention and person (an IN list of people) cost ten times more on 1M interventions.
  const until = Math.min(q.to, shown.reduce((m, r) => Math.max(m, r.end, r.start + 1), q.from));
  const visits = shown.length > 0 ? visitsInRange(s, q.from, until) : [];
  const names = new Map((s.raw.prepare('SELECT id, name FROM personnel').all() as { id: string; name: string }[]).map((p) => [p.id, p.name]));
  const ids = new Set(shown.map((r) => r.id));
  const technicians = new Map<string, string[]>();
  for (const v of visits) {
    if (!ids.has(v.interventionId)) continue;
    const on = technicians.get(v.interventionId);
    if (on) on.push(v.personId);
    else technicians.set(v.interventionId, [v.personId]);
  }
  const byName = (a: string, b: string) => compareText(names.get(a) ?? '', names.get(b) ?? '') || compareText(a, b);
  const people = new Set([...technicians.values()].flat());
  const clashes = sweepClashes(visits.filter((v) => !v.cancelled && people.has(v.personId)));
  const events: CalendarEvent[] = [];
  for (const r of shown) {
    const on = technicians.get(r.id) ?? [];
    if (on.length > 1) on.sort(byName);
    const prefix = r.seriesId === null ? null : (prefixes.get(r.seriesId) ?? null);
    events.push({
      id: r.id,
      label: r.number === null ? null : prefix ? `${prefix} ${r.number}` : String(r.number),
      clientName: r.clientName,
      object: r.object,
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
      // A cancelled visit books nobody (left out of the sweep): it neither clashes nor is clashed with.
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
  clientName: string;
  object: string | null;
  status: CalendarEvent['status'];
  priority: CalendarEvent['priority'];
  start: number;
  end: number;
  teamId: string | null;
  confirmed: number;
  version: number;
}

/** As SQLite's BINARY collation orders text (the order the names were sorted in before). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Each live technician on each live intervention planned over [from, to), with whether it is cancelled. */
function visitsInRange(s: ServiceContext, from: number, to: number): (Visit & { cancelled: boolean })[] {
  const rows = s.raw
    .prepare(
      `SELECT it.person_id AS personId, i.id AS interventionId, i.planned_start AS start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) AS "end",
         i.cancelled_at IS NOT NULL AS cancelled
       FROM interventions i JOIN intervention_technicians it ON it.intervention_id = i.id
       WHERE i.deleted_at IS NULL AND it.deleted_at IS NULL AND i.planned_start >= ? AND i.planned_start < ? AND coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) > ?`,
    )
    .all(from - lookbackMs(s), to, from) as (Visit & { cancelled: number | boolean })[];
  // Turned into a boolean where it lies (a copy of thousands of rows would be garbage at once).
  for (const r of rows) r.cancelled = r.cancelled === 1;
  return rows as (Visit & { cancelled: boolean })[];
}
