import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A list or page that could not be loaded: the reason, and a retry that does not need a reload of the window. */
export function LoadFailed({ reason, onRetry, testid, mt }: { reason: string; onRetry: () => void; testid: string; mt?: 'xs' }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" p="xs" mt={mt} data-testid={testid}>
      <Group gap="xs" justify="space-between">
        <Text size="sm">{t('admin.common.loadFailed', { reason })}</Text>
        <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
          {t('admin.common.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
