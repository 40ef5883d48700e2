import { Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useEffectEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Events } from '../../../shared/api/contract';
import type { ExportStarted } from '../../../shared/api/exports';
import { useApi } from '../api/context';
import { toCallError } from '../api/errors';
import { gridFormat } from './format';

type Progress = Events['export.progress'];
export type ExportFormat = 'csv' | 'xlsx';
type Format = ExportFormat;

/** Saves a finished export the way a link with `download` does. */
function downloadFile(url: string, fileName: string | undefined): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? '';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * An export of a whole list (the grid's view, the call log), not only what is on screen: `start`
 * asks main for it; main streams the file and reports progress with 'export.progress' events; a
 * notification shows it and the file is downloaded when it is done.
 */
export function useExportRunner(): (format: Format, start: () => Promise<ExportStarted>) => Promise<void> {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const fmt = gridFormat(i18n.language);
  /** exportId → notification id and format, for the events of exports this window started. */
  const running = useRef(new Map<string, { notification: string; format: Format }>());
  /** Events that arrived before the call answered with their exportId. */
  const early = useRef(new Map<string, Progress>());

  const show = (p: Progress) => {
    const job = running.current.get(p.exportId);
    if (!job) {
      early.current.set(p.exportId, p);
      if (early.current.size > 20) early.current.delete(early.current.keys().next().value!);
      return;
    }
    const title = t('grid.export.title', { format: job.format.toUpperCase() });
    if (p.error) {
      running.current.delete(p.exportId);
      notifications.update({ id: job.notification, title, color: 'red', loading: false, autoClose: 10_000, withCloseButton: true, message: t('grid.export.failed', { reason: p.error }) });
      return;
    }
    if (p.finished) {
      running.current.delete(p.exportId);
      if (p.url) downloadFile(p.url, p.fileName);
      notifications.update({
        id: job.notification,
        title,
        color: 'teal',
        loading: false,
        autoClose: 6000,
        withCloseButton: true,
        message: <span data-testid="export-done">{t('grid.export.done', { file: p.fileName ?? '' })}</span>,
      });
      return;
    }
    const pct = p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : 0;
    notifications.update({
      id: job.notification,
      title,
      loading: true,
      autoClose: false,
      withCloseButton: false,
      message: (
        <Stack gap={4} data-testid="export-progress">
          <Text size="xs">{t('grid.export.progress', { done: fmt.count(p.done), total: fmt.count(p.total) })}</Text>
          <Progress value={pct} size="sm" animated />
        </Stack>
      ),
    });
  };

  const onProgress = useEffectEvent(show);
  useEffect(() => api.on('export.progress', (p) => onProgress(p)), [api]);

  return async (format, start) => {
    const notification = `export-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const title = t('grid.export.title', { format: format.toUpperCase() });
    notifications.show({ id: notification, title, message: t('grid.loading'), loading: true, autoClose: false, withCloseButton: false });
    try {
      const started = await start();
      running.current.set(started.exportId, { notification, format });
      notifications.update({
        id: notification,
        title,
        loading: true,
        autoClose: false,
        message: t('grid.export.started', { count: started.total, n: fmt.count(started.total) }),
      });
      const before = early.current.get(started.exportId);
      if (before) {
        early.current.delete(started.exportId);
        show(before);
      }
    } catch (e) {
      notifications.update({ id: notification, title, color: 'red', loading: false, autoClose: 10_000, withCloseButton: true, message: t('grid.export.failed', { reason: toCallError(e).message }) });
    }
  };
}
