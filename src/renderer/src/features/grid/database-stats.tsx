import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppInfoState } from '../../kit/use-app-info';
import { gridFormat } from '../../kit/format';

/** What the whole database holds, in one quiet line under the grid. */
export function DatabaseStats({ appInfo }: { appInfo: AppInfoState }) {
  const { t, i18n } = useTranslation();
  const counts = appInfo.info?.counts;
  if (!counts) return null;
  const fmt = gridFormat(i18n.language);
  return (
    <Text span size="xs" c="dimmed" data-testid="overview" style={{ whiteSpace: 'nowrap' }}>
      {t('grid.database')}{' '}
      <span data-testid="count-interventions">{fmt.count(counts.interventions)}</span> {t('overview.interventions', { count: counts.interventions })} ·{' '}
      <span data-testid="count-clients">{fmt.count(counts.clients)}</span> {t('overview.clients', { count: counts.clients })} ·{' '}
      <span data-testid="count-personnel">{fmt.count(counts.personnel)}</span> {t('overview.personnel', { count: counts.personnel })}
    </Text>
  );
}
