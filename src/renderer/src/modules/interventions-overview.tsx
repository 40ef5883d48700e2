import { Alert, Button, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconClipboardList, IconInfoCircle, IconUsers, IconUsersGroup, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AppInfoState } from '../app/use-app-info';
import { NEXT_RELEASE, modulePlan } from '../app/modules';
import { errorText } from '../i18n/error-text';
import { formatCount } from '../i18n/format';

function Stat({ icon: StatIcon, value, label, testId, language }: { icon: Icon; value: number | null; label: string; testId: string; language: string }) {
  return (
    <Paper withBorder p="sm">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={34} variant="light" radius="sm">
          <StatIcon size={18} stroke={1.6} />
        </ThemeIcon>
        <div>
          {value === null ? (
            <Skeleton h={22} w={72} mb={4} />
          ) : (
            <Text fz={22} fw={600} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
              {formatCount(language, value)}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {label}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** The interventions page until its grid arrives: what the database holds, and what comes next. */
export function InterventionsOverview({ appInfo }: { appInfo: AppInfoState }) {
  const { t, i18n } = useTranslation();
  const { info, error, loading, reload } = appInfo;
  const counts = info?.counts ?? null;
  const language = i18n.language;
  return (
    <Stack gap="md" maw={960} data-testid="overview">
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={4}>{t('overview.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('overview.subtitle')}
            </Text>
          </div>
        </Group>
        {error && !info ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="overview-error">
            <Group justify="space-between" gap="xs">
              <Text size="sm">
                {t('overview.loadFailed')} {errorText(t, error.code)}
              </Text>
              <Button size="xs" variant="default" onClick={reload} loading={loading}>
                {t('common.retry')}
              </Button>
            </Group>
          </Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Stat
              icon={IconClipboardList}
              value={counts?.interventions ?? null}
              label={t('overview.interventions', { count: counts?.interventions ?? 0 })}
              testId="count-interventions"
              language={language}
            />
            <Stat
              icon={IconUsers}
              value={counts?.clients ?? null}
              label={t('overview.clients', { count: counts?.clients ?? 0 })}
              testId="count-clients"
              language={language}
            />
            <Stat
              icon={IconUsersGroup}
              value={counts?.personnel ?? null}
              label={t('overview.personnel', { count: counts?.personnel ?? 0 })}
              testId="count-personnel"
              language={language}
            />
          </SimpleGrid>
        )}
      </Paper>
      <Alert variant="light" color="brand" icon={<IconInfoCircle size={16} />} p="sm" data-testid="overview-grid-note">
        <Text size="sm" fw={500} mb={6}>
          {t('overview.gridComing', { release: NEXT_RELEASE })}
        </Text>
        <List size="sm" spacing={2}>
          {modulePlan(t, 'interventions').map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Alert>
    </Stack>
  );
}
