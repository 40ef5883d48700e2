import { Badge, Box, Divider, Group, Text, Tooltip } from '@mantine/core';
import { IconCloud, IconDatabase, IconDeviceDesktop, IconLock, IconPhone, IconPlugConnected, IconPlugConnectedX, IconUser, IconWorld } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../api/transport';
import { formatBytes } from '../i18n/format';
import type { AppInfo } from '../../../shared/api/settings';
import type { Me } from '../../../shared/api/auth';
import { roleLabel } from '../kit/labels';
import { SyncSlotText } from './sync-slot';
import { SipStatusText } from '../features/calls/sip-status';

function Slot({ icon, label, children, testId }: { icon: ReactNode; label: string; children: ReactNode; testId: string }) {
  return (
    <Tooltip label={label}>
      <Group gap={5} wrap="nowrap" data-testid={testId} style={{ minWidth: 0 }}>
        <Box c="dimmed" style={{ display: 'flex', flex: 'none' }}>
          {icon}
        </Box>
        {children}
      </Group>
    </Tooltip>
  );
}

const ICON = { size: 14, stroke: 1.6 } as const;

interface Props {
  me: Me;
  info: AppInfo | null;
  mode: 'desktop' | 'browser';
  connection: ConnectionState;
}

/** One line at the bottom: who, which database, how the app runs, and the reserved device slots. */
export function StatusBar({ me, info, mode, connection }: Props) {
  const { t, i18n } = useTranslation();
  const sep = <Divider orientation="vertical" />;
  return (
    <Group h="100%" px="sm" gap="sm" wrap="nowrap" justify="space-between" fz="xs" data-testid="statusbar">
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, overflow: 'hidden' }}>
        <Slot icon={<IconUser {...ICON} />} label={t('status.user')} testId="statusbar-user">
          <Text size="xs" fw={500} truncate>
            {me.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {roleLabel(t, me.role)}
          </Text>
        </Slot>
        {sep}
        <Slot icon={<IconDatabase {...ICON} />} label={info ? `${t('status.database')}: ${info.database.path ?? info.database.name}` : t('status.database')} testId="statusbar-database">
          {info ? (
            <>
              <Text size="xs" truncate>
                {info.database.name}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatBytes(i18n.language, info.database.sizeBytes)}
              </Text>
              {info.database.demo && (
                <Badge size="xs" variant="light" color="orange" radius="sm" data-testid="statusbar-demo">
                  {t('status.demo')}
                </Badge>
              )}
            </>
          ) : (
            <Text size="xs" c="dimmed">
              …
            </Text>
          )}
        </Slot>
        {sep}
        <Slot icon={mode === 'desktop' ? <IconDeviceDesktop {...ICON} /> : <IconWorld {...ICON} />} label={t('status.mode')} testId="statusbar-mode">
          <Text size="xs">{mode === 'desktop' ? t('status.desktop') : t('status.browser')}</Text>
        </Slot>
        {sep}
        <Slot icon={<IconPhone {...ICON} />} label={t('status.sip')} testId="statusbar-sip">
          <SipStatusText />
        </Slot>
        {sep}
        <Slot icon={<IconCloud {...ICON} />} label={t('status.sync')} testId="statusbar-sync">
          <SyncSlotText />
        </Slot>
        {me.sessionLocked && (
          <>
            {sep}
            <Group gap={5} wrap="nowrap" c="orange.8" data-testid="statusbar-session-locked">
              <IconLock {...ICON} />
              <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                {t('status.sessionLocked')}
              </Text>
            </Group>
          </>
        )}
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flex: 'none' }}>
        {mode === 'browser' && (
          <Group gap={5} wrap="nowrap" c={connection === 'connected' ? 'teal.8' : 'orange.8'} data-testid="statusbar-connection" data-state={connection}>
            {connection === 'connected' ? <IconPlugConnected {...ICON} /> : <IconPlugConnectedX {...ICON} />}
            <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
              {connection === 'connected'
                ? t('status.connected')
                : connection === 'connecting'
                  ? t('status.connecting')
                  : connection === 'reconnecting'
                    ? t('status.reconnecting')
                    : t('status.offline')}
            </Text>
          </Group>
        )}
        {info && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="statusbar-version">
            {t('app.version', { version: info.version })}
          </Text>
        )}
      </Group>
    </Group>
  );
}
