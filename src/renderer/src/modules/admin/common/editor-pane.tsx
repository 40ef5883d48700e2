import { ActionIcon, Alert, Badge, Button, Group, Kbd, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconDeviceFloppy, IconTrash, IconX } from '@tabler/icons-react';
import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  dirty: boolean;
  saving: boolean;
  canWrite: boolean;
  /** A message for the whole form (a refusal that names no field). */
  error: string | null;
  onSave: () => void;
  onClose: () => void;
  /** Shown when the record may be deleted; asks first. */
  onDelete?: (() => void) | undefined;
  deleteName?: string;
  children: ReactNode;
  testid: string;
}

/**
 * The editor beside a list: Enter in a field or Ctrl+S saves, Esc closes (asking first when
 * something changed), so an administrator can work through a list without the mouse.
 */
export function EditorPane({ title, subtitle, dirty, saving, canWrite, error, onSave, onClose, onDelete, deleteName, children, testid }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'discard' | 'delete' | null>(null);

  const requestClose = () => (dirty ? setAsking('discard') : onClose());
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    // Keys in a dialog (a portal, so outside the form in the DOM) bubble here through React: not ours.
    if (!e.currentTarget.contains(e.target as Node)) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (canWrite && !saving) onSave();
    } else if (e.key === 'Escape' && !e.defaultPrevented && asking === null) {
      // Esc in a select whose list is open only closes the list (Mantine does not mark it handled).
      if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
      e.preventDefault();
      requestClose();
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (canWrite && !saving) onSave();
  };

  return (
    <form className="adm-editor" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate data-testid={testid} data-dirty={dirty ? 'true' : 'false'}>
      <div className="adm-editor-head">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm" truncate>
            {title}
          </Text>
          {subtitle && (
            <Text size="xs" c="dimmed">
              {subtitle}
            </Text>
          )}
        </div>
        {dirty && (
          <Badge size="xs" color="orange" variant="light">
            {t('admin.common.unsaved')}
          </Badge>
        )}
        <Tooltip label={t('common.close')}>
          <ActionIcon variant="subtle" color="gray" onClick={requestClose} aria-label={t('common.close')} data-testid={`${testid}-close`}>
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </div>
      <div className="adm-editor-body">
        {!canWrite && (
          <Alert color="gray" p="xs" mb="xs">
            {t('admin.common.readOnly')}
          </Alert>
        )}
        <fieldset disabled={!canWrite} className="adm-fieldset">
          {children}
        </fieldset>
        {error && (
          <Alert color="red" p="xs" mt="sm" data-testid={`${testid}-error`}>
            {error}
          </Alert>
        )}
      </div>
      {canWrite && (
        <div className="adm-editor-foot">
          {onDelete && (
            <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setAsking('delete')} data-testid={`${testid}-delete`}>
              {t('admin.common.delete')}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          <Button size="xs" variant="default" onClick={requestClose}>
            {t('admin.common.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={saving} leftSection={<IconDeviceFloppy size={14} />} rightSection={<Kbd size="xs">Ctrl+S</Kbd>} data-testid={`${testid}-save`}>
            {t('admin.common.save')}
          </Button>
        </div>
      )}
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking === 'delete' ? t('admin.common.deleteConfirm.title') : t('admin.common.discard.title')}
        size="sm"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md" data-testid={`${testid}-confirm`}>
          <Text size="sm">{asking === 'delete' ? t('admin.common.deleteConfirm.body', { name: deleteName ?? '' }) : t('admin.common.discard.body')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setAsking(null)} data-autofocus>
              {t('admin.common.discard.keep')}
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                const what = asking;
                setAsking(null);
                if (what === 'delete') onDelete?.();
                else onClose();
              }}
              data-testid={`${testid}-confirm-yes`}
            >
              {asking === 'delete' ? t('admin.common.deleteConfirm.confirm') : t('admin.common.discard.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
