import { Alert, Button, Loader, Tabs } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldConflictDialog } from '../../kit/field-conflict-dialog';
import { markUnsaved } from '../../kit/unsaved';
import { datesSettings } from '../../kit/dates';
import { DetailsTab } from './details-tab';
import { ReasonDialog } from './dialogs';
import { AssignedBanner, ErrorBanner, ReadOnlyBanner } from './form-banners';
import { FormHeader } from './form-header';
import { fieldLabel } from './form-model';
import { HistoryTab } from './history-tab';
import { InterventionThreadSlot, QuickClientSlot, QuickContactSlot, type InterventionPrefill } from '../../kit/slots';
import { useInterventionForm } from './use-intervention-form';
import type { ClientRow } from '../../../../shared/api/clients';
import type { InterventionLookups } from '../../../../shared/api/interventions';

/** A new client's country before anything says otherwise: where the UI's language is spoken. */
const HOME_COUNTRY: Record<string, string> = { en: 'RO', ro: 'RO', 'pt-BR': 'BR', ca: 'ES' };

export interface FormBodyProps {
  /** The intervention to open, or null for a new one. */
  interventionId: string | null;
  lookups: InterventionLookups | null;
  /** The person of the logged-in user: "taken by" of a new intervention. */
  personId: string | null;
  canWrite: boolean;
  canAddRequestTypes: boolean;
  /** The body passes its own dirty flag: the shell's copy may be a render behind a fast keystroke. */
  onRequestClose: (dirty: boolean, shownId: string | null) => void;
  onDirtyChange: (dirty: boolean) => void;
  variant: 'modal' | 'page';
  prefill?: InterventionPrefill | undefined;
}

