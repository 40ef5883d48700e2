import { CHECK_DIGIT, FORMAT, digitsOf, randomDigits, type Check } from './digits';

/** Mod 11 control: weights 9..2 on the first 8 digits; remainder 0 or 1 gives 0. */
function nifControl(body: string): number {
  const d = digitsOf(body);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (d[i] ?? 0) * (9 - i);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

// 1-3 and 45: natural persons; 5, 6, 8, 9 and 7x: companies, public bodies, estates (NIPC).
const PERSON = /^([123]|45)/;
const VALID_START = /^([1235689]|45|7[0-9])/;

export function checkPortugal(code: string): Check {
  if (!/^\d{9}$/.test(code) || !VALID_START.test(code)) return FORMAT;
  if (nifControl(code) !== Number(code[8])) return CHECK_DIGIT;
  return { ok: true, kind: PERSON.test(code) ? 'nif' : 'nipc' };
}

export function makePortugal(kind: string, rnd: () => number): string {
  const body = kind === 'nipc' ? randomDigits(8, rnd, '5') : randomDigits(8, rnd, '123');
  return body + String(nifControl(body));
}
