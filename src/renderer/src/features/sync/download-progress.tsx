import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../../shared/api/sync';
import { gridFormat } from '../../kit/format';

/** Seconds as the user's language says a short duration ("2 min", "45 s"). */
function duration(seconds: number, language: string): string {
  const unit = seconds >= 90 ? 'minute' : 'second';
  const value = unit === 'minute' ? Math.round(seconds / 60) : Math.max(1, Math.round(seconds));
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

/**
 * A download of the whole store (joining, or one resumed): rows so far of the total, the pace
 * and the time left; then the index build, which has no pace to show.
 */
export function DownloadProgress({ progress }: { progress: SyncProgress }) {
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  const indexing = progress.phase === 'indexes';
  const share = progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={4} data-testid="sync-progress" data-phase={progress.phase}>
      <Text size="sm">
        {indexing ? t('sync.progress.indexes') : t('sync.progress.download', { done: fmt.count(progress.done), total: fmt.count(progress.total) })}
      </Text>
      <Progress value={indexing ? 100 : share} animated={indexing} striped={indexing} aria-label={t('sync.progress.label')} />
      {!indexing && progress.rowsPerSecond > 0 && (
        <Text size="xs" c="dimmed">
          {t('sync.progress.rate', { rate: fmt.count(progress.rowsPerSecond) })}
          {progress.secondsLeft !== null && ` · ${t('sync.progress.left', { time: duration(progress.secondsLeft, i18n.language) })}`}
        </Text>
      )}
    </Stack>
  );
}
