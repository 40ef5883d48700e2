import { Alert, Badge, Button, Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordEditor } from './use-record-editor';

/*
 * The pieces the list editors and the settings page share, so that every administration form
 * saves with the same keys and says "unsaved", "read only" and its errors in the same places.
 */

interface SaveFormProps {
  editor: Pick<RecordEditor, 'saving' | 'save'>;
  canWrite: boolean;
  className: string;
  testid: string;
  dirty?: boolean;
  /** Keys of the page's own (Esc in an editor beside a list); called for keys Ctrl+S leaves alone. */
  onOtherKey?: (e: KeyboardEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** A form that Enter in a field or Ctrl+S saves, unless the user may not write or it is saving. */
export function SaveForm({ editor, canWrite, className, testid, dirty, onOtherKey, children }: SaveFormProps) {
  const submit = () => {
    if (canWrite && !editor.saving) void editor.save();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // Keys in a dialog (a portal, so outside the form in the DOM) bubble here through React: not ours.
    if (!e.currentTarget.contains(e.target as Node)) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      submit();
    } else onOtherKey?.(e);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };
  return (
    <form className={className} onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid={testid} data-dirty={dirty === undefined ? undefined : dirty ? 'true' : 'false'}>
      {children}
    </form>
  );
}

export function UnsavedBadge({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation();
  if (!dirty) return null;
  return (
    <Badge size="xs" color="orange" variant="light">
      {t('admin.common.unsaved')}
    </Badge>
  );
}

/** Why the fields are greyed out: the user may read the administration but not change it. */
export function ReadOnlyNote({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  if (canWrite) return null;
  return (
    <Alert color="gray" p="xs" mb="xs">
      {t('admin.common.readOnly')}
    </Alert>
  );
}

export function FormError({ error, testid }: { error: string | null; testid: string }) {
  if (!error) return null;
  return (
    <Alert color="red" p="xs" mt="sm" data-testid={testid}>
      {error}
    </Alert>
  );
}

interface SaveButtonsProps {
  saving: boolean;
  onCancel: () => void;
  saveTestid: string;
  /** The settings page has nothing to cancel or save until something changed. */
  disabled?: boolean;
}

/** Cancel and Save (a submit button, so the form's own checks run), with the shortcut shown. */
export function SaveButtons({ saving, onCancel, saveTestid, disabled = false }: SaveButtonsProps) {
  const { t } = useTranslation();
  return (
    <>
      <Button size="xs" variant="default" disabled={disabled} onClick={onCancel}>
        {t('admin.common.cancel')}
      </Button>
      <Button size="xs" type="submit" loading={saving} disabled={disabled} leftSection={<IconDeviceFloppy size={14} />} rightSection={<Kbd size="xs">Ctrl+S</Kbd>} data-testid={saveTestid}>
        {t('admin.common.save')}
      </Button>
    </>
  );
}

interface ConfirmProps {
  opened: boolean;
  title: string;
  body: string;
  keepLabel: string;
  confirmLabel: string;
  onKeep: () => void;
  onConfirm: () => void;
  testid: string;
  confirmTestid: string;
  keepTestid?: string;
  size?: 'sm' | 'md';
}

/** Asks before something that cannot be taken back; the safe answer has the focus, so Enter keeps. */
export function ConfirmDialog({ opened, title, body, keepLabel, confirmLabel, onKeep, onConfirm, testid, confirmTestid, keepTestid, size = 'sm' }: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onKeep} title={title} size={size} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid={testid}>
        <Text size="sm">{body}</Text>
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onKeep} data-autofocus data-testid={keepTestid}>
            {keepLabel}
          </Button>
          <Button size="xs" color="red" onClick={onConfirm} data-testid={confirmTestid}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
