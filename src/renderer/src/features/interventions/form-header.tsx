import { ActionIcon, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconBan, IconCircleCheck, IconDeviceFloppy, IconExternalLink, IconHash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InterventionFormState } from './use-intervention-form';
import { StatusBadge } from '../../kit/status-badge';

/**
 * The form's title bar: number, status, the unsaved mark, and the actions the record allows now
 * (a closed one only closes; a valid one has its number; a new one is not finalized yet).
 */
export function FormHeader({ state, variant, onClose }: { state: InterventionFormState; variant: 'modal' | 'page'; onClose: () => void }) {
  const { t } = useTranslation();
  const { detail, isNew, dirty, readOnly, busy, form } = state;
  const status = detail?.status ?? 'taken';
  // Finalize needs the plan (it may be typed and not yet saved: finalizing saves first); main
  // checks again and says why when it refuses.
  const planned = form.plannedStart !== null && form.plannedEnd !== null && form.teamId !== null && form.verifierId !== null;
  return (
    <div className="ivf-header">
      <Group gap="sm" wrap="nowrap">
        <Text fw={700} size="lg">
          {isNew ? t('interventionForm.titleNew') : t('interventionForm.title')}
        </Text>
        <Text size="sm" c={detail?.fullNumber ? undefined : 'dimmed'} ff="monospace" data-testid="ivf-number">
          {detail?.fullNumber ?? (detail?.valid ? t('interventionForm.numberPending') : t('interventionForm.noNumber'))}
        </Text>
        <span data-testid="ivf-status" data-status={status}>
          <StatusBadge status={status} t={t} />
        </span>
        {dirty && (
          <Text size="xs" c="orange.8" data-testid="ivf-dirty">
            {t('interventionForm.unsaved')}
          </Text>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        {!readOnly && (
          <Tooltip label={t('interventionForm.saveHint')}>
            <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} loading={busy} onClick={() => void state.save()} data-testid="ivf-save">
              {t('interventionForm.save')}
            </Button>
          </Tooltip>
        )}
        {!readOnly && !detail?.valid && (
          <Button size="xs" variant="light" leftSection={<IconHash size={14} />} disabled={busy} onClick={() => void state.validate()} data-testid="ivf-validate">
            {t('interventionForm.validate')}
          </Button>
        )}
        {!readOnly && !isNew && (
          <Tooltip label={t('errors.refusals.finalizeNeedsPlan')} disabled={planned} multiline w={280}>
            <Button
              size="xs"
              variant="light"
              color="teal"
              leftSection={<IconCircleCheck size={14} />}
              disabled={busy || !planned}
              onClick={() => state.setReason('finalize')}
              data-testid="ivf-finalize"
            >
              {t('interventionForm.finalize')}
            </Button>
          </Tooltip>
        )}
        {!readOnly && !isNew && (
          <Button size="xs" variant="light" color="orange" leftSection={<IconBan size={14} />} disabled={busy} onClick={() => state.setReason('cancel')} data-testid="ivf-cancel">
            {t('interventionForm.cancelIntervention')}
          </Button>
        )}
        {variant === 'modal' && !isNew && (
          <Tooltip label={t('interventionForm.openWindow')}>
            <ActionIcon size={30} variant="default" disabled={busy} onClick={() => void state.openInOwnWindow()} aria-label={t('interventionForm.openWindow')} data-testid="ivf-open-window">
              <IconExternalLink size={15} />
            </ActionIcon>
          </Tooltip>
        )}
        <Button size="xs" variant="default" onClick={onClose} data-testid="ivf-close">
          {t('common.close')}
        </Button>
      </Group>
    </div>
  );
}
