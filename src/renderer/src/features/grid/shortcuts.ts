import type { ShortcutGroup } from '../../kit/shortcuts';

/** The interventions window's keys (grid-keys.ts and the window), for the F1 help. */
export const GRID_SHORTCUTS: ShortcutGroup = {
  id: 'grid',
  title: (t) => t('shortcuts.grid.title'),
  shortcuts: [
    { id: 'add', keys: ['Insert'], label: (t) => t('shortcuts.grid.add') },
    { id: 'open', keys: ['Enter'], label: (t) => t('shortcuts.grid.open') },
    { id: 'delete', keys: ['Delete'], label: (t) => t('shortcuts.grid.delete') },
    { id: 'search', keys: ['Ctrl', 'F'], label: (t) => t('shortcuts.grid.search') },
    { id: 'refresh', keys: ['F5'], label: (t) => t('shortcuts.grid.refresh') },
    { id: 'move', keys: ['↑', '↓'], label: (t) => t('shortcuts.grid.move') },
    { id: 'page', keys: ['PgUp', 'PgDn'], label: (t) => t('shortcuts.grid.page') },
    { id: 'ends', keys: ['Home', 'End'], label: (t) => t('shortcuts.grid.ends') },
    { id: 'group', keys: ['←', '→'], label: (t) => t('shortcuts.grid.group') },
    { id: 'column', keys: ['Ctrl', 'Shift', '←/→'], label: (t) => t('shortcuts.grid.column') },
  ],
};
