import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../../shared/domain/phone';
import { PhoneLink } from '../../kit/phone-link';
import type { ClientDetail } from '../../../../shared/api/clients';
import type { ClientAsset } from '../../../../shared/api/catalogue';

interface Props {
  client: ClientDetail | null;
  clientAssets: readonly ClientAsset[];
  contactPersonId: string | null;
  readOnly: boolean;
  onPickContact: (id: string) => void;
}

/** Beside the fields: what the operator needs to know about the client, and its contact persons to pick from. */
export function ClientPanel({ client, clientAssets, contactPersonId, readOnly, onPickContact }: Props) {
  const { t } = useTranslation();
  const c = client?.client;
  return (
    <aside className="ivf-client" data-testid="ivf-client-panel">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
        {t('interventionForm.clientPanel.title')}
      </Text>
      {!c ? (
        <Text size="xs" c="dimmed">
          {t('interventionForm.clientPanel.none')}
        </Text>
      ) : (
        <dl className="ivf-kv">
          <dt>{t('interventionForm.clientPanel.name')}</dt>
          <dd>{c.name}</dd>
          {c.fiscalCode && (
            <>
              <dt>{t('interventionForm.clientPanel.fiscalCode')}</dt>
              <dd>{c.fiscalCode}</dd>
            </>
          )}
          <dt>{t('interventionForm.clientPanel.address')}</dt>
          <dd>{[c.address, c.locality, c.county, c.country].filter(Boolean).join(', ') || '—'}</dd>
          <dt>{t('interventionForm.clientPanel.phones')}</dt>
          <dd>
            {[c.phone, c.workPhone].some(Boolean)
              ? [c.phone, c.workPhone]
                  .filter((p): p is string => !!p)
                  .map((p, i) => (
                    <span key={p}>
                      {i > 0 && ' · '}
                      <PhoneLink number={p} />
                    </span>
                  ))
              : '—'}
          </dd>
          {c.email && (
            <>
              <dt>{t('interventionForm.clientPanel.email')}</dt>
              <dd>{c.email}</dd>
            </>
          )}
          {c.commercialZone && (
            <>
              <dt>{t('interventionForm.clientPanel.zone')}</dt>
              <dd>{c.commercialZone}</dd>
            </>
          )}
          <dt>{t('interventionForm.clientPanel.contacts')}</dt>
          <dd data-testid="ivf-client-contacts">{client.contacts.length}</dd>
          <dt>{t('interventionForm.clientPanel.open')}</dt>
          <dd data-testid="ivf-client-open">{t('interventionForm.clientPanel.openOf', { open: client.interventions.open, total: client.interventions.total })}</dd>
          <dt>{t('interventionForm.clientPanel.assets')}</dt>
          <dd data-testid="ivf-client-assets">{clientAssets.length}</dd>
          <dt>{t('interventionForm.clientPanel.contracts')}</dt>
          <dd data-testid="ivf-client-contracts">{client.contracts}</dd>
        </dl>
      )}
      {client && client.contacts.length > 0 && (
        <div className="ivf-panel-contacts" data-testid="ivf-client-contact-list">
          <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt={10} mb={4}>
            {t('interventionForm.clientPanel.contacts')}
          </Text>
          {client.contacts.map((p) => (
            // A click picks the person as the contact; not a Tab stop (the field above is).
            <button
              type="button"
              key={p.id}
              tabIndex={-1}
              className="ivf-panel-contact"
              data-active={contactPersonId === p.id || undefined}
              disabled={readOnly}
              onClick={() => onPickContact(p.id)}
              data-testid="ivf-client-contact"
            >
              <span className="ivf-panel-contact-name">{p.name}</span>
              <span className="ivf-panel-contact-meta">{[p.jobFunction, p.phone ? formatPhone(p.phone) : null, p.email].filter(Boolean).join(' · ')}</span>
            </button>
          ))}
        </div>
      )}
    </aside>
  );
}
