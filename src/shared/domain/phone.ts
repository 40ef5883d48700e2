import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: 'empty' | 'invalid' };

/**
 * Normalizes a typed or caller-ID number to E.164, so a caller matches a client however the
 * number was written. Uses the "min" metadata (length and leading-digit checks, about 80 kB):
 * strict per-digit rules would reject newly assigned ranges until the library is updated.
 */
export function normalizePhone(input: unknown, defaultCountry: string): PhoneResult {
  if (input === null || input === undefined) return { ok: false, reason: 'empty' };
  if (typeof input !== 'string') return { ok: false, reason: 'invalid' };
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  // "00" is the international prefix in all our countries; the library expects "+".
  const typed = text.startsWith('00') ? '+' + text.slice(2) : text;
  const country = defaultCountry.trim().toUpperCase();
  const parsed = parsePhoneNumberFromString(typed, {
    defaultCountry: /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined,
    extract: false,
  });
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid' };
  return { ok: true, e164: parsed.number };
}

/** Numbers as displayed, by number (bounded: cleared past 5,000). */
const formatted = new Map<string, string>();

/** International display format ("+40 721 234 567"); the input itself when it does not parse. */
export function formatPhone(e164: string): string {
  let shown = formatted.get(e164);
  if (shown === undefined) {
    const parsed = parsePhoneNumberFromString(e164);
    shown = parsed ? parsed.formatInternational() : e164;
    // Parsing costs ~0.1 ms: a grid page draws a hundred numbers, many of them again as it scrolls.
    if (formatted.size >= 5000) formatted.clear();
    formatted.set(e164, shown);
  }
  return shown;
}

/** The country an E.164 number belongs to ("RO"), or null when the library cannot tell. */
export function phoneCountry(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}