/** The form itself, in the modal or in a page of its own: header, banners, the three tabs and the dialogs over them. */
export function FormBody({ interventionId, lookups, personId, canWrite, canAddRequestTypes, onRequestClose, onDirtyChange, variant, prefill }: FormBodyProps) {
  const { t, i18n } = useTranslation();
  const rootRef = useRef<HTMLDivElement>(null);
  const state = useInterventionForm({ interventionId, lookups, personId, canWrite, onRequestClose, onDirtyChange, rootRef, prefill });
  const { id, detail, isNew, readOnly, dirty, busy, options, set, focusField } = state;
  const [tab, setTab] = useState<string | null>('details');
  const [quickClient, setQuickClient] = useState(false);
  const [quickContact, setQuickContact] = useState(false);
  // The shell asks before a module shortcut would close this form with changes in it.
  const unsavedKey = useId();
  useEffect(() => {
    markUnsaved(unsavedKey, dirty);
    return () => markUnsaved(unsavedKey, false);
  }, [unsavedKey, dirty]);
  // Finalizing closes the answers still pending (also of technicians added and not yet saved): say so first.
  const pendingNames = state.technicianIds
    .map((pid) => detail?.technicians.find((x) => x.personId === pid) ?? { personId: pid, answer: 'pending', name: lookups?.personnel.find((p) => p.id === pid)?.name ?? '?' })
    .filter((x) => x.answer === 'pending')
    .map((x) => x.name);
  const pendingNote = pendingNames.length ? t('interventionForm.finalizeDialog.pendingNote', { names: pendingNames.join(', ') }) : null;

  if (!isNew && !detail) {
    return (
      <div className="ivf-loading" data-testid="ivf-form" data-loading="true">
        {state.loadError ? (
          <Alert color="red" icon={<IconAlertTriangle size={16} />}>
            {state.loadError}
          </Alert>
        ) : (
          <Loader size="sm" />
        )}
        <Button variant="default" size="xs" onClick={() => onRequestClose(dirty, state.id)} data-testid="ivf-close">
          {t('common.close')}
        </Button>
      </div>
    );
  }

  const status = detail?.status ?? 'taken';
  const { fmt } = state.labels;
  const { client } = options;
  const { conflict } = state;
  /** The logged-in user's own assignment on this intervention, if they are one of its technicians. */
  const mine = personId ? detail?.technicians.find((x) => x.personId === personId) : undefined;
  const plannedText = detail?.plannedStart ? [fmt.dateTime(detail.plannedStart), detail.plannedEnd ? fmt.dateTime(detail.plannedEnd) : null].filter(Boolean).join(' – ') : null;

  return (
    <DatesProvider settings={datesSettings(i18n.language)}>
      <div ref={rootRef} className="ivf-root" onKeyDown={state.onKeyDown} tabIndex={-1} data-autofocus={isNew ? undefined : true} data-testid="ivf-form" data-id={id ?? ''} data-dirty={dirty ? 'true' : 'false'} data-version={detail?.version ?? 0} data-status={status}>
        <FormHeader state={state} variant={variant} onClose={() => onRequestClose(dirty, state.id)} />
        {mine && mine.answer === 'pending' && !readOnly && (
          <AssignedBanner plannedText={plannedText} busy={busy} onAccept={() => void state.answer('accepted')} onReject={() => state.setReason('reject')} />
        )}
        {readOnly && <ReadOnlyBanner detail={detail} />}
        {state.formError && <ErrorBanner message={state.formError} onClose={() => state.setFormError(null)} />}
        <Tabs value={tab} onChange={setTab} keepMounted={false} className="ivf-tabs">
          <Tabs.List>
            <Tabs.Tab value="details" data-testid="ivf-tab-details">
              {t('interventionForm.tabs.details')}
            </Tabs.Tab>
            <Tabs.Tab value="messages" disabled={isNew} data-testid="ivf-tab-messages">
              {t('interventionForm.tabs.messages')}
            </Tabs.Tab>
            <Tabs.Tab value="history" disabled={isNew} data-testid="ivf-tab-history">
              {t('interventionForm.tabs.history')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">
            <DetailsTab state={state} lookups={lookups} canAddTypes={canAddRequestTypes} onNewClient={() => setQuickClient(true)} onNewContact={() => setQuickContact(true)} />
          </Tabs.Panel>
          {id && detail && (
            <Tabs.Panel value="messages" className="ivf-pane">
              <InterventionThreadSlot id={id} version={detail.version} canWrite={canWrite} />
            </Tabs.Panel>
          )}
          {id && detail && (
            <Tabs.Panel value="history" className="ivf-pane">
              <HistoryTab id={id} version={detail.version} />
            </Tabs.Panel>
          )}
        </Tabs>
        <ReasonDialog kind={state.reason} note={state.reason === 'finalize' ? pendingNote : null} onClose={() => state.setReason(null)} onConfirm={state.confirmReason} />
        <FieldConflictDialog
          rows={conflict ? conflict.fields.map((f) => ({ key: f, label: fieldLabel(t, f), mine: conflict.mine[f] ?? '', theirs: conflict.theirs[f] ?? '' })) : null}
          body={t('interventionForm.conflictBody')}
          onCancel={() => state.setConflict(null)}
          onResolve={state.resolveConflict}
        />
        <QuickClientSlot
          opened={quickClient}
          search={options.clientSearch}
          country={client?.client.country ?? HOME_COUNTRY[i18n.language] ?? 'RO'}
          onClose={() => setQuickClient(false)}
          onPicked={(picked) => {
            setQuickClient(false);
            options.addClientOption({ id: picked.id, name: picked.name } as ClientRow);
            set('clientId', picked.id);
            notifications.show({ color: 'teal', message: t('interventionForm.clientChosen', { name: picked.name }), autoClose: 2500 });
            focusField('ivf-field-contactPerson');
          }}
        />
        <QuickContactSlot
          client={quickContact && client ? { id: client.client.id, name: client.client.name, country: client.client.country } : null}
          onClose={() => setQuickContact(false)}
          onCreated={(contact) => {
            setQuickContact(false);
            options.setClient((c) => (c && c.client.id === contact.clientId ? { ...c, contacts: [...c.contacts, contact] } : c));
            set('contactPersonId', contact.id);
            notifications.show({ color: 'teal', message: t('interventionForm.contactChosen', { name: contact.name }), autoClose: 2500 });
            focusField('ivf-field-requestType');
          }}
        />
      </div>
    </DatesProvider>
  );
}
