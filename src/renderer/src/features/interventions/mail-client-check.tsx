import { Checkbox, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FieldProps } from './field-props';
import type { ClientDetail } from '../../../../shared/api/clients';
import type { InterventionLookups } from '../../../../shared/api/interventions';

interface Props extends FieldProps {
  lookups: InterventionLookups | null;
  /** The chosen client with its contacts, to say when there is nobody to write to. */
  client: ClientDetail | null;
}

/**
 * "Keep the client informed by e-mail": ticked as the request type says until the operator
 * changes it, and then this intervention's own choice (mail/outbox.ts reads it the same way).
 */
export function MailClientCheck({ lookups, client, form, errors, readOnly, set }: Props) {
  const { t } = useTranslation();
  const byType = lookups?.requestTypes.find((r) => r.id === form.requestTypeId)?.mailClient ?? false;
  const checked = form.mailClient ?? byType;
  const chosenClient = client && client.client.id === form.clientId ? client : null;
  const contact = chosenClient?.contacts.find((c) => c.id === form.contactPersonId);
  const noAddress = checked && chosenClient !== null && !contact?.email && !chosenClient.client.email;
  return (
    <Checkbox
      className="ivf-check"
      label={t('interventionForm.fields.mailClient')}
      description={
        noAddress ? (
          <Text span size="xs" c="orange.8" data-testid="ivf-mail-client-no-address">
            {t('interventionForm.fields.mailClientNoAddress')}
          </Text>
        ) : readOnly ? undefined : form.mailClient === null ? (
          t('interventionForm.fields.mailClientByType')
        ) : (
          t('interventionForm.fields.mailClientOwn')
        )
      }
      checked={checked}
      onChange={(e) => !readOnly && set('mailClient', e.currentTarget.checked)}
      error={errors.mailClient}
      data-testid="ivf-field-mailClient"
      data-own={form.mailClient === null ? 'false' : 'true'}
    />
  );
}
