import { describe, expect, it } from 'vitest';
import { phoneVariants, toMatchQuery } from '../../src/main/grid/search-index';
import { todayRange } from '../../src/main/grid/where';

describe('quick search input', () => {
  it('makes every word a prefix term, whatever the person typed', () => {
    expect(toMatchQuery('Ștefan  inst')).toBe('"Ștefan"* "inst"*');
    expect(toMatchQuery('"a" OR b*')).toBe('"a"* "OR"* "b"*');
    expect(toMatchQuery('client:x NEAR(y)')).toBe('"client"* "x"* "NEAR"* "y"*');
    expect(toMatchQuery('  -- ; () ')).toBeNull();
    expect(toMatchQuery('0722 123 456')).toBe('"0722"* "123"* "456"*');
  });
  it('keeps at most eight words', () => {
    expect(toMatchQuery('a b c d e f g h i j')?.split(' ')).toHaveLength(8);
  });
});

describe('phone forms for the index', () => {
  it('indexes international, national and bare forms', () => {
    expect(phoneVariants('+40722123456').split(' ')).toEqual(['40722123456', '0722123456', '722123456']);
    expect(phoneVariants('+351912345678').split(' ')).toContain('912345678');
    expect(phoneVariants(null)).toBe('');
    expect(phoneVariants('')).toBe('');
  });
});

describe("the viewer's today", () => {
  it('starts at local midnight for the offset', () => {
    const noonUtc = Date.parse('2026-11-22T12:00:00Z');
    expect(todayRange(noonUtc, 0).map((t) => new Date(t).toISOString())).toEqual(['2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z']);
    // Bucharest in winter is UTC+2: its day starts at 22:00 UTC the day before.
    expect(new Date(todayRange(noonUtc, 120)[0]).toISOString()).toBe('2026-11-21T22:00:00.000Z');
    // São Paulo, UTC-3, at 01:00 UTC is still the previous day there.
    expect(new Date(todayRange(Date.parse('2026-11-22T01:00:00Z'), -180)[0]).toISOString()).toBe('2026-11-21T03:00:00.000Z');
  });
});
