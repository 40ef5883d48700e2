import { Badge, Button, Group, Modal, Text, Tooltip } from '@mantine/core';
import { IconDeviceFloppy, IconEye, IconEyeOff, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestTypeUsage } from '../../../../shared/api/request-types';

interface Props {
  isNew: boolean;
  canWrite: boolean;
  /** How many interventions use the type and its branch: decides delete or deactivate. */
  usage: RequestTypeUsage | null;
  /** Whether the saved type is active (not the draft's switch). */
  active: boolean;
  dirty: boolean;
  saving: boolean;
  code: string;
  onSave: () => void;
  /** Saves the draft with the type (de)activated: one click, no second save. */
  onSetActive: (active: boolean) => void;
  onRevert: () => void;
  /** Called once the user confirmed. */
  onDelete: () => void;
}

/** The type editor's action bar: usage, delete (only when unused, after asking), (de)activate, revert, save. */
export function TypeActions({ isNew, canWrite, usage, active, dirty, saving, code, onSave, onSetActive, onRevert, onDelete }: Props) {
  const { t } = useTranslation();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const unused = usage !== null && usage.subtree === 0 && usage.children === 0;
  return (
    <>
      <Group justify="space-between" mt="sm" className="rta-actions">
        <Group gap={6}>
          {!isNew && usage && (
            <Badge size="sm" variant="light" color={usage.subtree > 0 ? 'blue' : 'gray'} tt="none" data-testid="rt-usage">
              {t('adminTypes.editor.usage', { count: usage.subtree })}
            </Badge>
          )}
          {!isNew && canWrite && (
            <Tooltip label={unused ? t('adminTypes.editor.deleteHint') : t('adminTypes.editor.cannotDelete')} multiline w={260}>
              <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} disabled={!unused} onClick={() => setConfirmDelete(true)} data-testid="rt-delete">
                {t('adminTypes.editor.delete')}
              </Button>
            </Tooltip>
          )}
          {!isNew && canWrite && active && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              leftSection={<IconEyeOff size={14} />}
              onClick={() => onSetActive(false)}
              disabled={saving}
              data-testid="rt-deactivate"
            >
              {t('adminTypes.editor.deactivate')}
            </Button>
          )}
          {!isNew && canWrite && !active && (
            <Button size="xs" variant="subtle" leftSection={<IconEye size={14} />} onClick={() => onSetActive(true)} disabled={saving} data-testid="rt-activate">
              {t('adminTypes.editor.activate')}
            </Button>
          )}
        </Group>
        {canWrite && (
          <Group gap={6}>
            <Button
              size="xs"
              variant="default"
              onClick={onRevert}
              disabled={!isNew && !dirty}
              data-testid="rt-revert"
            >
              {isNew ? t('adminTypes.cancel') : t('adminTypes.editor.revert')}
            </Button>
            <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} onClick={onSave} loading={saving} disabled={!dirty} data-testid="rt-save">
              {t('adminTypes.save')}
            </Button>
          </Group>
        )}
      </Group>

      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('adminTypes.editor.deleteTitle')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('adminTypes.editor.deleteConfirm', { code })}</Text>
        <Group justify="flex-end" mt="md" gap={6}>
          <Button size="xs" variant="default" onClick={() => setConfirmDelete(false)}>
            {t('adminTypes.cancel')}
          </Button>
          <Button size="xs" color="red" onClick={() => {
              setConfirmDelete(false);
              onDelete();
            }} data-testid="rt-delete-confirm" data-autofocus>
            {t('adminTypes.editor.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
