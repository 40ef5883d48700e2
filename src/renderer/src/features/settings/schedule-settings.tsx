import { Chip, Group, NumberInput, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ScheduleSettings } from '../../../../shared/api/settings';
import { dateLocale } from '../../kit/dates';
import type { FieldErrors } from '../../kit/editor/field-errors';

/*
 * The scheduling calendar's working time in Administration → Settings: the working hours it
 * shades and opens on, the working days, whether the others are left out of its views, and how
 * many days the technicians' timeline shows.
 */

export interface ScheduleDraft {
  dayStart: string;
  dayEnd: string;
  workingDays: number[];
  hideNonWorkingDays: boolean;
  timelineDays: number | string;
}

export const scheduleDraftOf = (s: ScheduleSettings): ScheduleDraft => ({ ...s, workingDays: [...s.workingDays] });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function scheduleErrors(d: ScheduleDraft, t: TFunction): FieldErrors {
  const e: FieldErrors = {};
  if (!TIME.test(d.dayStart)) e['schedule.dayStart'] = t('admin.settings.schedule.errors.time');
  if (!TIME.test(d.dayEnd)) e['schedule.dayEnd'] = t('admin.settings.schedule.errors.time');
  else if (TIME.test(d.dayStart) && d.dayEnd <= d.dayStart) e['schedule.dayEnd'] = t('admin.settings.schedule.errors.order');
  if (d.workingDays.length === 0) e['schedule.workingDays'] = t('admin.settings.schedule.errors.days');
  const n = d.timelineDays;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 31) e['schedule.timelineDays'] = t('admin.settings.schedule.errors.timeline');
  return e;
}

export const schedulePatch = (d: ScheduleDraft): ScheduleSettings => ({
  dayStart: d.dayStart,
  dayEnd: d.dayEnd,
  workingDays: [...d.workingDays].sort((a, b) => a - b),
  hideNonWorkingDays: d.hideNonWorkingDays,
  timelineDays: Number(d.timelineDays),
});

export function ScheduleSettingsBox({ value: d, onChange, errors }: { value: ScheduleDraft; onChange: (d: ScheduleDraft) => void; errors: FieldErrors }) {
  const { t, i18n } = useTranslation();
  const weekday = new Intl.DateTimeFormat(dateLocale(i18n.language), { weekday: 'short', timeZone: 'UTC' });
  const set = <K extends keyof ScheduleDraft>(k: K, v: ScheduleDraft[K]) => onChange({ ...d, [k]: v });
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="settings-schedule">
      <Text size="sm" fw={500}>
        {t('admin.settings.schedule.title')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('admin.settings.schedule.hint')}
      </Text>
      <Stack gap="xs">
        <Group gap="xs" align="flex-start">
          <TextInput size="xs" w={110} label={t('admin.settings.schedule.dayStart')} value={d.dayStart} onChange={(e) => set('dayStart', e.currentTarget.value)} placeholder="08:00" error={errors['schedule.dayStart']} data-testid="settings-day-start" />
          <TextInput size="xs" w={110} label={t('admin.settings.schedule.dayEnd')} value={d.dayEnd} onChange={(e) => set('dayEnd', e.currentTarget.value)} placeholder="18:00" error={errors['schedule.dayEnd']} data-testid="settings-day-end" />
          <NumberInput
            size="xs"
            w={190}
            label={t('admin.settings.schedule.timelineDays')}
            value={d.timelineDays}
            onChange={(v) => set('timelineDays', v)}
            min={1}
            max={31}
            allowDecimal={false}
            error={errors['schedule.timelineDays']}
            data-testid="settings-timeline-days"
          />
        </Group>
        <div>
          <Text size="xs" fw={500} mb={4}>
            {t('admin.settings.schedule.workingDays')}
          </Text>
          <Chip.Group multiple value={d.workingDays.map(String)} onChange={(v) => set('workingDays', v.map(Number))}>
            <Group gap={4}>
              {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                <Chip key={day} size="xs" value={String(day)} data-testid={`settings-working-day-${day}`}>
                  {/* 2024-01-01 was a Monday. */}
                  {weekday.format(Date.UTC(2024, 0, day))}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {errors['schedule.workingDays'] && (
            <Text size="xs" c="red" mt={4}>
              {errors['schedule.workingDays']}
            </Text>
          )}
        </div>
        <Switch size="xs" label={t('admin.settings.schedule.hideNonWorkingDays')} checked={d.hideNonWorkingDays} onChange={(e) => set('hideNonWorkingDays', e.currentTarget.checked)} data-testid="settings-hide-days" />
      </Stack>
    </Paper>
  );
}
