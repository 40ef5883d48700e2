import { ActionIcon, Badge, Drawer, Group, Indicator, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** The button's icon, and the drawer title's. */
  icon: ReactNode;
  titleIcon: ReactNode;
  title: string;
  /** What the button says (its tooltip and accessible name): the count in words, or its name. */
  label: string;
  /** What waits; the badge shows it when above zero. */
  count: number;
  color: string;
  opened: boolean;
  onOpen: () => void;
  onClose: () => void;
  size: number;
  /** Test ids: <testId>-button (mentions-bell keeps its own), <testId>-count, <testId>-drawer. */
  testIds: { button: string; count: string; drawer: string };
  children: ReactNode;
}

/**
 * A button of the header with a count on it (mentions, the Inbox) that opens a drawer on the
 * right, its title repeating the count in words.
 */
export function HeaderDrawer({ icon, titleIcon, title, label, count, color, opened, onOpen, onClose, size, testIds, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Tooltip label={label}>
        <Indicator label={count > 99 ? '99+' : count} size={16} color={color} disabled={count === 0} offset={4} data-testid={testIds.count} data-count={count}>
          <ActionIcon variant="subtle" color="gray" size="md" onClick={onOpen} aria-label={label} data-testid={testIds.button}>
            {icon}
          </ActionIcon>
        </Indicator>
      </Tooltip>
      <Drawer
        opened={opened}
        onClose={onClose}
        position="right"
        size={size}
        title={
          <Group gap={8}>
            {titleIcon}
            <Text fw={600}>{title}</Text>
            {count > 0 && (
              <Badge size="sm" color={color} variant="light">
                {label}
              </Badge>
            )}
          </Group>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        data-testid={testIds.drawer}
      >
        {children}
      </Drawer>
    </>
  );
}
