import { Alert, Box, Button, Center, Group, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconHeadset, IconInfoCircle, IconLanguage } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from '../../../../shared/i18n/languages';
import type { SessionInfo } from '../../api/client';
import { useApi } from '../../api/context';
import { toCallError, type CallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';
import { rememberLanguage } from '../../i18n/setup';
import { lockoutSeconds } from './lockout';

/** Why the login screen is shown again: the user logged out, or the session ended by itself. */
export type LoginNotice = 'loggedOut' | 'sessionEnded';

/** After this long a login says it is still working. */
const SLOW_MS = 3000;

type Failure = { kind: 'wrong' } | { kind: 'locked'; until: number | null; secondsLeft: number } | { kind: 'unreachable' } | { kind: 'other'; error: CallError };

interface Props {
  notice?: LoginNotice | null;
  /** A failure found before the form was used (the session check at start-up). */
  initialError?: CallError | null;
  onLoggedIn: (session: SessionInfo) => void;
}

function failureOf(error: CallError): Failure {
  if (error.code === 'unauthenticated') return { kind: 'wrong' };
  if (error.code === 'forbidden') {
    const seconds = lockoutSeconds(error);
    return { kind: 'locked', until: seconds === null ? null : Date.now() + seconds * 1000, secondsLeft: seconds ?? 0 };
  }
  if (error.code === 'unreachable' || error.code === 'disconnected') return { kind: 'unreachable' };
  return { kind: 'other', error };
}

export function LoginScreen({ notice, initialError, onLoggedIn }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(initialError ? failureOf(initialError) : null);
  const [missing, setMissing] = useState<{ login: boolean; password: boolean }>({ login: false, password: false });
  const [languageChosen, setLanguageChosen] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  const lockedUntil = failure?.kind === 'locked' ? failure.until : null;
  const secondsLeft = failure?.kind === 'locked' ? failure.secondsLeft : 0;
  const locked = secondsLeft > 0;
  // A login that takes long is said to (after a download of the store, the host finishes its
  // indexes first: core/write-gate.ts), not left as a spinner alone.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!submitting) return;
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, [submitting]);

  // Count the lockout down once a second; the button comes back at zero.
  useEffect(() => {
    if (lockedUntil === null) return;
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((lockedUntil - Date.now()) / 1000));
      setFailure((f) => (f?.kind === 'locked' && f.until === lockedUntil ? { ...f, secondsLeft: left } : f));
      if (left === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [lockedUntil]);

  const chooseLanguage = (value: string) => {
    if (!isLanguage(value)) return;
    setLanguageChosen(true);
    rememberLanguage(value);
    void i18n.changeLanguage(value);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (submitting || locked) return;
    const empty = { login: login.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.login) return loginRef.current?.focus();
    if (empty.password) return passwordRef.current?.focus();
    setSubmitting(true);
    setSlow(false);
    setFailure(null);
    try {
      const session = await api.login(login.trim(), password);
      let me = session.me;
      const chosen = i18n.language as Language;
      if (languageChosen && me.language !== chosen) {
        // A language picked here is a choice: keep it for this user too.
        try {
          me = await api.call('session.setLanguage', { language: chosen });
        } catch {
          // Not saved: the screen stays in the chosen language for this session anyway.
        }
      } else if (me.language !== i18n.language) {
        await i18n.changeLanguage(me.language);
      }
      rememberLanguage(isLanguage(i18n.language) ? i18n.language : me.language);
      onLoggedIn({ ...session, me });
    } catch (err) {
      const error = toCallError(err);
      setFailure(failureOf(error));
      setSubmitting(false);
      if (error.code === 'unauthenticated') {
        setPassword('');
        passwordRef.current?.focus();
      }
    }
  }

  let failureText: string | null = null;
  if (failure?.kind === 'wrong') failureText = t('login.wrongPassword');
  else if (failure?.kind === 'locked') failureText = locked ? t('login.lockedOut', { count: secondsLeft }) : t('login.lockedOutNow');
  else if (failure?.kind === 'unreachable') failureText = t('login.unreachable');
  else if (failure?.kind === 'other') failureText = errorText(t, failure.error.code);

  const stillWorking = slow && submitting;
  const noticeText = notice === 'loggedOut' ? t('login.loggedOut') : notice === 'sessionEnded' ? t('login.sessionEnded') : null;

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper withBorder shadow="sm" p="lg" w={380} maw="100%" data-testid="login-screen">
        <Group justify="space-between" wrap="nowrap" mb="lg">
          <Group gap={8} wrap="nowrap">
            <ThemeIcon size={30} radius="sm">
              <IconHeadset size={18} stroke={1.8} />
            </ThemeIcon>
            <Text fw={600} size="md">
              {t('app.name')}
            </Text>
          </Group>
          <NativeSelect
            size="xs"
            w={168}
            aria-label={t('login.language')}
            leftSection={<IconLanguage size={14} />}
            value={i18n.language}
            onChange={(e) => chooseLanguage(e.currentTarget.value)}
            data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            data-testid="login-language"
          />
        </Group>
        <Title order={4} mb={4}>
          {t('login.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('login.subtitle')}
        </Text>
        <Stack gap="xs" mb={noticeText || failureText || stillWorking ? 'md' : 0}>
          {stillWorking && (
            <Alert variant="light" color="brand" icon={<IconInfoCircle size={16} />} p="xs" data-testid="login-slow">
              <Text size="sm">{t('login.slow')}</Text>
            </Alert>
          )}
          {noticeText && !failureText && !stillWorking && (
            <Alert variant="light" color="brand" icon={<IconInfoCircle size={16} />} p="xs" data-testid="login-notice">
              <Text size="sm">{noticeText}</Text>
            </Alert>
          )}
          {failureText && (
            <Alert variant="light" color="red" icon={<IconAlertTriangle size={16} />} p="xs" role="alert" data-testid="login-error">
              <Text size="sm">{failureText}</Text>
            </Alert>
          )}
        </Stack>
        <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="sm">
            <TextInput
              ref={loginRef}
              label={t('login.login')}
              value={login}
              onChange={(e) => {
                setLogin(e.currentTarget.value);
                if (missing.login) setMissing((m) => ({ ...m, login: false }));
              }}
              error={missing.login ? t('login.loginRequired') : undefined}
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              data-testid="login-user"
            />
            <PasswordInput
              ref={passwordRef}
              label={t('login.password')}
              value={password}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                if (missing.password) setMissing((m) => ({ ...m, password: false }));
              }}
              error={missing.password ? t('login.passwordRequired') : undefined}
              autoComplete="current-password"
              data-testid="login-password"
            />
            <Button type="submit" fullWidth mt={4} loading={submitting} disabled={submitting || locked} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Stack>
        </Box>
      </Paper>
    </Center>
  );
}
