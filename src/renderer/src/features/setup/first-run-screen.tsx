import { Alert, Box, Button, Center, Code, Group, Loader, NativeSelect, Paper, PasswordInput, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconDatabasePlus, IconFolderOpen, IconHeadset, IconLanguage, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '../../../../shared/api/auth';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage } from '../../../../shared/i18n/languages';
import type { PickedFile, SetupBridge, SetupReason, SetupResult, SetupStatus } from '../../api/setup';
import type { TFunction } from 'i18next';
import { rememberLanguage } from '../../i18n/setup';

interface Props {
  setup: SetupBridge;
}

/**
 * The desktop app's first start: which database this workstation works on. The demo (said to be
 * a demo, with its logins), a new database with an administrator password the user chooses, or
 * an existing file; the shared store comes later and says so. Main opens the choice and then
 * loads the login page in this window; the choice is remembered for the next starts.
 */
export function FirstRunScreen({ setup }: Props) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [newFile, setNewFile] = useState<PickedFile | null>(null);
  const [existing, setExisting] = useState<PickedFile | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    void setup.status().then(setStatus, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [setup]);

  /** Runs one step; a refusal is said in the user's language when main gave its reason, else as main worded it. */
  async function step<T>(run: () => Promise<SetupResult<T>>, then?: (value: T) => void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = await run();
      if (r.ok) then?.(r.value);
      else setError(r.reason ? reasonText(t, r.reason, r.path ?? '') : r.error.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const tooShort = password.length < MIN_PASSWORD_LENGTH || password.trim() === '';
  const mismatch = confirm !== password;
  const canCreate = newFile !== null && !tooShort && !mismatch && !busy;

  return (
    <Center mih="100vh" p="lg" bg="gray.0" data-testid="first-run">
      <Stack gap="lg" w="100%" maw={1040}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon size={44} radius="md" variant="light">
              <IconHeadset size={26} />
            </ThemeIcon>
            <Box>
              <Title order={2}>{t('desktop.firstRun.title')}</Title>
              <Text c="dimmed" size="sm">
                {t('desktop.firstRun.intro')}
              </Text>
            </Box>
          </Group>
          <NativeSelect
            aria-label={t('header.language')}
            leftSection={<IconLanguage size={16} />}
            data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            value={i18n.language}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (!isLanguage(value)) return;
              rememberLanguage(value);
              void i18n.changeLanguage(value);
            }}
            w={240}
            data-testid="first-run-language"
          />
        </Group>

        {error && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="first-run-error">
            {error}
          </Alert>
        )}
        {busy && (
          <Group gap="xs" data-testid="first-run-busy">
            <Loader size="xs" />
            <Text size="sm">{t('desktop.firstRun.opening')}</Text>
          </Group>
        )}

        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Choice icon={<IconPlayerPlay size={20} />} title={t('desktop.firstRun.demo.title')} testId="first-run-demo">
            {status && (
              <>
                <Text size="sm">{t('desktop.firstRun.demo.body', { size: new Intl.NumberFormat(i18n.language).format(status.demoInterventions) })}</Text>
                <Text size="sm">
                  {t('desktop.firstRun.demo.logins', { logins: status.demoLogins.join(', ') })}
                </Text>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {t('desktop.firstRun.demo.where', { path: status.demoPath })}
                </Text>
              </>
            )}
            <Button mt="auto" onClick={() => void step(() => setup.openDemo())} disabled={busy} data-autofocus data-testid="first-run-open-demo">
              {t('desktop.firstRun.demo.action')}
            </Button>
          </Choice>

          <Choice icon={<IconDatabasePlus size={20} />} title={t('desktop.firstRun.create.title')} testId="first-run-create">
            <Text size="sm">{t('desktop.firstRun.create.body')}</Text>
            <Button variant="default" onClick={() => void step(() => setup.pickNew(), (f) => f && setNewFile(f))} disabled={busy} data-testid="first-run-pick-new">
              {t('desktop.firstRun.create.choose')}
            </Button>
            {newFile && <PathLine label={t('desktop.firstRun.create.file', { path: '' })} path={newFile.path} />}
            <PasswordInput
              size="sm"
              label={t('desktop.firstRun.create.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              onBlur={() => setTouched(true)}
              error={touched && tooShort ? t('desktop.firstRun.create.tooShort', { n: MIN_PASSWORD_LENGTH }) : null}
              autoComplete="new-password"
              data-testid="first-run-password"
            />
            <PasswordInput
              size="sm"
              label={t('desktop.firstRun.create.confirm')}
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={confirm !== '' && mismatch ? t('desktop.firstRun.create.mismatch') : null}
              autoComplete="new-password"
              data-testid="first-run-confirm"
            />
            <Button mt="auto" onClick={() => newFile && void step(() => setup.create(newFile.token, password))} disabled={!canCreate} data-testid="first-run-create-go">
              {t('desktop.firstRun.create.action')}
            </Button>
          </Choice>

          <Choice icon={<IconFolderOpen size={20} />} title={t('desktop.firstRun.open.title')} testId="first-run-open">
            <Text size="sm">{t('desktop.firstRun.open.body')}</Text>
            <Button variant="default" onClick={() => void step(() => setup.pickExisting(), (f) => f && setExisting(f))} disabled={busy} data-testid="first-run-pick-existing">
              {t('desktop.firstRun.open.choose')}
            </Button>
            {existing && <PathLine label={t('desktop.firstRun.create.file', { path: '' })} path={existing.path} />}
            <Button mt="auto" onClick={() => existing && void step(() => setup.open(existing.token))} disabled={!existing || busy} data-testid="first-run-open-go">
              {t('desktop.firstRun.open.action')}
            </Button>
          </Choice>
        </SimpleGrid>

        <Paper withBorder p="md" radius="md" bg="gray.1" data-testid="first-run-shared">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color="gray" radius="md">
              <IconCloud size={18} />
            </ThemeIcon>
            <Box>
              <Text fw={600} size="sm" c="dimmed">
                {t('desktop.firstRun.shared.title')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('desktop.firstRun.shared.body')}
              </Text>
            </Box>
          </Group>
        </Paper>
      </Stack>
    </Center>
  );
}

