import { checkBrazil, makeBrazil } from './brazil';
import type { Check } from './digits';
import { checkPortugal, makePortugal } from './portugal';
import { checkRomania, makeRomania } from './romania';
import { checkSpain, makeSpain } from './spain';

export type FiscalCodeResult =
  | { ok: true; normalized: string; kind: string }
  | { ok: false; reason: 'empty' | 'format' | 'check_digit' | 'unsupported_country' };

/** The kinds each supported country knows; the first is the companies' code. */
export const FISCAL_CODE_KINDS = {
  RO: ['cif', 'cnp'],
  PT: ['nipc', 'nif'],
  BR: ['cnpj', 'cpf'],
  ES: ['cif', 'nif', 'nie'],
} as const;

type Supported = keyof typeof FISCAL_CODE_KINDS;

const RULES: Record<Supported, { check: (code: string) => Check; make: (kind: string, rnd: () => number) => string }> = {
  RO: { check: checkRomania, make: makeRomania },
  PT: { check: checkPortugal, make: makePortugal },
  BR: { check: checkBrazil, make: makeBrazil },
  ES: { check: checkSpain, make: makeSpain },
};

const MAX_OTHER_LENGTH = 32;

function isSupported(country: string): country is Supported {
  return Object.prototype.hasOwnProperty.call(RULES, country);
}

/*
 * The separators people type or paste: spaces of every kind (also non-breaking ones), the
 * invisible format characters (zero-width spaces) that come with text copied from documents,
 * dots, slashes, and every dash Unicode has (hyphen, en and em dash, minus sign...), which word
 * processors put in for a typed hyphen.
 */
const SEPARATORS = /[\s\p{Cf}./\p{Pd}\u2212]+/gu;

/** Uppercase, and drop the separators: what a code is compared and stored as. */
export function cleanFiscalCode(input: string): string {
  return input.replace(SEPARATORS, '').toUpperCase();
}

/**
 * Strips a VAT-style country prefix ("RO123…", "ESB…"). None of the supported codes starts
 * with its own country's two letters followed by a digit or a letter that begins a valid code,
 * except a 14-character alphanumeric CNPJ, which is left alone.
 */
function stripPrefix(code: string, country: Supported): string {
  if (!code.startsWith(country) || code.length <= 2) return code;
  if (country === 'BR' && code.length === 14) return code;
  return code.slice(2);
}

export function validateFiscalCode(country: string, input: unknown): FiscalCodeResult {
  if (input === null || input === undefined) return { ok: false, reason: 'empty' };
  // Numbers are refused rather than converted: they have already lost leading zeros (CPF, NIF).
  if (typeof input !== 'string') return { ok: false, reason: 'format' };
  const cleaned = cleanFiscalCode(input);
  if (cleaned === '') return { ok: false, reason: 'empty' };
  const cc = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(cc)) return { ok: false, reason: 'unsupported_country' };
  if (!isSupported(cc)) {
    return cleaned.length <= MAX_OTHER_LENGTH
      ?  { ok: true, normalized: cleaned, kind: 'other' }
      : { ok: false, reason: 'format' };
  }
  const code = stripPrefix(cleaned, cc);
  const r = RULES[cc].check(code);
  return r.ok ? { ok: true, normalized: code, kind: r.kind } : r;
}

/** Makes a valid code of the given kind (see FISCAL_CODE_KINDS), for the demo data and tests. */
export function makeFiscalCode(country: string, kind: string, rnd: () => number): string {
  const cc = country.toUpperCase();
  if (!isSupported(cc)) throw new Error(`No fiscal code generator for country ${country}`);
  const kinds: readonly string[] = FISCAL_CODE_KINDS[cc];
  if (!kinds.includes(kind)) throw new Error(`Unknown fiscal code kind ${kind} for ${cc}`);
  return RULES[cc].make(kind, rnd);
}
