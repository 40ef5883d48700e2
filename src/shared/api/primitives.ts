import { z } from 'zod';

/*
 * The zod pieces every capability's contract is made of, once: person-typed text, record ids
 * and versions, dates, countries. A capability file adds only what is its own.
 */

/** Text typed by a person: trimmed, bounded, and never containing control characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlCharacters(s), 'contains control characters');

/** Tabs and line breaks are fine in text; other C0 controls and DEL only come from bad input. */
function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

/** Optional text: absent, null and empty all become null. */
export const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((s) => (s ? s : null));

export const empty = z.object({}).strict();

/** Required person-typed text: trimmed, bounded, not empty. */
export const requiredText = (max: number) => text(max).pipe(z.string().min(1, 'required'));

/** A record's id as the API takes it (UUIDs, or the few fixed ids of reference rows). */
export const id = z.string().trim().min(1, 'required').max(64);
export const optionalId = id.nullish().transform((s) => s ?? null);
/** The version of a record the caller last saw: a stale one is a conflict, never an overwrite. */
export const version = z.number().int().min(1);
/** A record named by its id alone (reads). */
export const byId = z.object({ id }).strict();
/** A record named with the version the caller last saw. */
export const recordRef = z.object({ id, version }).strict();

/** A calendar date yyyy-mm-dd that exists (no 2025-02-30). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'a date as yyyy-mm-dd', abort: true })
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, 'not a real date');

/** An ISO 3166-1 country code, as typed (" ro" is RO). */
export const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'a two-letter country code (ISO 3166-1)');

export const isEmail = (s: string) => z.email().safeParse(s).success;
