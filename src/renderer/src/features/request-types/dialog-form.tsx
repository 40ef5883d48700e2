import { Alert, Button } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/*
 * The body of the dialogs that add or edit an extra field or a form template: the same keys
 * save, a refusal that names no field is said at the top, Cancel and Save at the bottom.
 */

interface Props {
  testid: string;
  onSave: () => void;
  /** The message for the whole form (one that no field can show). */
  error: string | undefined;
  children: ReactNode;
}

/** Ctrl+Enter or Ctrl+S saves from any field; the key stays here so the editor behind does not save too. */
export function DialogForm({ testid, onSave, error, children }: Props) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key.toLowerCase() === 's')) {
      e.preventDefault();
      e.stopPropagation();
      onSave();
    }
  };
  return (
    <div onKeyDown={onKeyDown} data-testid={testid}>
      {error && (
        <Alert color="red" p="xs" mb="xs" icon={<IconAlertTriangle size={16} />}>
          {error}
        </Alert>
      )}
      {children}
    </div>
  );
}

export function DialogButtons({ saving, onCancel, onSave, saveTestid }: { saving: boolean; onCancel: () => void; onSave: () => void; saveTestid: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Button size="xs" variant="default" onClick={onCancel}>
        {t('adminTypes.cancel')}
      </Button>
      <Button size="xs" onClick={onSave} loading={saving} data-testid={saveTestid}>
        {t('adminTypes.save')}
      </Button>
    </>
  );
}
