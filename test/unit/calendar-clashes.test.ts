import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sweepClashes, type Visit } from '../../src/main/calendar/clashes';

/* The calendar's double-booking sweep against the plain definition: every pair compared. */

function byPairs(visits: readonly Visit[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  visits.forEach((a, i) =>
    visits.forEach((b, j) => {
      if (i === j || a.personId !== b.personId || !(a.start < b.end && b.start < a.end)) return;
      out.set(a.interventionId, (out.get(a.interventionId) ?? new Set()).add(a.personId));
    }),
  );
  return out;
}

const asSorted = (m: Map<string, Set<string>>) => [...m].map(([k, v]) => [k, [...v].sort()] as const).sort(([a], [b]) => (a < b ? -1 : 1));

describe('sweepClashes', () => {
  it('flags exactly the visits that overlap another of the same person', () => {
    const visit = fc.record({
      personId: fc.constantFrom('p1', 'p2', 'p3'),
      start: fc.integer({ min: 0, max: 40 }),
      length: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(fc.array(visit, { maxLength: 30 }), (raw) => {
        // Distinct interventions, some with two people (the same intervention on two visits).
        const visits = raw.map((v, i) => ({ personId: v.personId, interventionId: `iv${i % 20}-${v.personId}`, start: v.start, end: v.start + v.length }));
        expect(asSorted(sweepClashes(visits))).toEqual(asSorted(byPairs(visits)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not flag visits that only touch (one ends when the next starts)', () => {
    const visits = [
      { personId: 'p', interventionId: 'a', start: 0, end: 10 },
      { personId: 'p', interventionId: 'b', start: 10, end: 20 },
      { personId: 'q', interventionId: 'c', start: 5, end: 15 },
    ];
    expect(sweepClashes(visits).size).toBe(0);
  });
});
