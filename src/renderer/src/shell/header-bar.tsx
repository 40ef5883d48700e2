import { ActionIcon, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconChevronRight, IconHeadset, IconKeyboard } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  moduleLabel: string | null;
  onShortcuts: () => void;
  userMenu: ReactNode;
}

export function HeaderBar({ moduleLabel, onShortcuts, userMenu }: Props) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Group gap={8} wrap="nowrap">
          <ThemeIcon size={26} radius="sm">
            <IconHeadset size={16} stroke={1.8} />
          </ThemeIcon>
          <Text fw={600} size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="app-name">
            {t('app.name')}
          </Text>
        </Group>
        {moduleLabel && (
          <>
            <IconChevronRight size={14} stroke={1.6} color="var(--mantine-color-gray-5)" style={{ flex: 'none' }} />
            <Text size="sm" fw={500} c="dark.4" truncate data-testid="current-module">
              {moduleLabel}
            </Text>
          </>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        <Tooltip label={`${t('header.shortcuts')} (F1)`}>
          <ActionIcon variant="subtle" color="gray" size="md" onClick={onShortcuts} aria-label={t('header.shortcuts')} data-testid="shortcuts-button">
            <IconKeyboard size={18} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
        {userMenu}
      </Group>
    </Group>
  );
}
