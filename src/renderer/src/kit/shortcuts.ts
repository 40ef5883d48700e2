import type { TFunction } from 'i18next';

/** One line of the F1 help: the keys (pressed together) and what they do. */
interface Shortcut {
  id: string;
  keys: string[];
  label: (t: TFunction) => string;
}

/** A titled group of the F1 help: the keys of one screen. */
export interface ShortcutGroup {
  id: string;
  title: (t: TFunction) => string;
  shortcuts: readonly Shortcut[];
}

/** The record lists and editors of Clients and Administration (use-list-cursor, the editor hooks). */
export const EDITOR_SHORTCUTS: ShortcutGroup = {
  id: 'editor',
  title: (t) => t('shortcuts.editor.title'),
  shortcuts: [
    { id: 'add', keys: ['Insert'], label: (t) => t('shortcuts.editor.add') },
    { id: 'move', keys: ['↑', '↓'], label: (t) => t('shortcuts.editor.move') },
    { id: 'open', keys: ['Enter'], label: (t) => t('shortcuts.editor.open') },
    { id: 'save', keys: ['Ctrl', 'S'], label: (t) => t('shortcuts.editor.save') },
    { id: 'leave', keys: ['Esc'], label: (t) => t('shortcuts.editor.leave') },
  ],
};
