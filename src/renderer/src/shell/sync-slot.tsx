import { Modal, Text, UnstyledButton } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../shared/api/sync';
import { SyncPanel } from '../features/sync/sync-panel';
import { useSyncState } from '../features/sync/use-sync-state';

/**
 * The status bar's sync slot: standalone, or the shared store's state (online, syncing,
 * offline, waiting for a login), the changes not yet pushed and the time of the last sync.
 * Kept current by the 'sync.state' event. A click opens the sync panel (state, conflicts).
 */
export function SyncSlotText() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const state = useSyncState();
  return (
    <>
      <UnstyledButton onClick={() => setOpen(true)} title={t('sync.open')} aria-haspopup="dialog" data-testid="sync-slot" style={{ minWidth: 0 }}>
        <SlotText state={state} />
      </UnstyledButton>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('sync.panelTitle')} size="lg">
        {state && <SyncPanel state={state} />}
      </Modal>
    </>
  );
}

function SlotText({ state }: { state: SyncState | null }): ReactNode {
  const { t, i18n } = useTranslation();
  if (!state || state.status === 'standalone') {
    return (
      <Text size="xs" style={{ whiteSpace: 'nowrap' }} data-sync="standalone">
        {t('status.sync')}: <Text span size="xs" c="dimmed">{t('common.notConfigured')}</Text>
      </Text>
    );
  }
  const color = state.status === 'online' ? 'teal.8' : state.status === 'syncing' ? undefined : 'orange.8';
  const last = state.lastSyncAt ? new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(state.lastSyncAt) : null;
  return (
    <Text size="xs" style={{ whiteSpace: 'nowrap' }} c={color} data-sync={state.status} title={state.message ?? undefined}>
      {
        {
          online: t('status.syncState.online'),
          syncing: t('status.syncState.syncing'),
          offline: t('status.syncState.offline'),
          'needs-login': t('status.syncState.needs-login'),
        }[state.status]
      }
      {state.progress && ` · ${state.progress.phase === 'indexes' ? t('sync.progress.indexesShort') : `${Math.floor((state.progress.done / Math.max(1, state.progress.total)) * 100)} %`}`}
      {state.pending > 0 && ` · ${t('status.syncPending', { count: state.pending })}`}
      {last && <Text span size="xs" c="dimmed">{` · ${t('status.syncLast', { time: last })}`}</Text>}
      {state.conflicts > 0 && (
        <Text span size="xs" c="orange.8" fw={600} data-testid="sync-slot-conflicts">
          {' · ⚠ '}
          {state.conflicts}
        </Text>
      )}
    </Text>
  );
}
