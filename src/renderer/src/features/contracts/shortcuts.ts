import type { ShortcutGroup } from '../../kit/shortcuts';

/** The Service contracts list's keys (and the Calendar module's switch between its two screens). */
export const CONTRACT_SHORTCUTS: ShortcutGroup = {
  id: 'contracts',
  title: (t) => t('contracts.keys.title'),
  shortcuts: [
    { id: 'switch', keys: ['F6'], label: (t) => t('contracts.keys.switch') },
    { id: 'new', keys: ['Insert'], label: (t) => t('contracts.keys.new') },
    { id: 'edit', keys: ['Enter'], label: (t) => t('contracts.keys.edit') },
    { id: 'pause', keys: ['P'], label: (t) => t('contracts.keys.pause') },
    { id: 'delete', keys: ['Delete'], label: (t) => t('contracts.keys.delete') },
  ],
};
