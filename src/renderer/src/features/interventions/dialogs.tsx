import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export type ReasonKind = 'finalize' | 'cancel' | 'reject';

const REASON_MAX: Record<ReasonKind, number> = { finalize: 4000, cancel: 500, reject: 500 };
const REASON_COLOR: Record<ReasonKind, string> = { finalize: 'teal', cancel: 'orange', reject: 'red' };

function reasonTexts(t: TFunction, kind: ReasonKind) {
  switch (kind) {
    case 'finalize':
      return { title: t('interventionForm.finalizeDialog.title'), label: t('interventionForm.finalizeDialog.resolution'), hint: t('interventionForm.finalizeDialog.hint'), required: t('interventionForm.finalizeDialog.required'), confirm: t('interventionForm.finalizeDialog.confirm') };
    case 'cancel':
      return { title: t('interventionForm.cancelDialog.title'), label: t('interventionForm.cancelDialog.reason'), hint: t('interventionForm.cancelDialog.hint'), required: t('interventionForm.cancelDialog.required'), confirm: t('interventionForm.cancelDialog.confirm') };
    case 'reject':
      return { title: t('interventionForm.rejectDialog.title'), label: t('interventionForm.rejectDialog.reason'), hint: t('interventionForm.rejectDialog.hint'), required: t('interventionForm.rejectDialog.required'), confirm: t('interventionForm.rejectDialog.confirm') };
  }
}

/** Finalize (a resolution), cancel (a reason) or reject an assignment (a reason): each asks for a text first. */
/**
 * Asks for the reason (or resolution) an action needs. `onConfirm` answers null when done, or the
 * refusal to show: the dialog then stays open with the text typed, so nothing is lost.
 */
export function ReasonDialog({
  kind,
  note,
  onClose,
  onConfirm,
}: {
  kind: ReasonKind | null;
  /** What else the action does, said before confirming (finalize: the answers it closes). */
  note?: string | null;
  onClose: () => void;
  onConfirm: (text: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? reasonTexts(t, kind).title : ''} size="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {kind && <ReasonForm key={kind} kind={kind} note={note ?? null} onClose={onClose} onConfirm={onConfirm} />}
    </Modal>
  );
}

function ReasonForm({ kind, note, onClose, onConfirm }: { kind: ReasonKind; note: string | null; onClose: () => void; onConfirm: (text: string) => Promise<string | null> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const words = reasonTexts(t, kind);
  const submit = () => {
    if (busy) return;
    if (!text.trim()) return setError(words.required);
    setBusy(true);
    void onConfirm(text.trim())
      .then((refusal) => setError(refusal))
      .finally(() => setBusy(false));
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        submit();
      }}
      // Ctrl+Enter confirms from the text area, where Enter is a new line.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
      data-testid="ivf-reason-dialog"
      data-kind={kind}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {words.hint}
        </Text>
        {note && (
          <Alert color="yellow" p="xs" icon={<IconAlertTriangle size={16} />} data-testid="ivf-reason-note">
            {note}
          </Alert>
        )}
        <Textarea
          label={words.label}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          withAsterisk
          autosize
          minRows={3}
          maxRows={8}
          maxLength={REASON_MAX[kind]}
          description={t('interventionForm.reasonCount', { n: text.length, max: REASON_MAX[kind] })}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          data-autofocus
          data-testid="ivf-reason"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-testid="ivf-reason-back">
            {t('interventionForm.back')}
          </Button>
          <Button type="submit" color={REASON_COLOR[kind]} loading={busy} data-testid="ivf-reason-confirm">
            {words.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Throw away your changes?" before closing a dirty form. */
export function DiscardDialog({ opened, onStay, onDiscard }: { opened: boolean; onStay: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onStay} title={t('interventionForm.discard.title')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid="ivf-discard-dialog">
        <Text size="sm">{t('interventionForm.discard.body')}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onStay} data-autofocus data-testid="ivf-discard-stay">
            {t('interventionForm.discard.stay')}
          </Button>
          <Button color="red" onClick={onDiscard} data-testid="ivf-discard-confirm">
            {t('interventionForm.discard.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
