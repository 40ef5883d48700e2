import { Divider, Group, List, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ModuleName } from '../../../shared/domain/permissions';
import { MODULE_INFO } from './modules';
import { moduleLabel, modulePlan } from '../kit/labels';

/** What a module will do and which release brings it, for modules not built yet. */
export function NotBuiltPanel({ module }: { module: ModuleName }) {
  const { t } = useTranslation();
  const { release } = MODULE_INFO[module];
  return (
    <Paper withBorder p="md" maw={760} data-testid="not-built">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={34} variant="light" color="yellow" radius="sm">
          <IconClockHour4 size={20} stroke={1.6} />
        </ThemeIcon>
        <div>
          <Title order={5}>{t('notBuilt.title')}</Title>
          <Text size="sm" data-testid="not-built-release">
            {t('notBuilt.release', { module: moduleLabel(t, module), release })}
          </Text>
        </div>
      </Group>
      <Divider my="sm" />
      <Text size="xs" fw={600} tt="uppercase" c="dimmed" mb={6}>
        {t('notBuilt.planned')}
      </Text>
      <List size="sm" spacing={4} mb="sm">
        {modulePlan(t, module).map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        {t('notBuilt.meanwhile')}
      </Text>
    </Paper>
  );
}
