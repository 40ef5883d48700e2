import { Paper, Stack, Switch, Text, TextInput, Group } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailAccountView } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { ServerActions, ServerFields } from './server-fields';
import { useServerSettings } from './use-server-settings';

type Draft = Omit<MailAccountView, 'hasPassword'> & { password: string };

const EMPTY: Draft = { host: '', port: 587, security: 'starttls', user: '', password: '', fromAddress: '', fromName: '', replyTo: '', enabled: true };

const draftOf = ({ hasPassword: _saved, ...a }: MailAccountView): Draft => ({ ...a, password: '' });

/**
 * The workstation's mail server: where it sends, as whom, where replies go. The password is
 * sealed by main and never comes back: the field stays empty and says one is saved.
 */
export function MailAccountForm({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const form = useServerSettings(EMPTY, draftOf, {
    save: (draft) => api.call('mail.account.save', draft),
    test: () => api.call('mail.account.test', {}),
    saved: t('mail.saved'),
    tested: () => t('mail.testOk'),
  });
  const { stored, draft: d, set, errors, formError, loaded, failed } = form;
  useEffect(() => {
    api.call('mail.account.get', {}).then((a) => loaded(a, true), failed);
  }, [api, loaded, failed]);

  if (stored === undefined && !formError) return null;
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={form.save} data-testid="mail-account">
      <Text fw={600} size="sm" mb={4}>
        {t('mail.account')}
      </Text>
      {stored === null && (
        <Text size="xs" c="dimmed" mb="xs" data-testid="mail-not-set">
          {t('mail.notSet')}
        </Text>
      )}
      <fieldset disabled={!canWrite} className="adm-fieldset">
        <Stack gap="xs">
          <ServerFields draft={d} set={set} errors={errors} hasPassword={stored?.hasPassword ?? false} ports={{ tls: 465, starttls: 587 }} userRequired={false} prefix="mail" />
          <Group grow align="flex-start">
            <TextInput size="xs" label={t('mail.fromAddress')} value={d.fromAddress} onChange={(e) => set('fromAddress', e.currentTarget.value)} error={errors.fromAddress} required data-testid="mail-from" />
            <TextInput size="xs" label={t('mail.fromName')} value={d.fromName} onChange={(e) => set('fromName', e.currentTarget.value)} error={errors.fromName} data-testid="mail-from-name" />
          </Group>
          <TextInput size="xs" label={t('mail.replyTo')} description={t('mail.replyToHint')} value={d.replyTo} onChange={(e) => set('replyTo', e.currentTarget.value)} error={errors.replyTo} data-testid="mail-reply-to" />
          <Switch size="xs" label={t('mail.enabled')} checked={d.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} data-testid="mail-enabled" />
        </Stack>
      </fieldset>
      <ServerActions formError={formError} canWrite={canWrite} busy={form.busy} canTest={!!stored} onTest={form.test} prefix="mail" />
    </Paper>
  );
}
