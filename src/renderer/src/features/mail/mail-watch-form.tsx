import { Alert, Button, Group, NumberInput, Paper, PasswordInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailWatchView } from '../../../../shared/api/mail';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { gridFormat } from '../../kit/format';

type Security = MailWatchView['security'];
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
  const [stored, setStored] = useState<MailWatchView | null | undefined>(undefined);
  const [d, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);

  useEffect(() => {
    const load = (first: boolean) =>
      api.call('mail.watch.get', {}).then(
        (w) => {
          setStored(w);
          if (w && first) setDraft(draftOf(w));
        },
        (e: unknown) => setFormError(toCallError(e).message),
      );
    void load(true);
    // The watcher's state moves on by itself: read again now and then while the tab shows.
    const timer = setInterval(() => void load(false), 10_000);
    return () => clearInterval(timer);
  }, [api]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((x) => ({ ...x, [key]: value }));
  const save = (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setErrors({});
    setFormError(null);
    const { password, ...rest } = d;
    api
      .call('mail.watch.save', { ...rest, ...(password ? { password } : {}) })
      .then(
        (w) => {
          setStored(w);
          setDraft(draftOf(w));
          notifications.show({ color: 'teal', message: t('inbox.saved'), autoClose: 2500 });
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
      .call('mail.watch.test', {})
      .then(
        (r) => notifications.show({ color: 'teal', message: t('inbox.testOk', { count: r.messages }), autoClose: 4000 }),
        (e: unknown) => setFormError(toCallError(e).message),
      )
      .finally(() => setBusy(null));
  };

  if (stored === undefined && !formError) return null;
  const security: { value: Security; label: string }[] = [
    { value: 'tls', label: t('mail.securityTls').replace('465', '993') },
    { value: 'starttls', label: t('mail.securityStarttls').replace('587', '143') },
    { value: 'none', label: t('mail.securityNone') },
  ];
  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={save} data-testid="mail-watch">
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
          <Group grow align="flex-start">
            <TextInput size="xs" label={t('mail.host')} value={d.host} onChange={(e) => set('host', e.currentTarget.value)} error={errors.host} required data-testid="mail-watch-host" />
            <NumberInput size="xs" label={t('mail.port')} value={d.port} min={1} max={65535} allowDecimal={false} onChange={(v) => set('port', Number(v) || 0)} error={errors.port} maw={110} data-testid="mail-watch-port" />
            <Select size="xs" label={t('mail.security')} data={security} value={d.security} allowDeselect={false} onChange={(v) => v && set('security', v)} data-testid="mail-watch-security" />
          </Group>
          <Group grow align="flex-start">
            <TextInput size="xs" label={t('mail.user')} value={d.user} onChange={(e) => set('user', e.currentTarget.value)} error={errors.user} required autoComplete="off" data-testid="mail-watch-user" />
            <PasswordInput
              size="xs"
              label={t('mail.password')}
              value={d.password}
              placeholder={stored?.hasPassword ? t('mail.passwordSaved') : ''}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              data-testid="mail-watch-password"
            />
            <TextInput size="xs" label={t('inbox.folder')} value={d.folder} onChange={(e) => set('folder', e.currentTarget.value)} error={errors.folder} required maw={160} data-testid="mail-watch-folder" />
          </Group>
          <Switch size="xs" label={t('inbox.enabled')} checked={d.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} data-testid="mail-watch-enabled" />
        </Stack>
      </fieldset>
      {formError && (
        <Alert color="red" variant="light" mt="xs" data-testid="mail-watch-error">
          {formError}
        </Alert>
      )}
      {canWrite && (
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button size="xs" variant="default" onClick={test} loading={busy === 'test'} disabled={!stored || busy !== null} data-testid="mail-watch-test">
            {t('mail.test')}
          </Button>
          <Button size="xs" type="submit" loading={busy === 'save'} disabled={busy !== null} data-testid="mail-watch-save">
            {t('mail.save')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
