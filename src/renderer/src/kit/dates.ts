import type { DatesProviderSettings } from '@mantine/dates';

/*
 * One way of writing dates per UI language, used by every screen (grid cells, lists, the form's
 * fields, pickers). The European languages write the day first; English follows the region the
 * user chose on this workstation, day first unless they picked the United States.
 */

export type EnglishRegion = 'GB' | 'US';
type Order = 'dmy' | 'mdy';

const REGION_KEY = 'callcenter.englishRegion';

interface DateStyle {
  /** Locale tag for Intl formatters. */
  intl: string;
  /** dayjs locale name (the pickers' month and day names). */
  dayjs: string;
  /** dayjs tokens of a day as typed and shown. */
  day: string;
  order: Order;
  firstDayOfWeek: 0 | 1;
}

const STYLES: Record<string, DateStyle> = {
  'en-GB': { intl: 'en-GB', dayjs: 'en', day: 'DD/MM/YYYY', order: 'dmy', firstDayOfWeek: 1 },
  'en-US': { intl: 'en-US', dayjs: 'en', day: 'MM/DD/YYYY', order: 'mdy', firstDayOfWeek: 0 },
  ro: { intl: 'ro-RO', dayjs: 'ro', day: 'DD.MM.YYYY', order: 'dmy', firstDayOfWeek: 1 },
  'pt-BR': { intl: 'pt-BR', dayjs: 'pt-br', day: 'DD/MM/YYYY', order: 'dmy', firstDayOfWeek: 0 },
  ca: { intl: 'ca-ES', dayjs: 'ca', day: 'DD/MM/YYYY', order: 'dmy', firstDayOfWeek: 1 },
};

/** The English region chosen on this workstation (day first until the user picks the US). */
export function englishRegion(): EnglishRegion {
  try {
    return localStorage.getItem(REGION_KEY) === 'US' ? 'US' : 'GB';
  } catch {
    return 'GB';
  }
}

export function rememberEnglishRegion(region: EnglishRegion): void {
  try {
    localStorage.setItem(REGION_KEY, region);
  } catch {
    // Storage disabled: the choice lasts until the window closes, as the caller re-renders with it.
  }
}

function style(language: string): DateStyle {
  const key = language === 'en' ? `en-${englishRegion()}` : language;
  return STYLES[key] ?? STYLES['en-GB']!;
}

/** The Intl locale tag dates are formatted with in this UI language. */
export const dateLocale = (language: string): string => style(language).intl;

/** How a day is written in this UI language (dayjs tokens), e.g. 'DD.MM.YYYY'. */
export const dayFormat = (language: string): string => style(language).day;

/** The pickers' locale and first day of the week. */
export function datesSettings(language: string): DatesProviderSettings {
  const s = style(language);
  return { locale: s.dayjs, firstDayOfWeek: s.firstDayOfWeek, consistentWeeks: true };
}

export interface TypedMoment {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A moment as the pickers hold it: 'YYYY-MM-DD HH:mm:ss', local time. */
export const pickerValue = (m: TypedMoment): string => `${pad(m.year, 4)}-${pad(m.month)}-${pad(m.day)} ${pad(m.hour)}:${pad(m.minute)}:00`;

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return false;
  return day <= new Date(year, month, 0).getDate();
}

/** '5.12.2026', '05/12/26', '0512', '051226', '05122026' → year, month, day (in the language's order). */
function parseDay(text: string, order: Order, thisYear: number): { year: number; month: number; day: number } | null {
  let parts: string[];
  if (/^\d+$/.test(text)) {
    // Without separators: two digits each, the year of 2 or 4 digits last.
    if (![4, 6, 8].includes(text.length)) return null;
    parts = [text.slice(0, 2), text.slice(2, 4), ...(text.length > 4 ? [text.slice(4)] : [])];
  } else {
    parts = text.split(/[./-]+/).filter(Boolean);
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  }
  const [a, b, y] = parts.map(Number) as [number, number, number | undefined];
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  const yearText = parts[2];
  const year = y === undefined ? thisYear : yearText && yearText.length <= 2 ? 2000 + y : y;
  return validDay(year, month, day) ? { year, month, day } : null;
}

/** '9:30', '09.30', '0930', '930', '9', '14h05' → hour and minute. */
function parseTime(text: string): { hour: number; minute: number } | null {
  let m = /^(\d{1,2})(?:[:.h](\d{2}))?$/i.exec(text);
  let hour: number;
  let minute: number;
  if (m) {
    hour = Number(m[1]);
    minute = m[2] ? Number(m[2]) : 0;
  } else {
    m = /^(\d{1,2})(\d{2})$/.exec(text);
    if (!m) return null;
    hour = Number(m[1]);
    minute = Number(m[2]);
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/**
 * What an operator typed in a date field, in their language's order, with or without separators:
 * '05.12.2026 09:30', '5/12/26 930', '05122026 0930', '0512 1445' (this year). Without a time the
 * given fallback is kept (the field's previous time, or midnight). Null when it is not a real moment.
 */
export function parseTypedMoment(text: string, language: string, thisYear: number, fallback: { hour: number; minute: number } = { hour: 0, minute: 0 }): TypedMoment | null {
  const t = text.trim().replace(/\s*,\s*/g, ' ');
  if (!t) return null;
  const order = style(language).order;
  const pieces = t.split(/\s+/);
  if (pieces.length > 2) return null;
  // A day, then the time after a space: '05.12.2026' alone is only a day.
  const [dayText = '', timePiece = null] = pieces;
  const day = parseDay(dayText, order, thisYear);
  if (!day) return null;
  const time = timePiece === null ? fallback : parseTime(timePiece);
  if (!time) return null;
  return { ...day, ...time };
}

/** A calendar day's ('YYYY-MM-DD') first moment on this workstation's clock. */
export const dayStartMs = (day: string): number => new Date(`${day}T00:00:00`).getTime();

/** The next day's first moment: a day with a DST change is 23 or 25 hours long. */
export function dayEndMs(day: string): number {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.getTime();
}
