import type { Rnd } from './prng';

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

const h = (b: number) => HEX[b & 0xff] as string;

/**
 * UUIDv7 ids for the demo, from the PRNG instead of the crypto source. The uuid package takes
 * about 1.6 µs an id here, 5-6 s for the ~3.5 M rows of a 1 M-intervention demo, and its ids
 * would differ on every run. Layout (RFC 9562): 48-bit Unix ms, version 7, 12 bits of counter,
 * variant 10, then 20 more counter bits and 42 random bits. The 32-bit counter (RFC 9562 method 1)
 * makes ids unique within a run even when many rows share a millisecond.
 */
export function makeUuid7(rnd: Rnd): (ms: number) => string {
  let counter = 0;
  return (ms: number): string => {
    const c = counter;
    counter = (counter + 1) >>> 0;
    const hi = Math.floor(ms / 0x100000000); // top 16 bits of the 48-bit timestamp
    const lo = ms >>> 0;
    const r1 = (rnd() * 0x100000000) >>> 0;
    const r2 = (rnd() * 0x400) >>> 0; // 10 more random bits: 42 in all
    const randA = (c >>> 20) & 0xfff;
    const cLow = c & 0xfffff;
    return (
      h(hi >>> 8) + h(hi) + h(lo >>> 24) + h(lo >>> 16) + '-' + h(lo >>> 8) + h(lo) + '-' +
      h(0x70 | (randA >>> 8)) + h(randA) + '-' +
      // variant 10 + top 6 bits of the low counter, then its remaining 14 bits and the random bits
      h(0x80 | (cLow >>> 14)) + h(cLow >>> 6) + '-' +
      h(((cLow & 0x3f) << 2) | (r2 >>> 8)) + h(r2) + h(r1 >>> 24) + h(r1 >>> 16) + h(r1 >>> 8) + h(r1)
    );
  };
}
