import './editor.css';
import { ActionIcon, Button, Text, Tooltip } from '@mantine/core';
import { IconTrash, IconX } from '@tabler/icons-react';
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog, FormError, ReadOnlyNote, SaveButtons, SaveForm, UnsavedBadge } from './editor-parts';
import type { RecordEditor } from './use-record-editor';

interface Props {
  title: ReactNode;
  /** The stored version, shown under the title of an existing record. */
  version?: number | undefined;
  editor: RecordEditor;
  canWrite: boolean;
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
export function EditorPane({ title, version, editor, canWrite, onClose, onDelete, deleteName, children, testid }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'discard' | 'delete' | null>(null);
  const { dirty } = editor;

  const requestClose = () => (dirty ? setAsking('discard') : onClose());
  const onEscape = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented || asking !== null) return;
    // Esc in a select whose list is open only closes the list (Mantine does not mark it handled).
    if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
    e.preventDefault();
    requestClose();
  };

  return (
    <SaveForm className="adm-editor" editor={editor} canWrite={canWrite} onOtherKey={onEscape} testid={testid} dirty={dirty}>
      <div className="dense-editor-head">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm" truncate>
            {title}
          </Text>
          {version !== undefined && (
            <Text size="xs" c="dimmed">
              {t('admin.common.version', { version })}
            </Text>
          )}
        </div>
        <UnsavedBadge dirty={dirty} />
        <Tooltip label={t('common.close')}>
          <ActionIcon variant="subtle" color="gray" onClick={requestClose} aria-label={t('common.close')} data-testid={`${testid}-close`}>
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </div>
      <div className="dense-editor-body">
        <ReadOnlyNote canWrite={canWrite} />
        <fieldset disabled={!canWrite} className="adm-fieldset">
          {children}
        </fieldset>
        <FormError error={editor.formError} testid={`${testid}-error`} />
      </div>
      {canWrite && (
        <div className="adm-editor-foot">
          {onDelete && (
            <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setAsking('delete')} data-testid={`${testid}-delete`}>
              {t('admin.common.delete')}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          <SaveButtons saving={editor.saving} onCancel={requestClose} saveTestid={`${testid}-save`} />
        </div>
      )}
      <ConfirmDialog
        opened={asking !== null}
        title={asking === 'delete' ? t('admin.common.deleteConfirm.title') : t('admin.common.discard.title')}
        body={asking === 'delete' ? t('admin.common.deleteConfirm.body', { name: deleteName ?? '' }) : t('admin.common.discard.body')}
        keepLabel={t('admin.common.discard.keep')}
        confirmLabel={asking === 'delete' ? t('admin.common.deleteConfirm.confirm') : t('admin.common.discard.confirm')}
        onKeep={() => setAsking(null)}
        onConfirm={() => {
          const what = asking;
          setAsking(null);
          if (what === 'delete') onDelete?.();
          else onClose();
        }}
        testid={`${testid}-confirm`}
        confirmTestid={`${testid}-confirm-yes`}
      />
    </SaveForm>
  );
}
