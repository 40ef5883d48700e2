import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hostNow, localDay } from '../api/host-clock';
import { dayFormat, parseTypedMoment, pickerValue } from './dates';

/*
 * Date fields an operator types into, in their language's order and with or without separators
 * ('0512 0930', '05.12.2026 09:30'); the calendar under the field is a help. The field keeps the
 * keyboard focus while the calendar is open (a click on a day does not take it), so Tab, Ctrl+S
 * and Esc go on working; the first Esc only closes the calendar.
 */

type Common = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'withTime' | 'popoverProps'>;

/** Esc while the calendar is open closes the calendar only (the form would take it as "close"). */
function useCalendarOpen() {
  const open = useRef(false);
  return {
    popoverProps: {
      onOpen: () => (open.current = true),
      onClose: () => (open.current = false),
      // Flip above the field or shift along it, so the whole month always shows in the window.
      middlewares: { flip: true, shift: true },
    },
    onKeyDown: (e: React.KeyboardEvent<HTMLInputElement>) => {
      if (e.key === 'Escape' && open.current) e.stopPropagation();
    },
  };
}

// A day typed without a year falls in the host's year (the page's clock can differ from it).
const thisYear = () => new Date(hostNow()).getFullYear();

/** A moment (epoch ms, local time) typed as day and time. */
export function MomentField({ value, onChange, ...rest }: Common & { value: number | null; onChange: (ms: number | null) => void }) {
  const { i18n } = useTranslation();
  const calendar = useCalendarOpen();
  const current = value === null ? null : dayjs(value);
  const keptTime = current ? { hour: current.hour(), minute: current.minute() } : undefined;
  return (
    <DateInput
      {...rest}
      {...calendar}
      // Tab goes field to field: the clear button is for the mouse (the keyboard selects and deletes).
      clearButtonProps={{ tabIndex: -1 }}
      withTime
      // An empty field's calendar opens on the host's today (its clock can differ from the page's).
      defaultDate={localDay()}
      value={current ? current.format('YYYY-MM-DD HH:mm:ss') : null}
      valueFormat={`${dayFormat(i18n.language)} HH:mm`}
      dateParser={(text) => {
        const m = parseTypedMoment(text, i18n.language, thisYear(), keptTime);
        return m ? pickerValue(m) : null;
      }}
      onChange={(v) => {
        if (!v) return onChange(null);
        // A day clicked in the calendar comes without a time: it keeps the field's time.
        const picked = v.length <= 10 && keptTime ? dayjs(v).hour(keptTime.hour).minute(keptTime.minute) : dayjs(v);
        onChange(picked.valueOf());
      }}
    />
  );
}

/** A calendar day ('YYYY-MM-DD'). */
export function DayField({ value, onChange, ...rest }: Common & { value: string | null; onChange: (day: string | null) => void }) {
  const { i18n } = useTranslation();
  const calendar = useCalendarOpen();
  return (
    <DateInput
      {...rest}
      {...calendar}
      clearButtonProps={{ tabIndex: -1 }}
      defaultDate={localDay()}
      value={value}
      valueFormat={dayFormat(i18n.language)}
      dateParser={(text) => {
        const m = parseTypedMoment(text, i18n.language, thisYear());
        return m ? pickerValue(m).slice(0, 10) : null;
      }}
      onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
    />
  );
}
