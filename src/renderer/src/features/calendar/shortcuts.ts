import type { ShortcutGroup } from '../../kit/shortcuts';

/** The Calendar module's keys (outside a field). */
export const CALENDAR_SHORTCUTS: ShortcutGroup = {
  id: 'calendar',
  title: (t) => t('calendar.keys.title'),
  shortcuts: [
    { id: 'move', keys: ['PageUp', 'PageDown'], label: (t) => t('calendar.keys.move') },
    { id: 'today', keys: ['T'], label: (t) => t('calendar.keys.today') },
    { id: 'views', keys: ['M', 'W', 'D', 'L'], label: (t) => t('calendar.keys.views') },
    { id: 'open', keys: ['Enter'], label: (t) => t('calendar.keys.open') },
    { id: 'new', keys: ['Insert'], label: (t) => t('calendar.keys.new') },
  ],
};
