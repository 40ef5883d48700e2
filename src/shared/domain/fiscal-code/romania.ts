import { CHECK_DIGIT, FORMAT, digitsOf, randomDigits, type Check } from './digits';

const CIF_KEY = [7, 5, 3, 2, 1, 7, 5, 3, 2];
const CNP_KEY = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];

/** CIF/CUI control digit: body left-padded to 9 digits, weighted by 753217532, ×10 mod 11 (10 → 0). */
function cifControl(body: string): number {
  const d = digitsOf(body.padStart(9, '0'));
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (d[i] ?? 0) * (CIF_KEY[i] ?? 0);
  const r = (sum * 10) % 11;
  return r === 10 ? 0 : r;
}

/** CNP control digit: first 12 digits weighted by 279146358279, mod 11 (10 → 1). */
function cnpControl(body: string): number {
  const d = digitsOf(body);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (d[i] ?? 0) * (CNP_KEY[i] ?? 0);
  const r = sum % 11;
  return r === 10 ? 1 : r;
}

/**
 * The county codes a CNP can carry (its 8th and 9th digits): the counties and Bucharest's
 * sectors (01-48), Călărași and Giurgiu (51, 52), and the codes not tied to a county (70, 80-83),
 * as python-stdnum lists them today. The one list of them: a new code is added here.
 */
const CNP_COUNTIES: ReadonlySet<number> = new Set([...Array.from({ length: 48 }, (_, i) => i + 1), 51, 52, 70, 80, 81, 82, 83]);

function validCnpDate(code: string): boolean {
  const sex = Number(code[0]);
  const yy = Number(code.slice(1, 3));
  const mm = Number(code.slice(3, 5));
  const dd = Number(code.slice(5, 7));
  const century = sex === 1 || sex === 2 ? 1900 : sex === 3 || sex === 4 ? 1800 : sex === 5 || sex === 6 ? 2000 : 1900;
  if (sex === 0 || mm < 1 || mm > 12 || dd < 1) return false;
  const days = new Date(Date.UTC(century + yy, mm, 0)).getUTCDate();
  return dd <= days;
}

/** 2-10 digits is a CIF (companies); 13 digits is a CNP (persons). */
export function checkRomania(code: string): Check {
  if (!/^\d+$/.test(code)) return FORMAT;
  if (code.length === 13) {
    if (!validCnpDate(code) || !CNP_COUNTIES.has(Number(code.slice(7, 9)))) return FORMAT;
    return cnpControl(code) === Number(code[12]) ? { ok: true, kind: 'cnp' } : CHECK_DIGIT;
  }
  if (code.length < 2 || code.length > 10 || code[0] === '0') return FORMAT;
  return cifControl(code.slice(0, -1)) === Number(code[code.length - 1]) ? { ok: true, kind: 'cif' } : CHECK_DIGIT;
}

export function makeRomania(kind: string, rnd: () => number): string {
  if (kind === 'cnp') {
    const sex = 1 + Math.floor(rnd() * 2) + (rnd() < 0.3 ? 4 : 0); // born 1900-1999 or 2000-
    const yy = sex >= 5 ? Math.floor(rnd() * 6) : 40 + Math.floor(rnd() * 60);
    const mm = 1 + Math.floor(rnd() * 12);
    const dd = 1 + Math.floor(rnd() * 28);
    const county = 1 + Math.floor(rnd() * 46);
    const body =
      String(sex) + pad2(yy) + pad2(mm) + pad2(dd) + pad2(county) + String(1 + Math.floor(rnd() * 999)).padStart(3, '0');
    return body + String(cnpControl(body));
  }
  const body = randomDigits(5 + Math.floor(rnd() * 4), rnd, '123456789');
  return body + String(cifControl(body));
}

const pad2 = (n: number) => String(n).padStart(2, '0');
