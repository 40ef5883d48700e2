/** Helpers shared by the per-country rules; inputs are already normalized (A-Z, 0-9). */

export type Check = { ok: true; kind: string } | { ok: false; reason: 'format' | 'check_digit' };

export const FORMAT: Check = { ok: false, reason: 'format' };
export const CHECK_DIGIT: Check = { ok: false, reason: 'check_digit' };

export function digitsOf(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) - 48);
  return out;
}

/** A random string of n decimal digits; `first` restricts the leading digit. */
export function randomDigits(n: number, rnd: () => number, first = '0123456789'): string {
  let s = first[Math.floor(rnd() * first.length)] ?? '1';
  while (s.length < n) s += String(Math.floor(rnd() * 10));
  return s;
}

/** True when every character is the same ("00000000000"): formally valid codes nobody has. */
export function allSame(s: string): boolean {
  for (let i = 1; i < s.length; i++) if (s[i] !== s[0]) return false;
  return true;
}
