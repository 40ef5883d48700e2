import { Button, Group, Loader, Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { gridFormat } from '../../kit/format';
import type { AppInfoState } from '../../kit/use-app-info';
import { DatabaseStats } from './database-stats';
import type { GridStore } from './grid-store';

/** Under the grid: how many interventions the view holds, work under way, a load error, the database. */
export function GridFooter({ store, total, slow, appInfo }: { store: GridStore; total: number | null; slow: boolean; appInfo: AppInfoState }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  return (
    <div className="ivg-footer">
      <Group gap={8} wrap="nowrap">
        {total === null ? (
          <Text span size="xs" c="dimmed" data-testid="result-count-loading">
            {slow ? t('grid.working') : t('grid.loading')}
          </Text>
        ) : (
          <Text span size="xs" fw={600} c="dark.5" data-testid="result-count" data-count={total}>
            {t('grid.resultCount', { count: total, n: fmt.count(total) })}
          </Text>
        )}
        <BusyMark store={store} />
        {store.error && (
          <Group gap={6} wrap="nowrap" data-testid="grid-error">
            <Text span size="xs" c="red.7">
              {t('grid.loadFailed', { reason: store.error.message })}
            </Text>
            <Button size="compact-xs" variant="light" color="red" onClick={() => store.retry()}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Group>
      <DatabaseStats appInfo={appInfo} />
    </div>
  );
}

/** A small spinner while pages or groups are on their way (re-renders on its own). */
function BusyMark({ store }: { store: GridStore }) {
  useSyncExternalStore(store.subscribe, () => store.busy);
  return store.busy ? <Loader size={12} data-testid="grid-busy" /> : null;
}
