import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** What the dialogs say about the intervention they act on. */
export interface RecordRef {
  id: string;
  version: number;
  /** Series and number as people read them, or "(no number)". */
  number: string;
  client: string;
}

interface Props {
  record: RecordRef | null;
  onClose: () => void;
  onConfirm: (record: RecordRef, reason: string) => Promise<boolean>;
}

/** "Delete intervention X of Y?": confirmed with a red button; the server checks the right. */
export function DeleteDialog({ record, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={record !== null} onClose={onClose} title={t('grid.deleteDialog.title')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="delete-dialog">
      {record && (
        <Stack gap="md">
          <Text size="sm">{t('grid.deleteDialog.body', { number: record.number, client: record.client })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} data-testid="delete-back">
              {t('grid.back')}
            </Button>
            <Button
              color="red"
              loading={busy}
              data-autofocus
              data-testid="delete-confirm"
              onClick={() => {
                setBusy(true);
                void onConfirm(record, '').finally(() => setBusy(false));
              }}
            >
              {t('grid.deleteDialog.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** Cancelling (annulling) asks why; the reason is kept with the intervention. */
export function CancelDialog({ record, onClose, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={record !== null} onClose={onClose} title={t('grid.cancelDialog.title')} size="md" closeButtonProps={{ 'aria-label': t('common.close') }} data-testid="cancel-dialog">
      {record && <CancelForm key={record.id} record={record} onClose={onClose} onConfirm={onConfirm} />}
    </Modal>
  );
}

function CancelForm({ record, onClose, onConfirm }: { record: RecordRef; onClose: () => void; onConfirm: Props['onConfirm'] }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return setError(t('grid.cancelDialog.reasonRequired'));
        setBusy(true);
        void onConfirm(record, reason.trim()).finally(() => setBusy(false));
      }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('grid.cancelDialog.body', { number: record.number, client: record.client })}</Text>
        <Textarea
          label={t('grid.cancelDialog.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={500}
          data-autofocus
          data-testid="cancel-reason"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('grid.back')}
          </Button>
          <Button type="submit" color="orange" loading={busy} data-testid="cancel-confirm">
            {t('grid.cancelDialog.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
