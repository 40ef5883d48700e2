import { z } from 'zod';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../domain/intervention';
import { def } from './def';
import { read } from './permission';
import { id } from './primitives';

/* The scheduling calendar: interventions with a planned start and end, read for the range shown. */

/** One intervention on the calendar. Times are UTC ms; the page shows them in the workstation's zone. */
export interface CalendarEvent {
  id: string;
  /** Series prefix and number, or null before validation. */
  label: string | null;
  clientName: string;
  object: string | null;
  status: InterventionStatus;
  priority: 1 | 2 | 3;
  start: number;
  end: number;
  teamId: string | null;
  teamName: string | null;
  /** Technicians on it (their person ids, in name order) and their names. */
  technicianIds: string[];
  technicianNames: string[];
  /** The team confirmed it (moving it then asks first). */
  confirmed: boolean;
  version: number;
  /** Its technicians booked elsewhere at the same time (person ids): flagged on the calendar. */
  clashes: string[];
}

/** Another intervention a technician is booked on at the same time. */
export interface TechnicianClash {
  personId: string;
  personName: string;
  interventionId: string;
  label: string | null;
  start: number;
  end: number;
}

/** Lanes of the per-technician views. */
export interface CalendarResources {
  technicians: { id: string; name: string; teamIds: string[] }[];
  teams: { id: string; name: string }[];
}

/** The widest range one call may ask for: a month view shows six weeks, a list view a quarter. */
const CALENDAR_MAX_RANGE_DAYS = 100;

/**
 * At most this many events in one answer; the page says when a range holds more. A week of 2,000
 * visits is already more than a screen can show one by one (bench/calendar draws it in Chromium).
 */
export const CALENDAR_MAX_EVENTS = 2000;

export const calendarEventsInput = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    filters: z
      .object({
        technicianIds: z.array(id).max(200).optional(),
        teamIds: z.array(id).max(100).optional(),
        statuses: z.array(z.enum(INTERVENTION_STATUSES)).max(INTERVENTION_STATUSES.length).optional(),
        requestTypeIds: z.array(id).max(200).optional(),
        zones: z.array(z.string().max(100)).max(100).optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .refine((x) => x.to > x.from, { message: 'the range ends before it starts', path: ['to'] })
  .refine((x) => x.to - x.from <= CALENDAR_MAX_RANGE_DAYS * 86_400_000, { message: `at most ${CALENDAR_MAX_RANGE_DAYS} days at once`, path: ['to'] });

export const calendarMethods = {
  /** The interventions planned in [from, to) (any overlap), filtered; `more` when the range held more than the cap. */
  'calendar.events': def<{ events: CalendarEvent[]; more: boolean }>()(calendarEventsInput, read('calendar')),
  'calendar.resources': def<CalendarResources>()(z.object({}).strict(), read('calendar')),
  /** The form's check: are these technicians booked elsewhere in [start, end)? (Read as the form reads interventions.) */
  'calendar.clashes': def<TechnicianClash[]>()(
    z
      .object({ start: z.number().int(), end: z.number().int(), personIds: z.array(id).max(50), excludeId: id.optional() })
      .strict()
      .refine((x) => x.end >= x.start, { message: 'the planned end is before the planned start', path: ['end'] }),
    read('interventions'),
  ),
};
