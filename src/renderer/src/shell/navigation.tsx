import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { IconStar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ModuleName } from '../../../shared/domain/permissions';
import { MODULE_INFO } from './modules';
import { hashFor, type Route } from './use-hash-route';
import { moduleLabel } from '../kit/labels';

interface Props {
  modules: readonly ModuleName[];
  current: Route | null;
}

/** The modules this user may read, each a link to its #/route, with its Alt+digit shortcut. */
export function Navigation({ modules, current }: Props) {
  const { t } = useTranslation();
  return (
    <ScrollArea type="never" h="100%">
      <Stack component="nav" gap={2} p={6} aria-label={t('nav.label')}>
        <NavLink
          href={hashFor('home')}
          active={current === 'home'}
          aria-current={current === 'home' ? 'page' : undefined}
          label={t('nav.home')}
          leftSection={<IconStar size={18} stroke={1.6} />}
          rightSection={
            <Text size="10px" c="dimmed" ff="monospace" aria-hidden>
              Alt+0
            </Text>
          }
          variant="light"
          fw={current === 'home' ? 600 : 500}
          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          py={6}
          data-testid="nav-home"
        />
        {modules.length === 0 && (
          <Text size="sm" c="dimmed" p="xs" data-testid="nav-empty">
            {t('nav.noModules')}
          </Text>
        )}
        {modules.map((m) => {
          const { icon: ModuleIcon, shortcut } = MODULE_INFO[m];
          const active = m === current;
          return (
            <NavLink
              key={m}
              href={hashFor(m)}
              active={active}
              aria-current={active ? 'page' : undefined}
              label={moduleLabel(t, m)}
              leftSection={<ModuleIcon size={18} stroke={1.6} />}
              rightSection={
                <Text size="10px" c="dimmed" ff="monospace" aria-hidden>
                  Alt+{shortcut}
                </Text>
              }
              variant="light"
              fw={active ? 600 : 500}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              py={6}
              data-testid={`nav-${m}`}
            />
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