/** A refusal's reason in the user's language (every key written out, so the catalogue test sees it). */
function reasonText(t: TFunction, reason: SetupReason, path: string): string {
  switch (reason) {
    case 'notAbsolute':
      return t('desktop.firstRun.errors.notAbsolute');
    case 'noFolder':
      return t('desktop.firstRun.errors.noFolder', { path });
    case 'exists':
      return t('desktop.firstRun.errors.exists', { path });
    case 'notFile':
      return t('desktop.firstRun.errors.notFile', { path });
    case 'notDatabase':
      return t('desktop.firstRun.errors.notDatabase', { path });
    case 'notOurs':
      return t('desktop.firstRun.errors.notOurs', { path });
    case 'password':
      return t('desktop.firstRun.errors.password', { n: MIN_PASSWORD_LENGTH });
    case 'notPicked':
      return t('desktop.firstRun.errors.notPicked');
    case 'busy':
      return t('desktop.firstRun.errors.busy');
  }
}

function Choice({ icon, title, testId, children }: { icon: ReactNode; title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder shadow="xs" p="md" radius="md" data-testid={testId} style={{ display: 'flex' }}>
      <Stack gap="sm" style={{ flex: 1 }}>
        <Group gap="xs" wrap="nowrap">
          <ThemeIcon variant="light" radius="md">
            {icon}
          </ThemeIcon>
          <Text fw={600}>{title}</Text>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

function PathLine({ label, path }: { label: string; path: string }) {
  return (
    <Text size="xs" data-testid="first-run-path">
      {label}
      <Code style={{ wordBreak: 'break-all' }}>{path}</Code>
    </Text>
  );
}
