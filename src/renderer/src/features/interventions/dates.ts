import type { DatesProviderSettings } from '@mantine/dates';
import dayjs from 'dayjs';

/*
 * How the form's date pickers read and write dates in each UI language. The dayjs locales
 * themselves are loaded once by intervention-form.tsx.
 */

const DAYJS_LOCALE: Record<string, string> = { en: 'en', ro: 'ro', 'pt-BR': 'pt-br', ca: 'ca' };
/** How each UI language writes a day (dayjs tokens). */
const DAY_FORMAT: Record<string, string> = { en: 'MM/DD/YYYY', ro: 'DD.MM.YYYY', 'pt-BR': 'DD/MM/YYYY', ca: 'DD/MM/YYYY' };

/** The pickers' locale and first day of the week (Sunday where the language's users start there). */
export function datesSettings(language: string): DatesProviderSettings {
  return { locale: DAYJS_LOCALE[language] ?? 'en', firstDayOfWeek: language === 'en' || language === 'pt-BR' ? 0 : 1 };
}

export function dayFormat(language: string): string {
  return DAY_FORMAT[language] ?? 'YYYY-MM-DD';
}

/** Epoch ms as the picker's value ('YYYY-MM-DD HH:mm:ss', local time). */
export const toPicker = (ms: number | null): string | null => (ms === null ? null : dayjs(ms).format('YYYY-MM-DD HH:mm:ss'));
/** The picker's value back to epoch ms. */
export const fromPicker = (v: string | null): number | null => (v ? dayjs(v).valueOf() : null);
