import { describe, expect, it } from 'vitest';
import { clockFrom, parseInstant, pinnedClock } from '../../src/main/core/clock';
import { parseAppArgs } from '../../src/main/app/options';
import { hostNow, localDay, syncHostClock } from '../../src/renderer/src/api/host-clock';

describe("the app's clock", () => {
  it('starts a pinned clock at the instant and runs on from there, never backwards', () => {
    let elapsed = 1000;
    const clock = pinnedClock(Date.parse('2026-11-16T12:00:00Z'), () => elapsed);
    expect(clock()).toBe(Date.parse('2026-11-16T12:00:00Z'));
    elapsed += 90_000;
    expect(clock()).toBe(Date.parse('2026-11-16T12:01:30Z'));
  });

  it('is the machine clock when nothing is pinned', () => {
    expect(clockFrom(undefined)).toBe(Date.now);
    expect(clockFrom('')).toBe(Date.now);
  });

  it('refuses an instant without a time or a zone, or one that is not a date, naming the setting', () => {
    expect(parseInstant('2026-11-16T12:00:00+02:00')).toBe(Date.parse('2026-11-16T10:00:00Z'));
    for (const bad of ['2026-11-16', '2026-11-16T12:00:00', 'tomorrow', '2026-13-45T99:00Z', '']) {
      expect(() => parseInstant(bad, '--clock'), bad).toThrow(/--clock/);
    }
  });

  it('the host takes --clock or CC_CLOCK, and refuses a bad one before starting', () => {
    expect(parseAppArgs(['--clock', '2026-11-16T12:00:00Z'], {}).clock).toBe('2026-11-16T12:00:00Z');
    expect(parseAppArgs([], { CC_CLOCK: '2027-01-01T00:00:00Z' }).clock).toBe('2027-01-01T00:00:00Z');
    expect(parseAppArgs([], {}).clock).toBeUndefined();
    expect(() => parseAppArgs(['--clock', 'soon'], {})).toThrow(/--clock must be an instant/);
    expect(() => parseAppArgs([], { CC_CLOCK: '2026-11-16' })).toThrow(/CC_CLOCK must be an instant/);
  });
});

describe("the page's view of the host's clock", () => {
  it('follows the host once a session answer says its time, and ignores answers without one', () => {
    const local = Date.now();
    syncHostClock(Date.parse('2026-11-16T12:00:00Z'), local);
    expect(Math.abs(hostNow() - Date.parse('2026-11-16T12:00:00Z'))).toBeLessThan(5_000);
    syncHostClock(null);
    syncHostClock(Number.NaN);
    expect(Math.abs(hostNow() - Date.parse('2026-11-16T12:00:00Z'))).toBeLessThan(5_000);
    syncHostClock(Date.now());
    expect(Math.abs(hostNow() - Date.now())).toBeLessThan(1_000);
  });

  it('names a local day as yyyy-mm-dd', () => {
    const noon = new Date(2026, 10, 16, 12, 0, 0).getTime();
    expect(localDay(noon)).toBe('2026-11-16');
    expect(localDay(new Date(2027, 0, 1, 0, 0, 0).getTime())).toBe('2027-01-01');
  });
});
