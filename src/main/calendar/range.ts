/* How the calendar's reads find the interventions of a range. */

/**
 * How far back a planned start may lie and its intervention still reach into the range: the
 * search walks the planned_start index from (from - MAX_SPAN) to `to`, so it stays a short range
 * scan at any size. An intervention planned to last longer than this is missing from ranges that
 * start more than MAX_SPAN after its planned start (a visit, not a project, is what is planned).
 */
export const MAX_SPAN_MS = 92 * 86_400_000;

/** A planned start without an end is shown as an hour. */
export const DEFAULT_LENGTH_MS = 3_600_000;
