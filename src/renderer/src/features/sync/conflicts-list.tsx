import { Badge, Button, Group, Loader, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictRow } from '../../../../shared/api/sync';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { RetryAlert } from './retry-alert';
import { fieldWords, showValue, tableLabel } from './values';

/**
 * The values of this user that lost to another workstation's earlier write (the store keeps
 * them): each with its record, its field, the value kept and theirs; "Re-apply mine" sends it
 * again through the form's own command, "Keep theirs" leaves the store's value. Online only: the
 * list lives in the store.
 */
export function ConflictsList() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const fmt = gridFormat(i18n.language);
  const [all, setAll] = useState(false);
  const [rows, setRows] = useState<ConflictRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(() => {
    api.call('sync.conflicts', { all }).then(setRows, (e: unknown) => setError(toCallError(e).message));
  }, [api, all]);
  useEffect(() => load(), [load]);

  const settle = async (c: ConflictRow, reapply: boolean) => {
    setBusy(c.id);
    try {
      if (reapply && c.reapply) await api.call(c.reapply.method, c.reapply.input);
      await api.call('sync.resolve', { id: c.id });
      notifications.show({ color: 'teal', message: reapply ? t('sync.conflicts.reapplied') : t('sync.conflicts.left'), autoClose: 3000 });
      load();
    } catch (e) {
      notifications.show({ color: 'red', message: toCallError(e).message, autoClose: 6000 });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs" data-testid="sync-conflicts">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('sync.conflicts.title')}
        </Text>
        <Switch size="xs" label={t('sync.conflicts.showResolved')} checked={all} onChange={(e) => setAll(e.currentTarget.checked)} data-testid="sync-conflicts-all" />
      </Group>
      <Text size="xs" c="dimmed">
        {t('sync.conflicts.hint')}
      </Text>
      {error && <RetryAlert text={t('sync.conflicts.loadFailed', { reason: error })} onRetry={() => (setError(null), load())} testid="sync-conflicts-error" />}
      {!error && rows === null && <Loader size="sm" />}
      {rows?.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="sync-conflicts-empty">
          {t('sync.conflicts.empty')}
        </Text>
      )}
      {rows?.map((c) => (
        <Paper key={c.id} withBorder p="xs" radius="sm" data-testid="sync-conflict" data-conflict={c.id} opacity={c.resolvedAt ? 0.65 : 1}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {tableLabel(t, c.table)} · {c.record ?? <Text span size="sm" c="dimmed" fs="italic">{t('sync.conflicts.notHere')}</Text>}
              </Text>
              <Text size="xs" c="dimmed">
                {fmt.dateTime(c.at)} · {t('sync.conflicts.by', { user: c.user ?? '—', workstation: c.workstation })}
              </Text>
            </div>
            {c.resolvedAt && (
              <Badge size="xs" variant="light" color="gray">
                {t('sync.conflicts.resolvedAt', { at: fmt.dateTime(c.resolvedAt) })}
              </Badge>
            )}
          </Group>
          <div className="sync-conflict-values">
            <Text size="xs" c="dimmed">{t('sync.conflicts.field')}</Text>
            <Text size="sm" data-testid="sync-conflict-field">{fieldWords(c.fieldKey ?? c.field)}</Text>
            <Text size="xs" c="dimmed">{t('sync.conflicts.yours')}</Text>
            <Text size="sm" fw={500} data-testid="sync-conflict-theirs">{showValue(c.theirs, c.fieldKey, fmt, t)}</Text>
            <Text size="xs" c="dimmed">{t('sync.conflicts.kept')}</Text>
            <Text size="sm" data-testid="sync-conflict-kept">{showValue(c.kept, c.fieldKey, fmt, t)}</Text>
          </div>
          {!c.resolvedAt && (
            <Group gap="xs" mt={6} justify="flex-end">
              {!c.reapply && (
                <Text size="xs" c="dimmed" mr="auto">
                  {t('sync.conflicts.cannotReapply')}
                </Text>
              )}
              <Button size="compact-sm" variant="default" loading={busy === c.id} onClick={() => void settle(c, false)} data-testid="sync-conflict-keep">
                {t('sync.conflicts.keep')}
              </Button>
              {c.reapply && (
                <Button size="compact-sm" loading={busy === c.id} onClick={() => void settle(c, true)} data-testid="sync-conflict-reapply">
                  {t('sync.conflicts.reapply')}
                </Button>
              )}
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
