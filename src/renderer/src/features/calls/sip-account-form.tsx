import { Alert, Button, Group, Loader, NumberInput, PasswordInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sipDomain, type SipAccountView } from '../../../../shared/api/calls';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';

interface Draft {
  wsUrl: string | null;
  sipUri: string;
  authUser: string;
  password: string;
  displayName: string;
  realm: string;
  iceServers: string;
  iceTimeoutMs: number | string;
}

const draftOf = (a: SipAccountView | null): Draft => ({
  wsUrl: a?.wsUrl ?? null,
  sipUri: a?.sipUri ?? '',
  authUser: a?.authUser ?? '',
  password: '',
  displayName: a?.displayName ?? '',
  realm: a?.realm ?? '',
  iceServers: (a?.iceServers ?? []).join('\n'),
  iceTimeoutMs: a?.iceTimeoutMs ?? 1500,
});

/**
 * The user's own SIP account. The server is one of those an administrator allowed; the password
 * is sent once and kept sealed by main (the field stays empty afterwards: "leave empty to keep").
 */
export function SipAccountForm({ onSaved, onCancel }: { onSaved: () => void; onCancel: (() => void) | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const [servers, setServers] = useState<string[] | null>(null);
  const [account, setAccount] = useState<SipAccountView | null | undefined>(undefined);
  const [d, setD] = useState<Draft>(draftOf(null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([api.call('settings.get', {}), api.call('calls.account.get', {})]).then(
      ([s, a]) => {
        if (!live) return;
        setServers(s.telephonyServers);
        setAccount(a);
        setD({ ...draftOf(a), wsUrl: a?.wsUrl ?? s.telephonyServers[0] ?? null });
      },
      (e: unknown) => live && setFormError(toCallError(e).message),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const save = async () => {
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      await api.call('calls.account.save', {
        wsUrl: d.wsUrl ?? '',
        sipUri: d.sipUri.trim(),
        authUser: d.authUser.trim(),
        displayName: d.displayName.trim(),
        realm: d.realm.trim(),
        iceServers: d.iceServers.split('\n').map((x) => x.trim()).filter(Boolean),
        iceTimeoutMs: typeof d.iceTimeoutMs === 'number' ? d.iceTimeoutMs : Number.NaN,
        ...(d.password ? { password: d.password } : {}),
      });
      onSaved();
    } catch (e) {
      const err = toCallError(e);
      const byField: Record<string, string> = {};
      for (const i of err.issues ?? []) byField[i.path.split('.')[0]!] = i.message;
      setErrors(byField);
      setFormError(err.message);
    } finally {
      setSaving(false);
    }
  };

  // Nothing to type into before the account is here: a value typed now would be replaced by it.
  if (servers === null || account === undefined) {
    return formError ? (
      <Text size="xs" c="red" data-testid="sip-account-error">
        {formError}
      </Text>
    ) : (
      <Loader size="xs" />
    );
  }
  if (servers.length === 0) {
    return (
      <Alert color="orange" variant="light" p={8} data-testid="softphone-no-servers">
        <Text size="xs">{t('calls.account.noServers')}</Text>
      </Alert>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="sip-account-form"
    >
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {account ? t('calls.account.edit') : t('calls.account.intro')}
        </Text>
        <Select size="xs" label={t('calls.account.server')} data={servers ?? []} value={d.wsUrl} onChange={(v) => set('wsUrl', v)} allowDeselect={false} error={errors.wsUrl} data-testid="sip-ws-url" />
        <TextInput size="xs" label={t('calls.account.sipUri')} placeholder="sip:1001@pbx.example.com" value={d.sipUri} onChange={(e) => set('sipUri', e.currentTarget.value)} error={errors.sipUri} data-testid="sip-uri" withAsterisk />
        <Group grow gap={6}>
          <TextInput size="xs" label={t('calls.account.authUser')} value={d.authUser} onChange={(e) => set('authUser', e.currentTarget.value)} error={errors.authUser} data-testid="sip-auth-user" withAsterisk />
          <PasswordInput
            size="xs"
            label={t('calls.account.password')}
            placeholder={account?.hasPassword ? t('calls.account.keepPassword') : undefined}
            value={d.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
            data-testid="sip-password"
            withAsterisk={!account?.hasPassword}
          />
        </Group>
        <TextInput size="xs" label={t('calls.account.displayName')} value={d.displayName} onChange={(e) => set('displayName', e.currentTarget.value)} error={errors.displayName} data-testid="sip-display-name" />
        <Group grow gap={6} align="flex-start">
          <TextInput size="xs" label={t('calls.account.realm')} placeholder={sipDomain(d.sipUri) || undefined} value={d.realm} onChange={(e) => set('realm', e.currentTarget.value)} error={errors.realm} />
          <NumberInput size="xs" label={t('calls.account.iceTimeout')} value={d.iceTimeoutMs} onChange={(v) => set('iceTimeoutMs', v)} min={200} max={10000} step={100} allowDecimal={false} error={errors.iceTimeoutMs} />
        </Group>
        <Textarea size="xs" label={t('calls.account.iceServers')} description={t('calls.account.iceServersHint')} autosize minRows={1} maxRows={3} value={d.iceServers} onChange={(e) => set('iceServers', e.currentTarget.value)} error={errors.iceServers} />
        {formError && (
          <Text size="xs" c="red" data-testid="sip-account-error">
            {formError}
          </Text>
        )}
        <Group justify="flex-end" gap={6}>
          {onCancel && (
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('calls.cancel')}
            </Button>
          )}
          <Button size="xs" type="submit" loading={saving} data-testid="sip-account-save">
            {t('calls.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
