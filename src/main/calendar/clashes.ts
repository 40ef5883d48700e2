import type { TechnicianClash } from '../../shared/api/calendar';
import type { ServiceContext } from '../core/context';
import { DEFAULT_LENGTH_MS, lookbackMs } from './range';

/*
 * A technician booked twice at the same time: two live, not cancelled interventions whose planned
 * intervals overlap, with the same person on both. The calendar marks them; the form warns.
 */

/** One technician's visit: enough to find their double bookings. */
export interface Visit {
  personId: string;
  interventionId: string;
  start: number;
  end: number;
}

/**
 * Which visits overlap another of the same person's (intervention id → person ids), in any order.
 * Per person in start order, a visit overlaps another exactly when it starts before the latest
 * end so far or ends after the next one starts: O(n log n), where marking every overlapping pair
 * grew with the square of a busy day (a million-row database books a technician many times over).
 */
export function sweepClashes(visits: readonly Visit[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const mark = (v: Visit) => {
    const set = out.get(v.interventionId);
    if (set) set.add(v.personId);
    else out.set(v.interventionId, new Set([v.personId]));
  };
  const byPerson = new Map<string, Visit[]>();
  for (const v of visits) {
    const list = byPerson.get(v.personId);
    if (list) list.push(v);
    else byPerson.set(v.personId, [v]);
  }
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.start - b.start);
    let latestEnd = -Infinity;
    list.forEach((v, i) => {
      const next = list[i + 1];
      if (v.start < latestEnd || (next !== undefined && next.start < v.end)) mark(v);
      latestEnd = Math.max(latestEnd, v.end);
    });
  }
  return out;
}

/** The form's question: are these technicians booked elsewhere in [start, end)? */
export function technicianClashes(s: ServiceContext, q: { start: number; end: number; personIds: string[]; excludeId?: string | undefined }): TechnicianClash[] {
  if (q.personIds.length === 0) return [];
  const end = Math.max(q.end, q.start + 1);
  return s.raw
    .prepare(
      `SELECT it.person_id AS personId, pe.name AS personName, i.id AS interventionId,
         CASE WHEN i.number IS NULL THEN NULL ELSE coalesce(se.prefix || ' ', '') || i.number END AS label,
         i.planned_start AS start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) AS "end"
       FROM intervention_technicians it JOIN interventions i ON i.id = it.intervention_id JOIN personnel pe ON pe.id = it.person_id
       LEFT JOIN series se ON se.id = i.series_id
       WHERE it.deleted_at IS NULL AND i.deleted_at IS NULL AND i.cancelled_at IS NULL
         AND i.planned_start >= ? AND i.planned_start < ? AND coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) > ?
         AND it.person_id IN (${q.personIds.map(() => '?').join(', ')}) AND i.id IS NOT ?
       ORDER BY it.person_id, i.planned_start, i.id`,
    )
    .all(q.start - lookbackMs(s), end, q.start, ...q.personIds, q.excludeId ?? null) as TechnicianClash[];
}
