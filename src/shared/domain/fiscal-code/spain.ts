import { CHECK_DIGIT, FORMAT, randomDigits, type Check } from './digits';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const CIF_LETTERS = 'JABCDEFGHI';

function dniLetter(num: number): string {
  return DNI_LETTERS[num % 23] ?? '';
}

/** CIF control: even positions summed, odd positions doubled with digit sum; 10 minus the units. */
function cifControl(digits7: string): number {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const d = Number(digits7[i]);
    if (i % 2 === 1) sum += d;
    else {
      const x = d * 2;
      sum += Math.floor(x / 10) + (x % 10);
    }
  }
  return (10 - (sum % 10)) % 10;
}

// Entity letter decides the kind of control character: always a letter, always a digit, or either.
const CONTROL_LETTER = 'NPQRSW';
const CONTROL_DIGIT = 'ABEH';

/**
 * DNI (8 digits + letter), NIE (X/Y/Z + 7 digits + letter), CIF (letter + 7 digits + control).
 * K, L and M numbers (Spaniards under 14, Spaniards abroad, foreigners without an NIE) are
 * people's numbers: their letter is the DNI's, computed on the 7 digits.
 */
export function checkSpain(code: string): Check {
  if (/^\d{8}[A-Z]$/.test(code)) {
    return dniLetter(Number(code.slice(0, 8))) === code[8] ? { ok: true, kind: 'nif' } : CHECK_DIGIT;
  }
  if (/^[KLM]\d{7}[A-Z]$/.test(code)) {
    return dniLetter(Number(code.slice(1, 8))) === code[8] ? { ok: true, kind: 'nif' } : CHECK_DIGIT;
  }
  if (/^[XYZ]\d{7}[A-Z]$/.test(code)) {
    const num = Number('XYZ'.indexOf(code[0] ?? '') + code.slice(1, 8));
    return dniLetter(num) === code[8] ? { ok: true, kind: 'nie' } : CHECK_DIGIT;
  }
  if (/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(code)) {
    const entity = code[0] ?? '';
    const control = cifControl(code.slice(1, 8));
    const last = code[8] ?? '';
    const asLetter = CIF_LETTERS[control] === last;
    const asDigit = String(control) === last;
    const ok = CONTROL_LETTER.includes(entity) ? asLetter : CONTROL_DIGIT.includes(entity) ? asDigit : asLetter || asDigit;
    return ok ? { ok: true, kind: 'cif' } : CHECK_DIGIT;
  }
  return FORMAT;
}

export function makeSpain(kind: string, rnd: () => number): string {
  if (kind === 'nie') {
    const prefix = 'XYZ'[Math.floor(rnd() * 3)] ?? 'X';
    const digits = randomDigits(7, rnd);
    return prefix + digits + dniLetter(Number('XYZ'.indexOf(prefix) + digits));
  }
  if (kind === 'cif') {
    // Mostly S.L. (B) and S.A. (A), both with a digit control.
    const entity = rnd() < 0.75 ? 'B' : 'A';
    const digits = randomDigits(7, rnd);
    return entity + digits + String(cifControl(digits));
  }
  const digits = randomDigits(8, rnd, '0123456789');
  return digits + dniLetter(Number(digits));
}
