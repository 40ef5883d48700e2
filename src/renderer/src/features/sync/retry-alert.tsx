import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What could not be loaded from the store (offline, refused), with a retry. */
export function RetryAlert({ text, onRetry, testid }: { text: string; onRetry: () => void; testid?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" p="xs" data-testid={testid}>
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm">{text}</Text>
        <Button size="compact-xs" variant="light" color="orange" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Group>
    </Alert>
  );
}
