import { Alert, Button, Group, NumberInput, Paper, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailAccountView } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';

type Security = MailAccountView['security'];
type Draft = Omit<MailAccountView, 'hasPassword'> & { password: string };

const EMPTY: Draft = { host: '', port: 587, security: 'starttls', user: '', password: '', fromAddress: '', fromName: '', replyTo: '', enabled: true };

/**
 * The workstation's mail server: where it sends, as whom, where replies go. The password is
 * sealed by main and never comes back: the field stays empty and says one is saved.
 */
export function MailAccountForm({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const [stored, setStored] = useState<MailAccountView | null | undefined>(undefined);
  const [d, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);

  useEffect(() => {
    api.call('mail.account.get', {}).then(
      (a) => {
        setStored(a);
        if (a) setDraft({ ...a, password: '' });
      },
      (e: unknown) => setFormError(toCallError(e).message),
    );
  }, [api]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((x) => ({ ...x, [key]: value }));
  const save = (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setErrors({});
    setFormError(null);
    const { password, ...rest } = d;
    api
      .call('mail.account.save', { ...rest, ...(password ? { password } : {}) })
      .then(
        (a) => {
          setStored(a);
          setDraft({ ...a, password: '' });
          notifications.show({ color: 'teal', message: t('mail.saved'), autoClose: 2500 });
        },
        (e: unknown) => {
          const err = toCallError(e);
          setFormError(err.message);
          setErrors(Object.fromEntries(err.issues.map((i) => [i.path.split('.')[0]!, i.message])));
        },
      )
      .finally(() => setBusy(null));
  };
  const test = () => {
    setBusy('test');
    setFormError(null);
    api
      .call('mail.account.test', {})
      .then(
        () => notifications.show({ color: 'teal', message: t('mail.testOk'), autoClose: 4000 }),
        (e: unknown) => setFormError(toCallError(e).message),
      )
      .finally(() => setBusy(null));
  };

  if (stored === undefined && !formError) return null;
  const security: { value: Security; label: string }[] = [
    { value: 'tls', label: t('mail.securityTls') },
    { value: 'starttls', label: t('mail.securityStarttls') },
    { value: 'none', label: t('mail.securityNone') },
  ];
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={save} data-testid="mail-account">
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
          <Group grow align="flex-start">
            <TextInput size="xs" label={t('mail.host')} value={d.host} onChange={(e) => set('host', e.currentTarget.value)} error={errors.host} required data-testid="mail-host" />
            <NumberInput size="xs" label={t('mail.port')} value={d.port} min={1} max={65535} allowDecimal={false} onChange={(v) => set('port', Number(v) || 0)} error={errors.port} maw={110} data-testid="mail-port" />
            <Select size="xs" label={t('mail.security')} data={security} value={d.security} allowDeselect={false} onChange={(v) => v && set('security', v)} data-testid="mail-security" />
          </Group>
          <Group grow align="flex-start">
            <TextInput size="xs" label={t('mail.user')} value={d.user} onChange={(e) => set('user', e.currentTarget.value)} error={errors.user} autoComplete="off" data-testid="mail-user" />
            <PasswordInput
              size="xs"
              label={t('mail.password')}
              value={d.password}
              placeholder={stored?.hasPassword ? t('mail.passwordSaved') : ''}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              data-testid="mail-password"
            />
          </Group>
          <Group grow align="flex-start">
            <TextInput size="xs" label={t('mail.fromAddress')} value={d.fromAddress} onChange={(e) => set('fromAddress', e.currentTarget.value)} error={errors.fromAddress} required data-testid="mail-from" />
            <TextInput size="xs" label={t('mail.fromName')} value={d.fromName} onChange={(e) => set('fromName', e.currentTarget.value)} error={errors.fromName} data-testid="mail-from-name" />
          </Group>
          <TextInput size="xs" label={t('mail.replyTo')} description={t('mail.replyToHint')} value={d.replyTo} onChange={(e) => set('replyTo', e.currentTarget.value)} error={errors.replyTo} data-testid="mail-reply-to" />
          <Switch size="xs" label={t('mail.enabled')} checked={d.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} data-testid="mail-enabled" />
        </Stack>
      </fieldset>
      {formError && (
        <Alert color="red" variant="light" mt="xs" data-testid="mail-error">
          {formError}
        </Alert>
      )}
      {canWrite && (
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button size="xs" variant="default" onClick={test} loading={busy === 'test'} disabled={!stored || busy !== null} data-testid="mail-test">
            {t('mail.test')}
          </Button>
          <Button size="xs" type="submit" loading={busy === 'save'} disabled={busy !== null} data-testid="mail-save">
            {t('mail.save')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
