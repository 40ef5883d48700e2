import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, choiceOf, dayIn, occurrences, ruleOf, ruleProblem, zonedInstant, type ScheduleChoice } from '../../src/shared/domain/contract-schedule';

/*
 * A contract's days and the instants of its visits: the presets' rules (the 31st in short months,
 * 29 February, quarterly across a year end), and wall-clock times across DST changes in the
 * zones our users work in.
 */

const span = (rule: string, startDate: string, endDate: string | null = null) => ({ rule, startDate, endDate });
const choice = (c: Partial<ScheduleChoice>): ScheduleChoice => ({ interval: 'monthly', day: 1, month: 1, rule: '', ...c });

describe('the presets', () => {
  it('monthly on the 31st is the last day of shorter months, never a skipped month', () => {
    const rule = ruleOf(choice({ interval: 'monthly', day: 31 }));
    expect(occurrences(span(rule, '2026-01-01'), '2026-01-01', '2026-06-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    // A leap year's February has its 29th.
    expect(occurrences(span(rule, '2028-01-01'), '2028-02-01', '2028-02-29')).toEqual(['2028-02-29']);
  });

  it('monthly on the 30th: February gets its last day, the other months the 30th', () => {
    const rule = ruleOf(choice({ interval: 'monthly', day: 30 }));
    expect(occurrences(span(rule, '2027-01-01'), '2027-01-01', '2027-03-31')).toEqual(['2027-01-30', '2027-02-28', '2027-03-30']);
  });

  it('yearly on 29 February is the 28th in common years and the 29th in leap years', () => {
    const rule = ruleOf(choice({ interval: 'yearly', day: 29, month: 2 }));
    expect(occurrences(span(rule, '2027-01-01'), '2027-01-01', '2029-12-31')).toEqual(['2027-02-28', '2028-02-29', '2029-02-28']);
  });

  it('quarterly from November runs across the year end: November, February, May, August', () => {
    const rule = ruleOf(choice({ interval: 'quarterly', day: 10 }));
    expect(occurrences(span(rule, '2026-11-01'), '2026-11-01', '2027-11-30')).toEqual(['2026-11-10', '2027-02-10', '2027-05-10', '2027-08-10', '2027-11-10']);
  });

  it('weekly on a weekday; the end date closes the contract', () => {
    const rule = ruleOf(choice({ interval: 'weekly', day: 3 }));
    expect(occurrences(span(rule, '2026-12-01', '2026-12-20'), '2026-11-01', '2027-01-31')).toEqual(['2026-12-02', '2026-12-09', '2026-12-16']);
  });

  it('each preset reads back as itself; any other rule is custom', () => {
    fc.assert(
      fc.property(fc.constantFrom('weekly', 'monthly', 'quarterly', 'yearly' as const), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), (interval, day, month) => {
        const c = choice({ interval, day: interval === 'weekly' ? ((day - 1) % 7) + 1 : day, month });
        const rule = ruleOf(c);
        const back = choiceOf(rule);
        expect(back.interval).toBe(interval);
        expect(ruleOf(back)).toBe(rule);
      }),
    );
    expect(choiceOf('FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO').interval).toBe('custom');
  });

  it('a rule that cannot run says why', () => {
    expect(ruleProblem('FREQ=MONTHLY;BYMONTHDAY=10')).toBeNull();
    expect(ruleProblem('FREQ=FORTNIGHTLY')).toMatch(/valid RRULE/);
    expect(ruleProblem('FREQ=HOURLY')).toMatch(/at most daily/);
    expect(ruleProblem('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY')).toMatch(/DTSTART/);
    expect(ruleProblem('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30')).toMatch(/no occurrence/);
  });
});

describe('days against any range', () => {
  it('a range cut in pieces gives the same days as the whole (none missed, none twice)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('FREQ=WEEKLY;BYDAY=FR', 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1', 'FREQ=DAILY;INTERVAL=5'),
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 12 }),
        (rule, offset, cuts) => {
          const start = addDays('2024-01-01', offset);
          const end = cuts.reduce((d, n) => addDays(d, n), start);
          const whole = occurrences(span(rule, '2024-01-01'), start, end);
          const pieces: string[] = [];
          let from = start;
          for (const n of cuts) {
            const to = addDays(from, n);
            pieces.push(...occurrences(span(rule, '2024-01-01'), from, addDays(to, -1)));
            from = to;
          }
          pieces.push(...occurrences(span(rule, '2024-01-01'), end, end));
          expect(pieces).toEqual(whole);
        },
      ),
    );
  });
});

