import { Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailWatchView } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { gridFormat } from '../../kit/format';
import { ServerActions, ServerFields } from './server-fields';
import { useServerSettings } from './use-server-settings';

type Draft = Pick<MailWatchView, 'host' | 'port' | 'security' | 'user' | 'folder' | 'enabled'> & { password: string };

const EMPTY: Draft = { host: '', port: 993, security: 'tls', user: '', password: '', folder: 'INBOX', enabled: true };

const draftOf = (w: MailWatchView): Draft => ({ host: w.host, port: w.port, security: w.security, user: w.user, folder: w.folder, enabled: w.enabled, password: '' });

/**
 * The shared mailbox replies are read from, and how its watcher is doing (when it last read,
 * what went wrong). The password is sealed by main and never comes back.
 */
export function MailWatchForm({ canWrite }: { canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const api = useApi();
  const form = useServerSettings(EMPTY, draftOf, {
    save: (draft) => api.call('mail.watch.save', draft),
    test: () => api.call('mail.watch.test', {}),
    saved: t('inbox.saved'),
    tested: (r) => t('inbox.testOk', { count: r.messages }),
  });
  const { stored, draft: d, set, errors, formError, loaded, failed } = form;
  useEffect(() => {
    const load = (first: boolean) => api.call('mail.watch.get', {}).then((w) => loaded(w, first), failed);
    void load(true);
    // The watcher's state moves on by itself: read again now and then while the tab shows.
    const timer = setInterval(() => void load(false), 10_000);
    return () => clearInterval(timer);
  }, [api, loaded, failed]);

  if (stored === undefined && !formError) return null;
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={form.save} data-testid="mail-watch">
      <Text fw={600} size="sm">
        {t('inbox.mailbox')}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('inbox.mailboxHint')}
      </Text>
      {stored === null ? (
        <Text size="xs" c="dimmed" mb="xs" data-testid="mail-watch-not-set">
          {t('inbox.notSet')}
        </Text>
      ) : (
        stored &&
        stored.enabled && (
          <Text size="xs" mb="xs" c={stored.lastError ? 'red' : 'dimmed'} data-testid="mail-watch-state" data-error={stored.lastError !== null}>
            {stored.lastError
              ? t('inbox.stateError', { error: stored.lastError })
              : stored.checkedAt
                ? t('inbox.stateOk', { when: fmt.dateTime(stored.checkedAt), uid: stored.lastUid })
                : t('inbox.stateWaiting')}
          </Text>
        )
      )}
      <fieldset disabled={!canWrite} className="adm-fieldset">
        <Stack gap="xs">
          <ServerFields draft={d} set={set} errors={errors} hasPassword={stored?.hasPassword ?? false} ports={{ tls: 993, starttls: 143 }} userRequired prefix="mail-watch">
            <TextInput size="xs" label={t('inbox.folder')} value={d.folder} onChange={(e) => set('folder', e.currentTarget.value)} error={errors.folder} required maw={160} data-testid="mail-watch-folder" />
          </ServerFields>
          <Switch size="xs" label={t('inbox.enabled')} checked={d.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} data-testid="mail-watch-enabled" />
        </Stack>
      </fieldset>
      <ServerActions formError={formError} canWrite={canWrite} busy={form.busy} canTest={!!stored} onTest={form.test} prefix="mail-watch" />
    </Paper>
  );
}
