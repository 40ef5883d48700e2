/**
 * The app's clock. Normally the machine's; with CC_CLOCK (or the host's --clock) set to an
 * instant, the clock starts there and runs on at the machine's pace. The demo generator, the
 * first-start demo and every service read this one clock, so data made "a week ago" stays a
 * week old however long after the pinned instant a test runs: tests pin it, users never do.
 */
export type Clock = () => number;

/** Parses an ISO instant ("2026-11-16T09:00:00Z"); throws a readable Error otherwise. */
export function parseInstant(text: string, name = 'CC_CLOCK'): number {
  // A bare date would be read as UTC midnight by Date and local midnight by people: ask for both parts.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new Error(`${name} must be an instant with its zone, like 2026-11-16T09:00:00Z, not "${text}".`);
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`${name} is not a real date: "${text}".`);
  return ms;
}

/** A clock that starts at `startMs` and runs on from there (monotonic, so writes keep their order). */
export function pinnedClock(startMs: number, elapsed: () => number = () => performance.now()): Clock {
  const origin = elapsed();
  return () => Math.round(startMs + (elapsed() - origin));
}

/** The clock a setting asks for: pinned when one is given, else the machine's. */
export function clockFrom(setting: string | undefined, name = 'CC_CLOCK'): Clock {
  return setting ? pinnedClock(parseInstant(setting, name)) : Date.now;
}

/** The workstation's time zone (the TZ environment variable when set): where wall-clock times are read. */
export function workstationZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
