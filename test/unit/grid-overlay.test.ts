import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Overlay, type Item } from '../../src/main/grid/overlay';

/*
 * The overlay beside a snapshot (grid/overlay.ts) against a plain sorted list: rows have keys,
 * the snapshot holds them sorted as they were; rows then move (new key), leave or arrive, and
 * every window of the overlay must list what the sorted list of current keys lists.
 */

type Op = { kind: 'move'; i: number; key: number } | { kind: 'leave'; i: number } | { kind: 'arrive'; key: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('move' as const), i: fc.nat(), key: fc.integer({ min: -5, max: 105 }) }),
  fc.record({ kind: fc.constant('leave' as const), i: fc.nat() }),
  fc.record({ kind: fc.constant('arrive' as const), key: fc.integer({ min: -5, max: 105 }) }),
);

describe('the overlay of a snapshot', () => {
  it('lists every window as a fresh sort of the current rows would, after any moves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(op, { maxLength: 30 }), fc.nat(), fc.integer({ min: 1, max: 12 }), (n, ops, at, limit) => {
        // Row r (1..n) has key 2r at build time: snapshot position r.
        const keys = new Map<number, number>();
        for (let r = 1; r <= n; r++) keys.set(r, r * 2);
        const overlay = new Overlay(n);
        let next = n + 1;
        const order = (a: number, b: number) => keys.get(a)! - keys.get(b)! || a - b;
        for (const o of ops) {
          const rows = [...keys.keys()];
          const r = o.kind === 'arrive' ? next++ : rows[o.i % Math.max(1, rows.length)];
          if (r === undefined) continue;
          overlay.remove(r, r <= n ? r : undefined);
          if (o.kind === 'leave') keys.delete(r);
          else keys.set(r, o.key);
          // The caller's part: where each added row goes among the snapshot's positions still shown.
          const shown = (p: number) => !overlay.removed.includes(p);
          const anchorOf = (x: number) => {
            let a = 0;
            for (let p = 1; p <= n; p++) if (shown(p) && order(p, x) < 0) a = p;
            return a;
          };
          const added = [...overlay.added.map((a) => a.r), ...(o.kind === 'leave' ? [] : [r])].sort(order);
          expect(overlay.setAdded(added.map((x) => ({ r: x, anchor: anchorOf(x) })))).toBe(true);
        }
        const expected = [...keys.keys()].sort(order);
        expect(overlay.total).toBe(expected.length);
        const position = expected.length === 0 ? 0 : at % (expected.length + 2);
        const rowOf = (x: Item) => ('pos' in x ? x.pos : x.r);
        expect(overlay.window(position, limit).map(rowOf)).toEqual(expected.slice(position, position + limit));
        expect(overlay.window(0, expected.length + 1).map(rowOf)).toEqual(expected);
      }),
      { numRuns: 400, seed: 20261205 },
    );
  });

  it('refuses added rows whose places do not follow their order', () => {
    const overlay = new Overlay(10);
    expect(
      overlay.setAdded([
        { r: 20, anchor: 5 },
        { r: 21, anchor: 3 },
      ]),
    ).toBe(false);
    expect(overlay.total).toBe(10);
  });
});
