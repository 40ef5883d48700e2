import { dateLocale } from './dates';

/**
 * Dates and numbers of the grid in the UI language, with one Intl formatter each (making them
 * per cell costs more than the rest of the row).
 */
export interface GridFormat {
  language: string;
  count: (n: number) => string;
  /** A calendar date: 'YYYY-MM-DD' (how doc dates travel) or epoch ms. */
  date: (v: string | number | null) => string;
  /** A moment: epoch ms, shown as date and time. */
  dateTime: (v: string | number | null) => string;
  /** A day group key 'YYYY-MM-DD'. */
  day: (key: string) => string;
  /** A month group key 'YYYY-MM'. */
  month: (key: string) => string;
}

const cache = new Map<string, GridFormat>();


/** '2024-03-07' → a local Date of that day; anything else → null. */
export function parseDay(s: string): Date | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
}

/** A Date → 'YYYY-MM-DD' of its local day. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function gridFormat(language: string): GridFormat {
  // Keyed by the date locale too: English dates follow the region chosen on the workstation.
  const locale = dateLocale(language);
  const key = `${language}|${locale}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const number = new Intl.NumberFormat(language);
  const dateFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
  // Date and 24-hour time side by side, without the comma some languages put between them: it fits the column.
  const timeFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dayFmt = new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
  const monthFmt = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long' });
  const toDate = (v: string | number): Date | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? new Date(v) : null;
    return parseDay(v) ?? (Number.isNaN(Date.parse(v)) ? null : new Date(v));
  };
  const f: GridFormat = {
    language,
    count: (n) => number.format(n),
    date: (v) => {
      if (v === null || v === '') return '';
      const d = toDate(v);
      return d ? dateFmt.format(d) : String(v);
    },
    dateTime: (v) => {
      if (v === null || v === '') return '';
      const d = toDate(v);
      return d ? `${dateFmt.format(d)} ${timeFmt.format(d)}` : String(v);
    },
    day: (key) => {
      const d = parseDay(key);
      return d ? dayFmt.format(d) : key;
    },
    month: (key) => {
      const d = parseDay(key);
      if (!d) return key;
      const s = monthFmt.format(d);
      return s.charAt(0).toLocaleUpperCase(language) + s.slice(1);
    },
  };
  cache.set(key, f);
  return f;
}

/** A call's length as people read it: 3:07, 12:45 (minutes and seconds). */
export const formatDuration = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds) % 60).padStart(2, '0')}`;
