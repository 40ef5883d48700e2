import type { ShortcutGroup } from '../../kit/shortcuts';

/** The Recordings module's keys: the list's, then the review pane's (outside a field). */
export const RECORDING_SHORTCUTS: ShortcutGroup = {
  id: 'recordings',
  title: (t) => t('recordings.keys.title'),
  shortcuts: [
    { id: 'open', keys: ['Enter'], label: (t) => t('recordings.keys.open') },
    { id: 'play', keys: ['Space'], label: (t) => t('recordings.keys.play') },
    { id: 'back', keys: ['←'], label: (t) => t('recordings.keys.back') },
    { id: 'forward', keys: ['→'], label: (t) => t('recordings.keys.forward') },
    { id: 'start', keys: ['Home'], label: (t) => t('recordings.keys.start') },
    { id: 'speed', keys: ['[', ']'], label: (t) => t('recordings.keys.speed') },
    { id: 'note', keys: ['N'], label: (t) => t('recordings.keys.note') },
    { id: 'close', keys: ['Esc'], label: (t) => t('recordings.keys.close') },
  ],
};
