import { ActionIcon, Box, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Favourite, Me } from '../../../shared/api/auth';
import type { ModuleName } from '../../../shared/domain/permissions';
import type { TFunction } from 'i18next';
import { useApi } from '../api/context';
import { toCallError } from '../api/errors';
import { builtinViewLabel } from '../features/grid/labels';
import { builtinOfFavourite } from '../features/grid/view-model';
import { errorText } from '../i18n/error-text';
import { moduleLabel } from '../kit/labels';
import { MODULE_INFO } from './modules';
import { hashFor } from './use-hash-route';

interface Props {
  me: Me;
  onMeChange: (me: Me) => void;
  /** The modules the user may open: a favourite of another one is not shown. */
  modules: readonly ModuleName[];
}

/** A pinned view's name: a built-in one in the user's language, a saved one as it was named. */
function viewName(t: TFunction, f: Favourite): string | null {
  if (!f.view) return null;
  const builtin = builtinOfFavourite(f.view);
  return builtin ? builtinViewLabel(t, builtin) : (f.name ?? f.view);
}

/**
 * My page: what the user pinned with the star (modules and their views), each one click or
 * Enter away, and whether it is the first screen after login (seed 004's favourites).
 */
export function HomePage({ me, onMeChange, modules }: Props) {
  const api = useApi();
  const { t } = useTranslation();
  const shown = me.favourites.filter((f) => modules.includes(f.module));
  const fail = (e: unknown) => notifications.show({ color: 'red', message: t('home.saveFailed', { reason: errorText(t, toCallError(e).code) }) });

  return (
    <Box maw={980} data-testid="home">
      <Title order={3} fz={20} mb={4}>
        {t('nav.home')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('home.intro')}
      </Text>
      <Checkbox
        mb="lg"
        label={t('home.startHere')}
        checked={me.startPage === 'home'}
        onChange={(e) => void api.call('session.setStartPage', { startPage: e.currentTarget.checked ? 'home' : 'module' }).then(onMeChange, fail)}
        data-testid="home-start-here"
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="home-empty">
          {t('home.empty')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {shown.map((f) => {
            const Icon = MODULE_INFO[f.module].icon;
            const view = viewName(t, f);
            const key = `${f.module}|${f.view ?? ''}`;
            return (
              <Paper key={key} withBorder radius="md" p={0} data-testid="home-favourite" data-module={f.module} data-view={f.view ?? ''}>
                <Group gap={0} wrap="nowrap" align="stretch">
                  <UnstyledButton component="a" href={hashFor(f.module, f.view)} p="sm" style={{ flex: 1, minWidth: 0 }} data-testid="home-open">
                    <Group gap="sm" wrap="nowrap">
                      <Icon size={22} stroke={1.6} color="var(--mantine-color-brand-6)" />
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text fw={600} size="sm" truncate>
                          {view ?? moduleLabel(t, f.module)}
                        </Text>
                        {view && (
                          <Text size="xs" c="dimmed" truncate>
                            {moduleLabel(t, f.module)}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  </UnstyledButton>
                  <Tooltip label={t('home.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      m={6}
                      aria-label={t('home.remove')}
                      onClick={() => void api.call('session.toggleFavourite', f).then(onMeChange, fail)}
                      data-testid="home-remove"
                    >
                      <IconX size={15} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              </Paper>
            );
          })}
        </SimpleGrid>
      )}
    </Box>
  );
}
