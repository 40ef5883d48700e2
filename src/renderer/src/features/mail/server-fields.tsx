import { Alert, Button, Group, NumberInput, PasswordInput, Select, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Security = 'tls' | 'starttls' | 'none';

interface FieldsProps {
  draft: { host: string; port: number; security: Security; user: string; password: string };
  set: (key: 'host' | 'port' | 'security' | 'user' | 'password', value: string | number) => void;
  errors: Record<string, string>;
  /** A password is saved (sealed in main): the empty field says so. */
  hasPassword: boolean;
  /** The ports the security choices name: SMTP's 465/587, IMAP's 993/143. */
  ports: { tls: number; starttls: number };
  userRequired: boolean;
  /** Test ids are <prefix>-host, <prefix>-port, … */
  prefix: string;
  /** More fields on the user and password's row (a folder). */
  children?: ReactNode;
}

/** Host, port, security, user and password of a mail server: the same rows for sending and reading. */
export function ServerFields({ draft: d, set, errors, hasPassword, ports, userRequired, prefix, children }: FieldsProps) {
  const { t } = useTranslation();
  const security: { value: Security; label: string }[] = [
    { value: 'tls', label: t('mail.securityTls').replace('465', String(ports.tls)) },
    { value: 'starttls', label: t('mail.securityStarttls').replace('587', String(ports.starttls)) },
    { value: 'none', label: t('mail.securityNone') },
  ];
  return (
    <>
      <Group grow align="flex-start">
        <TextInput size="xs" label={t('mail.host')} value={d.host} onChange={(e) => set('host', e.currentTarget.value)} error={errors.host} required data-testid={`${prefix}-host`} />
        <NumberInput size="xs" label={t('mail.port')} value={d.port} min={1} max={65535} allowDecimal={false} onChange={(v) => set('port', Number(v) || 0)} error={errors.port} maw={110} data-testid={`${prefix}-port`} />
        <Select size="xs" label={t('mail.security')} data={security} value={d.security} allowDeselect={false} onChange={(v) => v && set('security', v)} data-testid={`${prefix}-security`} />
      </Group>
      <Group grow align="flex-start">
        <TextInput size="xs" label={t('mail.user')} value={d.user} onChange={(e) => set('user', e.currentTarget.value)} error={errors.user} required={userRequired} autoComplete="off" data-testid={`${prefix}-user`} />
        <PasswordInput
          size="xs"
          label={t('mail.password')}
          value={d.password}
          placeholder={hasPassword ? t('mail.passwordSaved') : ''}
          onChange={(e) => set('password', e.currentTarget.value)}
          error={errors.password}
          autoComplete="new-password"
          data-testid={`${prefix}-password`}
        />
        {children}
      </Group>
    </>
  );
}

interface ActionsProps {
  formError: string | null;
  canWrite: boolean;
  busy: 'save' | 'test' | null;
  /** Nothing saved yet: there is nothing to test. */
  canTest: boolean;
  onTest: () => void;
  prefix: string;
}

/** The form's error from main, and its Test and Save buttons. */
export function ServerActions({ formError, canWrite, busy, canTest, onTest, prefix }: ActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {formError && (
        <Alert color="red" variant="light" mt="xs" data-testid={`${prefix}-error`}>
          {formError}
        </Alert>
      )}
      {canWrite && (
        <Group justify="flex-end" mt="sm" gap="xs">
          <Button size="xs" variant="default" onClick={onTest} loading={busy === 'test'} disabled={!canTest || busy !== null} data-testid={`${prefix}-test`}>
            {t('mail.test')}
          </Button>
          <Button size="xs" type="submit" loading={busy === 'save'} disabled={busy !== null} data-testid={`${prefix}-save`}>
            {t('mail.save')}
          </Button>
        </Group>
      )}
    </>
  );
}
