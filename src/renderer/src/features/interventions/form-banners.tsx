import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconUserQuestion, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { InterventionDetail } from '../../../../shared/api/interventions';

/** The logged-in technician's pending assignment: accept it, or reject it (the reason is asked for). */
export function AssignedBanner({ plannedText, busy, onAccept, onReject }: { plannedText: string | null; busy: boolean; onAccept: () => void; onReject: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" p={8} className="ivf-banner" icon={<IconUserQuestion size={18} />} data-testid="ivf-assigned">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div>
          <Text size="sm" fw={600}>
            {t('interventionForm.assigned.title')}
          </Text>
          <Text size="xs" c="dimmed">
            {plannedText ? t('interventionForm.assigned.bodyPlanned', { when: plannedText }) : t('interventionForm.assigned.body')}
          </Text>
        </div>
        <Group gap={6} wrap="nowrap">
          <Button size="xs" color="teal" leftSection={<IconCheck size={14} />} loading={busy} onClick={onAccept} data-testid="ivf-accept">
            {t('interventionForm.assigned.accept')}
          </Button>
          <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} disabled={busy} onClick={onReject} data-testid="ivf-reject">
            {t('interventionForm.assigned.reject')}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}

/** Why the form cannot be changed: the intervention is closed (its resolution or cancel reason), or the user may only read. */
export function ReadOnlyBanner({ detail }: { detail: InterventionDetail | null }) {
  const { t } = useTranslation();
  const text =
    detail?.status === 'finalized'
      ? t('interventionForm.readOnlyFinalized', { resolution: detail.resolution ?? '' })
      : detail?.status === 'cancelled'
        ? t('interventionForm.readOnlyCancelled', { reason: detail.cancelReason ?? '' })
        : t('interventionForm.readOnlyRights');
  return (
    <Alert color="gray" variant="light" p={8} className="ivf-banner" data-testid="ivf-readonly">
      <Text size="xs">{text}</Text>
    </Alert>
  );
}

/** What went wrong with the last action, until it is dismissed or the next one succeeds. */
export function ErrorBanner({ message, onClose }: { message: string; onClose: () => void }) {
  return (
    <Alert color="red" variant="light" p={8} className="ivf-banner" icon={<IconAlertTriangle size={16} />} data-testid="ivf-error" withCloseButton onClose={onClose}>
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
