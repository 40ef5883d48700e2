import type { TFunction } from 'i18next';
import { choiceOf, type ContractInterval } from '../../../../shared/domain/contract-schedule';
import { dateLocale } from '../../kit/dates';

/* A contract's schedule in words, in the user's language ("Monthly, on day 10"). */

/** A weekday's name (1 Monday … 7 Sunday) in the language. */
export function weekdayName(language: string, day: number): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(dateLocale(language), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, day));
}

/** A month's name (1-12) in the language. */
export function monthName(language: string, month: number): string {
  return new Intl.DateTimeFormat(dateLocale(language), { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, month - 1, 1));
}

export function scheduleText(t: TFunction, language: string, rule: string): string {
  const c = choiceOf(rule);
  switch (c.interval) {
    case 'weekly':
      return t('contracts.schedule.weekly', { weekday: weekdayName(language, c.day) });
    case 'monthly':
      return c.day === 31 ? t('contracts.schedule.monthlyLast') : t('contracts.schedule.monthly', { day: c.day });
    case 'quarterly':
      return c.day === 31 ? t('contracts.schedule.quarterlyLast') : t('contracts.schedule.quarterly', { day: c.day });
    case 'yearly':
      return t('contracts.schedule.yearly', {
        date: new Intl.DateTimeFormat(dateLocale(language), { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, c.month - 1, c.day)),
      });
    case 'custom':
      return t('contracts.schedule.custom', { rule });
  }
}

export function intervalLabel(t: TFunction, interval: ContractInterval): string {
  switch (interval) {
    case 'weekly':
      return t('contracts.interval.weekly');
    case 'monthly':
      return t('contracts.interval.monthly');
    case 'quarterly':
      return t('contracts.interval.quarterly');
    case 'yearly':
      return t('contracts.interval.yearly');
    case 'custom':
      return t('contracts.interval.custom');
  }
}
