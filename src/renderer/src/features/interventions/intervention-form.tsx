// The date pickers' styles and the dayjs locales of the UI languages, loaded with the form;
// this file's own styles after them, so they win where both set something.
import { Modal } from '@mantine/core';
import '@mantine/dates/styles.css';
import 'dayjs/locale/ca';
import 'dayjs/locale/pt-br';
import 'dayjs/locale/ro';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InterventionFormProps } from '../../kit/slots';
import { DiscardDialog } from './dialogs';
import { FormBody } from './form-body';
import './intervention-form.css';

/** The intervention form over the grid: one record, its thread and its history. */
export function InterventionForm({ interventionId, lookups, personId, canWrite, canAddRequestTypes = false, onClose, variant = 'modal', prefill }: InterventionFormProps) {
  const { t } = useTranslation();
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  // The body passes its own dirty flag: the copy here may be a render behind a fast keystroke.
  /** The intervention shown when the close was asked for (a new one's id once saved). */
  const shown = useRef<string | null>(interventionId);
  const requestClose = (bodyDirty?: boolean, shownId?: string | null) => {
    if (shownId !== undefined) shown.current = shownId;
    if (bodyDirty ?? dirty) setAsking(true);
    else onClose(shown.current);
  };
  /** Set once the user chose to throw the changes away: the page may then close without asking again. */
  const discarded = useRef(false);
  const discard = (
    <DiscardDialog
      opened={asking}
      onStay={() => setAsking(false)}
      onDiscard={() => {
        discarded.current = true;
        setAsking(false);
        onClose(shown.current);
      }}
    />
  );
  // A form window closed by the browser or the system with unsaved changes: the browser asks first.
  useEffect(() => {
    if (variant !== 'page' || !dirty) return;
    const ask = (e: BeforeUnloadEvent) => {
      if (!discarded.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [variant, dirty]);
  if (variant === 'page') {
    return (
      <div className="ivf-page">
        <FormBody interventionId={interventionId} lookups={lookups} personId={personId} canWrite={canWrite} canAddRequestTypes={canAddRequestTypes} onRequestClose={requestClose} onDirtyChange={setDirty} variant="page" prefill={prefill} />
        {discard}
      </div>
    );
  }
  return (
    <Modal
      opened
      onClose={() => requestClose()}
      closeOnEscape={false}
      size="min(1180px, 96vw)"
      padding={0}
      withCloseButton={false}
      centered
      classNames={{ body: 'ivf-modal-body' }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <FormBody interventionId={interventionId} lookups={lookups} personId={personId} canWrite={canWrite} canAddRequestTypes={canAddRequestTypes} onRequestClose={requestClose} onDirtyChange={setDirty} variant="modal" prefill={prefill} />
      {discard}
    </Modal>
  );
}
