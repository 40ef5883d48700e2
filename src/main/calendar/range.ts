import type { ServiceContext } from '../core/context';

/* How the calendar's reads find the interventions of a range. */

/**
 * How far back a planned start may lie and its intervention still reach into the range: the
 * search walks the planned_start index from (from - MAX_SPAN) to `to`, so it stays a short range
 * scan at any size. An intervention planned to last longer than this is missing from ranges that
 * start more than MAX_SPAN after its planned start (a visit, not a project, is what is planned).
 */
const MAX_SPAN_MS = 92 * 86_400_000;

/** A planned start without an end is shown as an hour. */
export const DEFAULT_LENGTH_MS = 3_600_000;

const longest = new WeakMap<ServiceContext, number>();
const following = new WeakSet<ServiceContext>();

/**
 * How far back a range's search must look: the longest planned visit among live interventions
 * (at least an hour, at most MAX_SPAN_MS). Measured once (one scan) and then followed through
 * every committed write that plans an intervention, growing only (a visit shortened leaves it
 * long enough); a store joined measures it again. Visits last hours, so a month's read walks
 * the index from a few hours before the range instead of three months before it.
 */
export function lookbackMs(s: ServiceContext): number {
  const known = longest.get(s);
  if (known !== undefined) return known;
  const max = s.raw.prepare('SELECT max(planned_end - planned_start) FROM interventions WHERE deleted_at IS NULL AND planned_start IS NOT NULL').pluck().get() as number | null;
  const value = clamp(max ?? 0);
  longest.set(s, value);
  if (!following.has(s)) {
    following.add(s);
    const span = s.raw.prepare('SELECT planned_end - planned_start FROM interventions WHERE id = ?').pluck();
    s.events.onCommitted((notice) => {
      if (notice.reset) return void longest.delete(s);
      const current = longest.get(s);
      if (current === undefined) return;
      let grown = current;
      for (const row of notice.rows) {
        if (row.table !== 'interventions' || !row.rowId || !(row.op === 'insert' || row.columns.includes('planned_start') || row.columns.includes('planned_end'))) continue;
        grown = Math.max(grown, clamp((span.get(row.rowId) as number | null | undefined) ?? 0));
      }
      if (grown !== current) longest.set(s, grown);
    });
  }
  return value;
}

const clamp = (ms: number) => Math.min(MAX_SPAN_MS, Math.max(DEFAULT_LENGTH_MS, ms));
