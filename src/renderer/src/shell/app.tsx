import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../api/client';
import { useApi } from '../api/context';
import { toCallError, type CallError } from '../api/errors';
import { LoginScreen, type LoginNotice } from '../features/auth/login-screen';
import { Shell } from './shell';
import { QuickReport } from '../features/grid/quick-report';
import { isReportLocation, readReportParams } from '../features/grid/report-params';
import { InterventionFormPage } from '../features/interventions/form-page';
import { EvolutionSheetPage } from '../features/interventions/evolution-sheet';
import { formWindowId, readSheetParam } from '../kit/page-urls';
import type { Me } from '../../../shared/api/auth';

type Phase =
  | { kind: 'checking' }
  | { kind: 'login'; notice: LoginNotice | null; error: CallError | null }
  | { kind: 'ready'; me: Me; endsAt: number | null };

/** Start-up: resume the window's session if it has one, else the login screen. */
export function App() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const [reportParams] = useState(() => readReportParams(window.location.search));
  // Not an effect dependency: react-i18next hands out a new i18n wrapper on every language change.
  const applyLanguage = useEffectEvent((me: Me) => {
    if (me.language !== i18n.language) void i18n.changeLanguage(me.language);
  });

  useEffect(() => {
    let cancelled = false;
    api.currentSession().then(
      (session) => {
        if (cancelled) return;
        if (!session) return setPhase({ kind: 'login', notice: null, error: null });
        applyLanguage(session.me);
        setPhase({ kind: 'ready', me: session.me, endsAt: session.endsAt });
      },
      (e: unknown) => !cancelled && setPhase({ kind: 'login', notice: null, error: toCallError(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  useEffect(
    () => api.onSessionEnded((reason) => setPhase({ kind: 'login', notice: reason === 'logout' ? 'loggedOut' : 'sessionEnded', error: null })),
    [api],
  );

  if (phase.kind === 'checking') {
    return (
      <Center h="100vh" data-testid="app-loading">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            {t('app.loading')}
          </Text>
        </Stack>
      </Center>
    );
  }
  if (phase.kind === 'login') {
    return (
      <LoginScreen
        notice={phase.notice}
        initialError={phase.error}
        onLoggedIn={(session: SessionInfo) => setPhase({ kind: 'ready', me: session.me, endsAt: session.endsAt })}
      />
    );
  }
  // The quick report opens in its own tab on its own path: a page to print, not the shell.
  if (isReportLocation(window.location.search)) {
    return reportParams ? (
      <QuickReport me={phase.me} params={reportParams} />
    ) : (
      <Alert m="xl" color="red" data-testid="report-error">
        {t('report.invalid')}
      </Alert>
    );
  }
  // The evolution sheet of one intervention (?sheet=<id>): a page to print, like the quick report.
  const sheet = readSheetParam(window.location.search);
  if (sheet) return <EvolutionSheetPage me={phase.me} id={sheet.id} />;
  // The intervention form in a window of its own (?intervention=<id>): the form, full page.
  const formId = formWindowId(window.location.search);
  if (formId !== null) return <InterventionFormPage me={phase.me} id={formId} />;
  return (
    <Shell
      me={phase.me}
      sessionEndsAt={phase.endsAt}
      onMeChange={(me) => setPhase({ kind: 'ready', me, endsAt: phase.endsAt })}
      onLogout={() => {
        void api.logout().then(() => setPhase({ kind: 'login', notice: 'loggedOut', error: null }));
      }}
    />
  );
}
