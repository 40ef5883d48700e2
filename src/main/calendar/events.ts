import type { z } from 'zod';
import { CALENDAR_MAX_EVENTS, type CalendarEvent, type CalendarResources, type calendarEventsInput } from '../../shared/api/calendar';
import type { ServiceContext } from '../core/context';
import { clashesInRange } from './clashes';
import { DEFAULT_LENGTH_MS, lookbackMs } from './range';

/*
 * What the calendar reads: the interventions planned in a range, and the lanes of its
 * per-technician views. Read on demand for the range the page shows (day, week, month, list).
 */

const CHUNK = 500;

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
  const rows = s.raw
    .prepare(
      `SELECT i.id, CASE WHEN i.number IS NULL THEN NULL ELSE coalesce(se.prefix || ' ', '') || i.number END AS label, cl.name AS clientName,
         coalesce(i.object_text, p.name) AS object, i.status, i.priority, i.planned_start AS start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) AS "end",
         i.team_id AS teamId, t.name AS teamName, i.confirmed, i.version
       FROM interventions i JOIN clients cl ON cl.id = i.client_id LEFT JOIN teams t ON t.id = i.team_id
       LEFT JOIN products p ON p.id = i.product_id LEFT JOIN series se ON se.id = i.series_id
       WHERE ${where.join(' AND ')} ORDER BY i.planned_start, i.rowid LIMIT ?`,
    )
    .all(...params, CALENDAR_MAX_EVENTS + 1) as (Omit<CalendarEvent, 'technicianIds' | 'technicianNames' | 'confirmed'> & { confirmed: number })[];
  const more = rows.length > CALENDAR_MAX_EVENTS;
  const shown = more ? rows.slice(0, CALENDAR_MAX_EVENTS) : rows;
  const technicians = new Map<string, { ids: string[]; names: string[] }>();
  for (let i = 0; i < shown.length; i += CHUNK) {
    const ids = shown.slice(i, i + CHUNK).map((r) => r.id);
    const found = s.raw
      .prepare(
        `SELECT it.intervention_id AS interventionId, it.person_id AS personId, pe.name FROM intervention_technicians it JOIN personnel pe ON pe.id = it.person_id
         WHERE it.deleted_at IS NULL AND it.intervention_id IN (${ids.map(() => '?').join(', ')}) ORDER BY pe.name, pe.id`,
      )
      .all(...ids) as { interventionId: string; personId: string; name: string }[];
    for (const t of found) {
      const entry = technicians.get(t.interventionId) ?? { ids: [], names: [] };
      entry.ids.push(t.personId);
      entry.names.push(t.name);
      technicians.set(t.interventionId, entry);
    }
  }
  // Clashes of the events shown only: their technicians, over the time they cover (a capped
  // answer covers the first days of the range, not all of it).
  const people = [...new Set([...technicians.values()].flatMap((t) => t.ids))];
  const until = shown.reduce((m, r) => Math.max(m, r.end), q.from);
  const clashes = people.length > 0 ? clashesInRange(s, q.from, Math.min(q.to, until), people) : new Map<string, Set<string>>();
  return {
    events: shown.map((r) => ({
      ...r,
      confirmed: r.confirmed === 1,
      technicianIds: technicians.get(r.id)?.ids ?? [],
      technicianNames: technicians.get(r.id)?.names ?? [],
      clashes: [...(clashes.get(r.id) ?? [])],
    })),
    more,
  };
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
