// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { dayFormat, dateLocale, parseTypedMoment, rememberEnglishRegion } from '../../src/renderer/src/kit/dates';

// The year a date without one falls in is passed in, so nothing here depends on today's date.
const YEAR = 2026;
const at = (text: string, language = 'ro', fallback?: { hour: number; minute: number }) => {
  const m = parseTypedMoment(text, language, YEAR, fallback);
  return m && `${m.year}-${m.month}-${m.day} ${m.hour}:${String(m.minute).padStart(2, '0')}`;
};

describe('typed dates and times, in the language order (issue 9, items 5 and 10)', () => {
  afterEach(() => localStorage.clear());

  it('reads times with and without a separator (0930 was 00:30, 1445 was 10:05)', () => {
    expect(at('05.12.2026 0930')).toBe('2026-12-5 9:30');
    expect(at('05.12.2026 1445')).toBe('2026-12-5 14:45');
    expect(at('05.12.2026 930')).toBe('2026-12-5 9:30');
    expect(at('05.12.2026 9:30')).toBe('2026-12-5 9:30');
    expect(at('05.12.2026 14h05')).toBe('2026-12-5 14:05');
    expect(at('05.12.2026 9')).toBe('2026-12-5 9:00');
  });

  it('reads days with any separator, without one, with a short year or none', () => {
    expect(at('5/12/2026 10:00')).toBe('2026-12-5 10:00');
    expect(at('5-12-26 10:00')).toBe('2026-12-5 10:00');
    expect(at('05122026 1000')).toBe('2026-12-5 10:00');
    expect(at('051226 1000')).toBe('2026-12-5 10:00');
    expect(at('0512 1000')).toBe('2026-12-5 10:00');
    expect(at('5.12 10:00')).toBe('2026-12-5 10:00');
  });

  it('keeps the given time when only a day is typed', () => {
    expect(at('06.12.2026', 'ro', { hour: 8, minute: 15 })).toBe('2026-12-6 8:15');
    expect(at('06.12.2026')).toBe('2026-12-6 0:00');
  });

  it('refuses what is not a real moment', () => {
    for (const bad of ['31.02.2026 10:00', '05.13.2026', '05.12.2026 24:00', '05.12.2026 0960', 'tomorrow', '12345', '05.12.2026 09:30 x', '']) expect(at(bad), bad).toBeNull();
  });

  it('puts the day first in every language, English too unless the US region is chosen', () => {
    expect(at('03/07/2026 10:00', 'en')).toBe('2026-7-3 10:00');
    expect(at('03/07/2026 10:00', 'pt-BR')).toBe('2026-7-3 10:00');
    expect(at('03/07/2026 10:00', 'ca')).toBe('2026-7-3 10:00');
    expect([dayFormat('en'), dayFormat('ro'), dayFormat('pt-BR'), dayFormat('ca')]).toEqual(['DD/MM/YYYY', 'DD.MM.YYYY', 'DD/MM/YYYY', 'DD/MM/YYYY']);
    expect(dateLocale('en')).toBe('en-GB');
    rememberEnglishRegion('US');
    expect(at('03/07/2026 10:00', 'en')).toBe('2026-3-7 10:00');
    expect(dayFormat('en')).toBe('MM/DD/YYYY');
    expect(dateLocale('ro')).toBe('ro-RO');
  });
});
