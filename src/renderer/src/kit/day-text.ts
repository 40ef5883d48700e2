import { dateLocale } from './dates';

/** A calendar day (YYYY-MM-DD) written for the UI language ("Fri, 20 Nov 2026"); the day never moves with the zone. */
export function dayText(language: string, day: string, withWeekday = false): string {
  return new Intl.DateTimeFormat(dateLocale(language), { ...(withWeekday ? { weekday: 'short' } : {}), day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
