import { Button, Divider, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncState } from '../../../../shared/api/sync';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { ConflictsList } from './conflicts-list';
import { DownloadProgress } from './download-progress';
import './sync.css';

/** The facts of the sync's state, label beside value. */
export function SyncFacts({ state }: { state: SyncState }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  return (
    <div className="sync-facts" data-testid="sync-facts">
      {state.progress && (
        <div className="sync-facts-wide">
          <DownloadProgress progress={state.progress} />
        </div>
      )}
      <Text size="xs" c="dimmed">{t('sync.store')}</Text>
      <Text size="sm" ff="monospace" truncate>{state.store ?? '—'}</Text>
      <Text size="xs" c="dimmed">{t('sync.lastSync')}</Text>
      <Text size="sm">{state.lastSyncAt ? fmt.dateTime(state.lastSyncAt) : t('sync.never')}</Text>
      <Text size="xs" c="dimmed">{t('sync.pending')}</Text>
      <Text size="sm" data-testid="sync-facts-pending">{fmt.count(state.pending)}</Text>
      {state.files.toSend + state.files.toReceive > 0 && (
        <>
          <Text size="xs" c="dimmed">{t('sync.files')}</Text>
          <Text size="sm" data-testid="sync-facts-files">
            {[
              state.files.toSend > 0 ? t('sync.filesToSend', { count: state.files.toSend }) : null,
              state.files.toReceive > 0 ? t('sync.filesToReceive', { count: state.files.toReceive }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </>
      )}
      {state.rejected > 0 && (
        <>
          <Text size="xs" c="dimmed">{t('sync.refused')}</Text>
          <Text size="sm" c="red.8">{fmt.count(state.rejected)}</Text>
        </>
      )}
      {state.message && (
        <>
          <span />
          <Text size="xs" c="orange.8">{state.message}</Text>
        </>
      )}
    </div>
  );
}

/** What the status bar's sync slot opens: the state, a sync now, and the conflicts to review. */
export function SyncPanel({ state }: { state: SyncState }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  if (state.status === 'standalone') {
    return (
      <Text size="sm" c="dimmed" data-testid="sync-panel">
        {t('sync.standalone')}
      </Text>
    );
  }
  const now = () => {
    setBusy(true);
    api
      .call('sync.now', {})
      .catch((e: unknown) => notifications.show({ color: 'red', message: toCallError(e).message }))
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap="sm" data-testid="sync-panel">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <SyncFacts state={state} />
        <Button size="compact-sm" variant="light" loading={busy} onClick={now} data-testid="sync-now">
          {t('sync.syncNow')}
        </Button>
      </Group>
      <Divider />
      <ConflictsList />
    </Stack>
  );
}
