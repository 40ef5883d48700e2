import type { ShortcutGroup } from '../../kit/shortcuts';

/** The softphone's keys: they work on every screen, also while typing in a field. */
export const CALL_SHORTCUTS: ShortcutGroup = {
  id: 'softphone',
  title: (t) => t('calls.keys.title'),
  shortcuts: [
    { id: 'answer', keys: ['F8'], label: (t) => t('calls.keys.answer') },
    { id: 'hangUp', keys: ['F9'], label: (t) => t('calls.keys.hangUp') },
    { id: 'hold', keys: ['F4'], label: (t) => t('calls.keys.hold') },
    { id: 'mute', keys: ['Shift', 'F4'], label: (t) => t('calls.keys.mute') },
    { id: 'new', keys: ['F2'], label: (t) => t('calls.keys.newIntervention') },
    { id: 'dnd', keys: ['Shift', 'F9'], label: (t) => t('calls.keys.dnd') },
    { id: 'record', keys: ['F7'], label: (t) => t('calls.keys.record') },
  ],
};

/** The call log's keys. */
export const CALL_LOG_SHORTCUTS: ShortcutGroup = {
  id: 'call-log',
  title: (t) => t('calls.log.title'),
  shortcuts: [
    { id: 'move', keys: ['↑', '↓'], label: (t) => t('shortcuts.editor.move') },
    { id: 'callBack', keys: ['Enter'], label: (t) => t('calls.log.callBack') },
    { id: 'handled', keys: ['H'], label: (t) => t('calls.log.markHandled') },
    { id: 'listen', keys: ['L'], label: (t) => t('calls.log.listen') },
  ],
};
