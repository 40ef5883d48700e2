import type { TechnicianClash } from '../../shared/api/calendar';
import type { ServiceContext } from '../core/context';
import { DEFAULT_LENGTH_MS, lookbackMs } from './range';

/*
 * A technician booked twice at the same time: two live, not cancelled interventions whose planned
 * intervals overlap, with the same person on both. The calendar marks them; the form warns.
 */

/** One technician on one intervention, over its planned interval (what the form is told, too). */
type Booking = TechnicianClash;

/** Each technician's bookings overlapping [from, to), optionally only some people's, without one intervention. */
function bookings(s: ServiceContext, from: number, to: number, personIds?: readonly string[], excludeId?: string): Booking[] {
  const where = [
    'it.deleted_at IS NULL',
    'i.deleted_at IS NULL',
    'i.cancelled_at IS NULL',
    'i.planned_start >= ?',
    'i.planned_start < ?',
    `coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) > ?`,
  ];
  const params: (string | number)[] = [from - lookbackMs(s), to, from];
  if (personIds) {
    where.push(`it.person_id IN (${personIds.map(() => '?').join(', ')})`);
    params.push(...personIds);
  }
  if (excludeId) {
    where.push('i.id <> ?');
    params.push(excludeId);
  }
  return s.raw
    .prepare(
      `SELECT it.person_id AS personId, pe.name AS personName, i.id AS interventionId,
         CASE WHEN i.number IS NULL THEN NULL ELSE coalesce(se.prefix || ' ', '') || i.number END AS label,
         i.planned_start AS start, coalesce(i.planned_end, i.planned_start + ${DEFAULT_LENGTH_MS}) AS "end"
       FROM intervention_technicians it JOIN interventions i ON i.id = it.intervention_id JOIN personnel pe ON pe.id = it.person_id
       LEFT JOIN series se ON se.id = i.series_id
       WHERE ${where.join(' AND ')} ORDER BY it.person_id, i.planned_start, i.id`,
    )
    .all(...params) as Booking[];
}

/**
 * For the interventions of a range: which of their technicians are booked elsewhere at the same
 * time (intervention id → person ids). One sweep per person over their bookings in start order.
 */
export function clashesInRange(s: ServiceContext, from: number, to: number, personIds?: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const mark = (interventionId: string, personId: string) => out.set(interventionId, (out.get(interventionId) ?? new Set()).add(personId));
  let open: Booking[] = [];
  let person: string | null = null;
  for (const b of bookings(s, from, to, personIds)) {
    if (b.personId !== person) {
      person = b.personId;
      open = [];
    }
    open = open.filter((o) => o.end > b.start);
    for (const o of open) {
      mark(o.interventionId, b.personId);
      mark(b.interventionId, b.personId);
    }
    open.push(b);
  }
  return out;
}

/** The form's question: are these technicians booked elsewhere in [start, end)? */
export function technicianClashes(s: ServiceContext, q: { start: number; end: number; personIds: string[]; excludeId?: string | undefined }): TechnicianClash[] {
  if (q.personIds.length === 0) return [];
  return bookings(s, q.start, Math.max(q.end, q.start + 1), q.personIds, q.excludeId);
}
