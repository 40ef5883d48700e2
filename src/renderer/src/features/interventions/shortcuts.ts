import type { ShortcutGroup } from '../../kit/shortcuts';

/** The intervention form's keys (form-keys.ts, the composer), for the F1 help. */
export const FORM_SHORTCUTS: ShortcutGroup = {
  id: 'form',
  title: (t) => t('shortcuts.form.title'),
  shortcuts: [
    { id: 'save', keys: ['Ctrl', 'S'], label: (t) => t('shortcuts.form.save') },
    { id: 'close', keys: ['Esc'], label: (t) => t('shortcuts.form.close') },
    { id: 'next', keys: ['Tab'], label: (t) => t('shortcuts.form.next') },
    { id: 'send', keys: ['Ctrl', 'Enter'], label: (t) => t('shortcuts.form.send') },
  ],
};
