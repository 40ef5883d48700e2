import { CHECK_DIGIT, FORMAT, allSame, randomDigits, type Check } from './digits';

function mod11(values: number[], weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] ?? 0) * (weights[i] ?? 0);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/** CPF: two mod-11 digits with weights 10..2 and 11..2. */
function cpfControl(body9: string): string {
  const d = [...body9].map(Number);
  const d1 = mod11(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = mod11([...d, d1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return `${d1}${d2}`;
}

const W1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const W2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * CNPJ: two mod-11 digits. Characters count as their code minus 48, so the alphanumeric CNPJ
 * the Receita Federal issues from July 2026 (letters in the first 12 positions) validates too.
 */
function cnpjControl(body12: string): string {
  const v = [...body12].map((c) => c.charCodeAt(0) - 48);
  const d1 = mod11(v, W1);
  const d2 = mod11([...v, d1], W2);
  return `${d1}${d2}`;
}

export function checkBrazil(code: string): Check {
  if (/^\d{11}$/.test(code)) {
    if (allSame(code)) return FORMAT;
    return cpfControl(code.slice(0, 9)) === code.slice(9) ? { ok: true, kind: 'cpf' } : CHECK_DIGIT;
  }
  if (/^[0-9A-Z]{12}\d{2}$/.test(code)) {
    if (allSame(code)) return FORMAT;
    return cnpjControl(code.slice(0, 12)) === code.slice(12) ? { ok: true, kind: 'cnpj' } : CHECK_DIGIT;
  }
  return FORMAT;
}

export function makeBrazil(kind: string, rnd: () => number): string {
  if (kind === 'cnpj') {
    // 8-digit root, branch 0001 (head office) most of the time.
    const body = randomDigits(8, rnd, '0123456789') + (rnd() < 0.85 ? '0001' : '000' + String(2 + Math.floor(rnd() * 8)));
    return body + cnpjControl(body);
  }
  const body = randomDigits(9, rnd, '0123456789');
  return allSame(body) ? makeBrazil(kind, rnd) : body + cpfControl(body);
}