describe('visits in the workstation’s zone', () => {
  const at = (iso: string) => Date.parse(iso);

  it('Europe/Bucharest: 09:00 is 07:00Z in winter and 06:00Z in summer, either side of the change', () => {
    expect(zonedInstant('2027-03-27', '09:00', 'Europe/Bucharest')).toBe(at('2027-03-27T07:00:00Z'));
    expect(zonedInstant('2027-03-28', '09:00', 'Europe/Bucharest')).toBe(at('2027-03-28T06:00:00Z'));
    expect(zonedInstant('2027-10-31', '09:00', 'Europe/Bucharest')).toBe(at('2027-10-31T07:00:00Z'));
    // 03:30 does not exist on the spring day (03:00 → 04:00): the visit is at 04:30, the same length after.
    expect(zonedInstant('2027-03-28', '03:30', 'Europe/Bucharest')).toBe(at('2027-03-28T01:30:00Z'));
    // 03:30 happens twice on the autumn day: the first.
    expect(zonedInstant('2027-10-31', '03:30', 'Europe/Bucharest')).toBe(at('2027-10-31T00:30:00Z'));
  });

  it('Europe/Lisbon: the change at 01:00 in spring and 02:00 in autumn', () => {
    expect(zonedInstant('2027-03-28', '09:00', 'Europe/Lisbon')).toBe(at('2027-03-28T08:00:00Z'));
    expect(zonedInstant('2027-03-27', '09:00', 'Europe/Lisbon')).toBe(at('2027-03-27T09:00:00Z'));
    expect(zonedInstant('2027-03-28', '01:30', 'Europe/Lisbon')).toBe(at('2027-03-28T01:30:00Z'));
    expect(zonedInstant('2027-10-31', '01:30', 'Europe/Lisbon')).toBe(at('2027-10-31T00:30:00Z'));
  });

  it('America/Sao_Paulo: no DST now; in 2018 midnight did not exist on 4 November and the day stays the 4th', () => {
    expect(zonedInstant('2027-01-10', '09:00', 'America/Sao_Paulo')).toBe(at('2027-01-10T12:00:00Z'));
    expect(zonedInstant('2018-11-04', '00:30', 'America/Sao_Paulo')).toBe(at('2018-11-04T03:30:00Z'));
    expect(dayIn(zonedInstant('2018-11-04', '00:30', 'America/Sao_Paulo'), 'America/Sao_Paulo')).toBe('2018-11-04');
    expect(zonedInstant('2018-11-05', '09:00', 'America/Sao_Paulo')).toBe(at('2018-11-05T11:00:00Z'));
  });

  it('any day and time, in each zone, is back on its day and (outside a gap) at its time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Europe/Bucharest', 'Europe/Lisbon', 'America/Sao_Paulo', 'UTC'),
        fc.integer({ min: 0, max: 365 * 12 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (zone, offset, h, m) => {
          const day = addDays('2016-01-01', offset);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const instant = zonedInstant(day, time, zone);
          expect(dayIn(instant, zone)).toBe(day);
          const shown = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(instant);
          // In a gap the time is up to an hour later, never earlier.
          const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
          expect(minutes(shown) - minutes(time)).toBeGreaterThanOrEqual(0);
          expect(minutes(shown) - minutes(time)).toBeLessThanOrEqual(60);
        },
      ),
      { numRuns: 500 },
    );
  });
});
