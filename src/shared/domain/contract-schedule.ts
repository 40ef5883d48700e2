import { Frequency, rrulestr } from 'rrule';

/*
 * When a service contract's visits fall. A contract's days are calendar days (YYYY-MM-DD), never
 * instants: the RRULE runs over "floating" days written as UTC midnights, so no zone and no DST
 * change can move a visit to another day. Only the visit's time of day is read in a zone, when
 * an occurrence becomes an intervention (`zonedInstant`).
 *
 * The form's intervals are RRULEs too. A day of the month past the month's end means its last
 * day (the 31st is the 30th in April, the 28th or 29th in February): a monthly visit is never
 * skipped because a month is short, which a bare BYMONTHDAY=31 would do.
 */

export const CONTRACT_INTERVALS = ['weekly', 'monthly', 'quarterly', 'yearly', 'custom'] as const;
export type ContractInterval = (typeof CONTRACT_INTERVALS)[number];

/** How a form describes a schedule; `rule` is only read for 'custom'. */
export interface ScheduleChoice {
  interval: ContractInterval;
  /** weekly: 1 Monday … 7 Sunday; otherwise the day of the month, 1-31. */
  day: number;
  /** yearly: the month, 1-12. */
  month: number;
  rule: string;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const DAY_MS = 86_400_000;

/** "Day N, or the month's last day when it is shorter." */
function monthDay(day: number): string {
  if (day <= 28) return `BYMONTHDAY=${day}`;
  const days = [];
  for (let d = 28; d <= day; d++) days.push(d);
  return `BYMONTHDAY=${days.join(',')};BYSETPOS=-1`;
}

/** The RRULE (without DTSTART) for a form's choice. */
export function ruleOf(choice: ScheduleChoice): string {
  switch (choice.interval) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${WEEKDAYS[choice.day - 1] ?? 'MO'}`;
    case 'monthly':
      return `FREQ=MONTHLY;${monthDay(choice.day)}`;
    case 'quarterly':
      return `FREQ=MONTHLY;INTERVAL=3;${monthDay(choice.day)}`;
    case 'yearly':
      return `FREQ=YEARLY;BYMONTH=${choice.month};${monthDay(choice.day)}`;
    case 'custom':
      return choice.rule.trim().replace(/^RRULE:/i, '');
  }
}

/** A stored rule back as the form's choice (a rule the presets do not make is 'custom'). */
export function choiceOf(rule: string): ScheduleChoice {
  const custom: ScheduleChoice = { interval: 'custom', day: 1, month: 1, rule };
  const weekly = /^FREQ=WEEKLY;BYDAY=(MO|TU|WE|TH|FR|SA|SU)$/.exec(rule);
  if (weekly) return { ...custom, interval: 'weekly', day: WEEKDAYS.indexOf(weekly[1] as (typeof WEEKDAYS)[number]) + 1 };
  const m = /^FREQ=(MONTHLY|YEARLY)(;INTERVAL=3)?(?:;BYMONTH=(\d+))?;BYMONTHDAY=([\d,]+)(;BYSETPOS=-1)?$/.exec(rule);
  if (!m) return custom;
  const days = m[4]!.split(',').map(Number);
  const day = days[days.length - 1]!;
  const interval: ContractInterval = m[1] === 'YEARLY' ? 'yearly' : m[2] ? 'quarterly' : 'monthly';
  if ((interval === 'yearly') !== (m[3] !== undefined)) return custom;
  const choice: ScheduleChoice = { interval, day, month: m[3] ? Number(m[3]) : 1, rule };
  return ruleOf(choice) === rule ? choice : custom;
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const asDay = (d: Date) => d.toISOString().slice(0, 10);

/** A day plus (or minus) whole days. */
export function addDays(day: string, days: number): string {
  return asDay(new Date(asDate(day).getTime() + days * DAY_MS));
}

/**
 * Whether an RRULE is one we can run: parses, repeats, and is bounded in how often (at most
 * daily: a visit per minute is a typing mistake, not a contract). The reason when not.
 */
export function ruleProblem(rule: string): string | null {
  if (/DTSTART|\n/i.test(rule)) return 'The start date is its own field: write the rule without DTSTART.';
  try {
    const r = rrulestr(rule, { dtstart: asDate('2026-01-01') });
    if (r.options.freq > Frequency.DAILY) return 'A contract repeats at most daily.';
    if (r.all((_, i) => i < 1).length === 0) return 'This rule has no occurrence.';
    return null;
  } catch (e) {
    return `Not a valid RRULE: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export interface ScheduleSpan {
  rule: string;
  startDate: string;
  endDate: string | null;
}

/** The contract's days from `from` to `to`, both included (and within its start and end). */
export function occurrences(contract: ScheduleSpan, from: string, to: string): string[] {
  const first = from > contract.startDate ? from : contract.startDate;
  const last = contract.endDate && contract.endDate < to ? contract.endDate : to;
  if (first > last) return [];
  const r = rrulestr(contract.rule, { dtstart: asDate(contract.startDate) });
  return r.between(asDate(first), asDate(last), true).map(asDay);
}

/** The calendar day of an instant in a zone. */
export function dayIn(at: number, zone: string): string {
  const p = parts(at, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function parts(at: number, zone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(zone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(at: number, zone: string): number {
  const p = parts(at, zone);
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a wall-clock time on a day has in a zone. A time the clocks skip (the hour lost
 * in spring) is the same length after the change: 02:30 becomes 03:30; a time that happens twice
 * (the hour repeated in autumn) is its first.
 */
export function zonedInstant(day: string, time: string, zone: string): number {
  const [h, m] = time.split(':').map(Number);
  const wall = asDate(day).getTime() + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  const before = offsetAt(wall - DAY_MS / 2, zone);
  const after = offsetAt(wall + DAY_MS / 2, zone);
  // The earlier offset first: in a repeated hour that is the first pass.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const at = wall - offset;
    if (offsetAt(at, zone) === offset) return at;
  }
  // In the gap: neither offset gives this wall time; step over the gap.
  return wall - before;
}
