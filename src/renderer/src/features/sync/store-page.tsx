import { Alert, Badge, Button, Checkbox, Collapse, Group, Loader, Paper, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import type { Me } from '../../../../shared/api/auth';
import type { StoreWorkstation, SyncState } from '../../../../shared/api/sync';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';
import { RetryAlert } from './retry-alert';
import { SyncFacts } from './sync-panel';
import { useSyncState } from './use-sync-state';
import './sync.css';

/**
 * Administration's store page: the store this workstation syncs with and its state, the
 * workstations the store knows (their last user, last sync and changes waiting), and joining a
 * store. The store password is used to connect and never kept (a user's own login and password
 * reach the store; the owner's never leaves the server).
 */
export function StoreAdmin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const state = useSyncState();
  const [joined, setJoined] = useState<SyncState | null>(null);
  const [joinOpen, setJoinOpen] = useState(false);
  const canWrite = allows(me.rights, 'admin', 'write');
  // The join's own answer until the event brings the state after it.
  const shown = state?.status === 'standalone' && joined ? joined : state;
  if (!shown) return <Loader size="sm" mt="md" />;
  const standalone = shown.status === 'standalone';
  return (
    <Stack gap="md" mt={6} maw={980} data-testid="admin-store">
      <div>
        <Text fw={600} size="sm">
          {t('sync.admin.tab')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('sync.admin.description')}
        </Text>
      </div>
      {standalone ? (
        <Text size="sm" data-testid="admin-store-standalone">
          {t('sync.standalone')}
        </Text>
      ) : (
        <Paper withBorder p="sm" radius="sm">
          <SyncFacts state={shown} />
        </Paper>
      )}
      {!standalone && <Workstations />}
      {canWrite && !standalone && (
        <Button variant="subtle" size="compact-sm" w="fit-content" onClick={() => setJoinOpen((o) => !o)} data-testid="admin-store-join-toggle">
          {t('sync.admin.join.again')}
        </Button>
      )}
      {canWrite && (
        <Collapse expanded={standalone || joinOpen}>
          <JoinForm onJoined={(s) => (setJoined(s), setJoinOpen(false))} />
        </Collapse>
      )}
    </Stack>
  );
}

function JoinForm({ onJoined }: { onJoined: (s: SyncState) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [url, setUrl] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [discard, setDiscard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .call('sync.join', { url, login, password, discardLocal: discard })
      .then((s) => {
        setPassword('');
        notifications.show({ color: 'teal', message: t('sync.admin.join.joined'), autoClose: 4000 });
        onJoined(s);
      })
      .catch((err: unknown) => setError(toCallError(err).message))
      .finally(() => setBusy(false));
  };
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={submit} data-testid="admin-store-join">
      <Text fw={600} size="sm" mb={4}>
        {t('sync.admin.join.title')}
      </Text>
      <Alert color="orange" p="xs" mb="sm">
        <Text size="xs">{t('sync.admin.join.warning')}</Text>
      </Alert>
      <Stack gap="xs">
        <TextInput
          label={t('sync.admin.join.url')}
          description={t('sync.admin.join.urlHint')}
          placeholder="postgres://store.example:5432/callcenter"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          required
          data-testid="admin-store-url"
        />
        <Group grow align="flex-start">
          <TextInput label={t('sync.admin.join.login')} value={login} onChange={(e) => setLogin(e.currentTarget.value)} required autoComplete="username" data-testid="admin-store-login" />
          <PasswordInput
            label={t('sync.admin.join.password')}
            description={t('sync.admin.join.passwordHint')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            autoComplete="current-password"
            data-testid="admin-store-password"
          />
        </Group>
        <Checkbox label={t('sync.admin.join.discard')} checked={discard} onChange={(e) => setDiscard(e.currentTarget.checked)} data-testid="admin-store-discard" />
        {error && (
          <Alert color="red" p="xs" data-testid="admin-store-error">
            <Text size="sm">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={busy} data-testid="admin-store-submit">
            {t('sync.admin.join.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function Workstations() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const fmt = gridFormat(i18n.language);
  const [rows, setRows] = useState<StoreWorkstation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.call('sync.workstations', {}).then(setRows, (e: unknown) => setError(toCallError(e).message));
  }, [api]);
  useEffect(() => load(), [load]);
  const when = (v: number | null) => (v ? fmt.dateTime(v) : '—');
  return (
    <div data-testid="admin-store-workstations">
      <Text fw={600} size="sm" mb={4}>
        {t('sync.admin.workstations.title')}
      </Text>
      {error && <RetryAlert text={t('sync.admin.workstations.loadFailed', { reason: error })} onRetry={() => (setError(null), load())} />}
      {!error && rows === null && <Loader size="sm" />}
      {rows?.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('sync.admin.workstations.none')}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table striped withTableBorder fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sync.admin.workstations.name')}</Table.Th>
              <Table.Th>{t('sync.admin.workstations.lastUser')}</Table.Th>
              <Table.Th>{t('sync.admin.workstations.lastPush')}</Table.Th>
              <Table.Th>{t('sync.admin.workstations.lastPull')}</Table.Th>
              <Table.Th ta="right">{t('sync.admin.workstations.pending')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((w) => (
              <Table.Tr key={w.id} data-testid="admin-store-workstation" data-this={w.thisOne || undefined}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" title={w.id}>
                      {w.name}
                    </Text>
                    {w.thisOne && (
                      <Badge size="xs" variant="light">
                        {t('sync.admin.workstations.thisOne')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{w.lastUser ?? '—'}</Table.Td>
                <Table.Td>{when(w.lastPushAt)}</Table.Td>
                <Table.Td>{when(w.lastPullAt)}</Table.Td>
                <Table.Td ta="right">{fmt.count(w.pending)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
