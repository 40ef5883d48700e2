import { ActionIcon, Button, Select, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { choiceProps, type FieldProps } from './field-props';
import { withCurrent } from './select-data';
import type { FormOptions } from './use-form-options';

interface Props extends FieldProps {
  isNew: boolean;
  options: FormOptions;
  onNewClient: () => void;
  onNewContact: () => void;
}

/**
 * The first two fields: the client (searched as typed; Enter on a search that found nobody adds
 * one) and its contact person, each with its quick-add button beside it (not a Tab stop).
 */
export function ClientSection({ isNew, options, onNewClient, onNewContact, ...fields }: Props) {
  const { t } = useTranslation();
  const { form, readOnly, detail } = fields;
  const { client, clientOptions, clientSearch, clientSearching } = options;
  const clientData = withCurrent(
    clientOptions.map((c) => ({ value: c.id, label: c.fiscalCode ? `${c.name} · ${c.fiscalCode}` : c.name })),
    form.clientId,
    client?.client.name ?? (form.clientId === detail?.clientId ? detail.clientName : null),
  );
  const contactData = withCurrent(
    (client?.contacts ?? []).map((c) => ({ value: c.id, label: c.jobFunction ? `${c.name} (${c.jobFunction})` : c.name })),
    form.contactPersonId,
    detail?.contactPersonName ?? null,
  );
  return (
    <>
      <div className="ivf-span2 ivf-with-add">
        <Select
          className="ivf-grow"
          placeholder={t('interventionForm.clientPlaceholder')}
          data={clientData}
          {...choiceProps(t, fields, 'clientId', 'client')}
          searchable
          searchValue={clientSearch}
          onSearchChange={options.setClientSearch}
          filter={({ options }) => options}
          nothingFoundMessage={clientSearching ? t('interventionForm.searchingClients') : clientSearch.trim() ? t('interventionForm.noClientsAdd') : t('interventionForm.noClients')}
          onKeyDown={(e) => {
            // Enter on a search that found nobody: add the client being typed.
            if (e.key === 'Enter' && !readOnly && clientSearch.trim() && !clientSearching && clientOptions.length === 0) {
              e.preventDefault();
              onNewClient();
            }
          }}
          withAsterisk
          // A new record starts here (the modal's focus trap honours it); an opened one starts on the form itself.
          data-autofocus={isNew || undefined}
        />
        {!readOnly && (
          <Tooltip label={t('interventionForm.newClientHint')}>
            <Button className="ivf-add" variant="default" leftSection={<IconPlus size={14} />} tabIndex={-1} onClick={onNewClient} data-testid="ivf-new-client">
              {t('interventionForm.newClient')}
            </Button>
          </Tooltip>
        )}
      </div>
      <div className="ivf-with-add">
        <Select
          className="ivf-grow"
          data={contactData}
          {...choiceProps(t, fields, 'contactPersonId', 'contactPerson')}
          clearable
          searchable
          nothingFoundMessage={t('interventionForm.noContacts')}
        />
        {!readOnly && (
          <Tooltip label={client ? t('interventionForm.newContactHint') : t('interventionForm.chooseClientFirst')}>
            <ActionIcon
              className="ivf-add"
              size={36}
              variant="default"
              tabIndex={-1}
              disabled={!client}
              onClick={onNewContact}
              aria-label={t('interventionForm.newContact')}
              data-testid="ivf-new-contact"
            >
              <IconPlus size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </div>
    </>
  );
}
