import { AppShell, Badge, Box, Group, Text, Title } from '@mantine/core';
import { useHotkeys, type HotkeyItem } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODULES, allows, type ModuleName } from '../../../shared/domain/permissions';
import type { Language } from '../../../shared/i18n/languages';
import { useApi, useConnectionState } from '../api/context';
import { toCallError } from '../api/errors';
import { errorText } from '../i18n/error-text';
import { rememberLanguage } from '../i18n/setup';
import { NotBuiltPanel } from './not-built-panel';
import { ConnectionBanner } from './connection-banner';
import { SessionEndNotice } from './session-end-notice';
import { HeaderBar } from './header-bar';
import { MentionsBell } from '../features/thread/mentions-bell';
import { InboxButton } from '../features/mail/inbox-button';
import { ENGINES, MODULE_INFO, type Engine, type ModuleInfo, type ModuleProps } from './modules';
import { Navigation } from './navigation';
import { ShortcutsHelp } from './shortcuts-help';
import { StatusBar } from './status-bar';
import { useAppInfo } from '../kit/use-app-info';
import { hasUnsaved } from '../kit/unsaved';
import { HomePage } from './home-page';
import { useHashRoute, viewFromHash, type Route } from './use-hash-route';
import { UserMenu } from './user-menu';
import type { Me } from '../../../shared/api/auth';
import { moduleDescription, moduleLabel } from '../kit/labels';

interface Props {
  me: Me;
  /** When the session ends however busy the user is; null where the transport does not say. */
  sessionEndsAt?: number | null;
  onMeChange: (me: Me) => void;
  onLogout: () => void;
  /** The registry (shell/modules.ts); tests hand in their own. */
  modules?: Record<ModuleName, ModuleInfo>;
  engines?: readonly Engine[];
}

/** A module's screen filling the main area, or the plain "not built yet" page. */
function ModuleScreen({ module, entry, ...props }: ModuleProps & { module: ModuleName; entry: ModuleInfo }) {
  const { t } = useTranslation();
  if (entry.screen) {
    const Screen = entry.screen;
    return (
      // The screen takes the whole main area: the header bar already names the module.
      <Box data-testid={`module-${module}`} h="calc(100dvh - var(--app-shell-header-offset, 0rem) - var(--app-shell-footer-offset, 0rem) - 2 * var(--app-shell-padding))">
        <Screen {...props} />
      </Box>
    );
  }
  return (
    <Box data-testid={`module-${module}`}>
      <Group gap="xs" align="baseline" mb="sm">
        <Title order={3} fz={20}>
          {moduleLabel(t, module)}
        </Title>
        <Badge variant="light" color="yellow" size="sm" style={{ alignSelf: 'center' }}>
          {t('notBuilt.badge')}
        </Badge>
        <Text size="sm" c="dimmed">
          {moduleDescription(t, module)}
        </Text>
      </Group>
      <NotBuiltPanel module={module} />
    </Box>
  );
}

/** The logged-in window: navigation, header, the current module and the status bar. */
export function Shell({ me, sessionEndsAt = null, onMeChange, onLogout, modules = MODULE_INFO, engines = ENGINES }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const connection = useConnectionState();
  const appInfo = useAppInfo();
  const [route, navigate] = useHashRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);

  const visible = useMemo(() => MODULES.filter((m) => allows(me.rights, m, 'read')), [me.rights]);
  // My page, a module the user may open, or where the user starts (My page if they chose it).
  const start: Route | null = me.startPage === 'home' ? 'home' : (visible[0] ?? null);
  const current: Route | null = route === 'home' ? 'home' : route && visible.includes(route) ? route : start;
  const module: ModuleName | null = current === 'home' ? null : current;

  useEffect(() => {
    if (current && route !== current) navigate(current, true);
  }, [current, route, navigate]);

  async function changeLanguage(language: Language) {
    setMenuOpen(false);
    if (language === i18n.language) return;
    // Main first: the screens read their data again when the language changes, and main names
    // request types and groups in the session's language.
    let saved: Me | null = null;
    try {
      saved = await api.call('session.setLanguage', { language });
    } catch (e) {
      notifications.show({ color: 'red', message: t('language.saveFailed', { reason: errorText(t, toCallError(e).code) }) });
    }
    await i18n.changeLanguage(language);
    rememberLanguage(language);
    if (saved) onMeChange(saved);
  }

  // Alt+digit by physical key, so layouts where Alt changes the character still work; also while
  // typing in a field (no field takes Alt+digit), but never over unsaved changes of an open form.
  const goTo = (m: Route) => {
    if ((m !== 'home' && !visible.includes(m)) || m === current) return;
    if (hasUnsaved()) {
      notifications.show({ id: 'unsaved-switch', color: 'orange', message: t('shortcuts.unsavedFirst'), autoClose: 4000 });
      return;
    }
    navigate(m);
  };
  const moduleKeys: HotkeyItem[] = MODULES.map((m) => [`alt+Digit${modules[m].shortcut}`, () => goTo(m), { usePhysicalKeys: true }]);
  useHotkeys([...moduleKeys, ['alt+Digit0', () => goTo('home'), { usePhysicalKeys: true }], ['alt+L', () => setMenuOpen((o) => !o), { usePhysicalKeys: true }]], []);
  // F1 works even inside a field.
  useHotkeys([['F1', () => setHelpOpen((o) => !o)]], []);

  return (
    <AppShell header={{ height: 44 }} navbar={{ width: 232, breakpoint: 0 }} footer={{ height: 28 }} padding={module && modules[module].screen ? 'xs' : 'md'} data-testid="shell">
      <AppShell.Header>
        <HeaderBar
          moduleLabel={current === 'home' ? t('nav.home') : current ? moduleLabel(t, current) : null}
          onShortcuts={() => setHelpOpen(true)}
          userMenu={
            <>
              <InboxButton me={me} />
              <MentionsBell me={me} />
              <UserMenu
                me={me}
                opened={menuOpen}
                onOpenedChange={setMenuOpen}
                onLanguage={(l) => void changeLanguage(l)}
                onShortcuts={() => setHelpOpen(true)}
                onLogout={onLogout}
              />
            </>
          }
        />
      </AppShell.Header>
      <AppShell.Navbar>
        <Navigation modules={visible} current={current} />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        {api.mode === 'browser' && <ConnectionBanner state={connection} />}
        <SessionEndNotice endsAt={sessionEndsAt} />
        {current === 'home' && <HomePage me={me} onMeChange={onMeChange} modules={visible} />}
        {module && <ModuleScreen key={module} module={module} entry={modules[module]} me={me} onMeChange={onMeChange} appInfo={appInfo} view={viewFromHash()} />}
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar me={me} info={appInfo.info} mode={appInfo.info?.mode ?? api.mode} connection={connection} />
      </AppShell.Footer>
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} modules={visible} current={module} />
      {/* The keep-alive slot: engines stay mounted across module switches (a call must not end). */}
      <div className="shell-engines" data-testid="shell-engines">
        {engines.map(({ id, component: EngineComponent }) => (
          <EngineComponent key={id} me={me} />
        ))}
      </div>
    </AppShell>
  );
}
