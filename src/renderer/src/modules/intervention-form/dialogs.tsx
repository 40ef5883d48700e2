import { Button, Group, Modal, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldLabel, type FormField } from './form-model';

/** Finalize (a resolution) or cancel (a reason): both ask for a text first. */
export function ReasonDialog({
  kind,
  onClose,
  onConfirm,
}: {
  kind: 'finalize' | 'cancel' | null;
  onClose: () => void;
  onConfirm: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const title = kind === 'finalize' ? t('interventionForm.finalizeDialog.title') : t('interventionForm.cancelDialog.title');
  return (
    <Modal opened={kind !== null} onClose={onClose} title={title} size="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {kind && <ReasonForm key={kind} kind={kind} onClose={onClose} onConfirm={onConfirm} />}
    </Modal>
  );
}

function ReasonForm({ kind, onClose, onConfirm }: { kind: 'finalize' | 'cancel'; onClose: () => void; onConfirm: (text: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        if (!text.trim()) return setError(kind === 'finalize' ? t('interventionForm.finalizeDialog.required') : t('interventionForm.cancelDialog.required'));
        setBusy(true);
        void onConfirm(text.trim()).finally(() => setBusy(false));
      }}
    >
      <Stack gap="sm">
        <Textarea
          label={kind === 'finalize' ? t('interventionForm.finalizeDialog.resolution') : t('interventionForm.cancelDialog.reason')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={kind === 'finalize' ? 4000 : 500}
          data-autofocus
          data-testid="ivf-reason"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('interventionForm.back')}
          </Button>
          <Button type="submit" color={kind === 'finalize' ? 'teal' : 'orange'} loading={busy} data-testid="ivf-reason-confirm">
            {kind === 'finalize' ? t('interventionForm.finalizeDialog.confirm') : t('interventionForm.cancelDialog.confirm')}
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

export interface FormConflict {
  fields: FormField[];
  /** Each value as a person reads it. */
  mine: Partial<Record<FormField, string>>;
  theirs: Partial<Record<FormField, string>>;
}

/** A stale save: both values per field; the user picks, nothing is overwritten silently. */
export function FormConflictDialog({ conflict, onCancel, onResolve }: { conflict: FormConflict | null; onCancel: () => void; onResolve: (keepMine: Record<string, boolean>) => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={conflict !== null} onClose={onCancel} title={t('clients.conflict.title')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {conflict && <ConflictBody key={conflict.fields.join()} conflict={conflict} onCancel={onCancel} onResolve={onResolve} />}
    </Modal>
  );
}

function ConflictBody({ conflict, onCancel, onResolve }: { conflict: FormConflict; onCancel: () => void; onResolve: (keepMine: Record<string, boolean>) => void }) {
  const { t } = useTranslation();
  const [keepMine, setKeepMine] = useState<Record<string, boolean>>(() => Object.fromEntries(conflict.fields.map((f) => [f, true])));
  const shown = (v: string | undefined) =>
    v?.trim() ? (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {v}
      </Text>
    ) : (
      <Text size="sm" c="dimmed" fs="italic">
        {t('clients.conflict.empty')}
      </Text>
    );
  return (
    <Stack gap="sm" data-testid="conflict-dialog">
      <Text size="sm">{t('clients.conflict.body')}</Text>
      <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="sm" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{t('clients.conflict.field')}</Table.Th>
            <Table.Th>{t('clients.conflict.mine')}</Table.Th>
            <Table.Th>{t('clients.conflict.theirs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflict.fields.map((f) => (
            <Table.Tr key={f} data-testid={`conflict-row-${f}`}>
              <Table.Td fw={600}>{fieldLabel(t, f)}</Table.Td>
              <Table.Td bg={keepMine[f] ? 'var(--mantine-color-blue-0)' : undefined}>
                <Radio size="xs" name={`conflict-${f}`} checked={keepMine[f] === true} onChange={() => setKeepMine((k) => ({ ...k, [f]: true }))} label={shown(conflict.mine[f])} data-testid={`conflict-pick-${f}-mine`} />
              </Table.Td>
              <Table.Td bg={keepMine[f] ? undefined : 'var(--mantine-color-blue-0)'}>
                <Radio
                  size="xs"
                  name={`conflict-${f}`}
                  checked={keepMine[f] === false}
                  onChange={() => setKeepMine((k) => ({ ...k, [f]: false }))}
                  label={shown(conflict.theirs[f])}
                  data-testid={`conflict-pick-${f}-theirs`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setKeepMine(Object.fromEntries(conflict.fields.map((f) => [f, true])))}>
            {t('clients.conflict.allMine')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setKeepMine(Object.fromEntries(conflict.fields.map((f) => [f, false])))}>
            {t('clients.conflict.allTheirs')}
          </Button>
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('interventionForm.back')}
          </Button>
          <Button size="xs" onClick={() => onResolve(keepMine)} data-testid="conflict-apply">
            {t('clients.conflict.apply')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
