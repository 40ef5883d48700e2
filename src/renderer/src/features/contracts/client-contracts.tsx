import { Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceContract } from '../../../../shared/api/contracts';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { useApi } from '../../api/context';
import type { ClientContractsProps } from '../../kit/slots';
import { ContractFormDialog } from './contract-form';
import { NextVisit } from './contracts-page';
import { scheduleText } from './schedule-text';
import './contracts.css';

/** The client card's service contracts: each with its schedule and next visit; one added or opened here. */
export function ClientContracts({ clientId, clientName, canWrite }: ClientContractsProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<ServiceContract[] | null>(null);
  const [editing, setEditing] = useState<{ contract: ServiceContract | null } | null>(null);
  const [lookups, setLookups] = useState<InterventionLookups | null>(null);
  const load = useCallback(() => {
    api.call('contracts.list', { clientId }).then(setRows, () => setRows([]));
  }, [api, clientId]);
  useEffect(load, [load]);
  useEffect(() => api.on('data.changed', ({ capability }) => capability === 'contracts' && load()), [api, load]);
  const open = (contract: ServiceContract | null) => {
    setEditing({ contract });
    if (!lookups) api.call('interventions.lookups', {}).then(setLookups, () => setLookups(null));
  };

  return (
    <div className="ctr-client" data-testid="client-contracts">
      <div className="ctr-client-head">
        <Text size="sm" fw={600}>
          {t('contracts.client.title')}
        </Text>
        {canWrite && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} />} onClick={() => open(null)} data-testid="client-contract-add">
            {t('contracts.client.new')}
          </Button>
        )}
      </div>
      {rows !== null && rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('contracts.client.none')}
        </Text>
      ) : (
        <table className="dense-table">
          <tbody>
            {(rows ?? []).map((c) => (
              <tr key={c.id} data-testid="client-contract" onDoubleClick={() => open(c)}>
                <td className="dense-strong">
                  <button type="button" className="ctr-link" onClick={() => open(c)}>
                    {c.name}
                  </button>
                </td>
                <td>{scheduleText(t, i18n.language, c.rule)}</td>
                <td>
                  <NextVisit contract={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <ContractFormDialog
          contract={editing.contract}
          client={{ id: clientId, name: clientName }}
          lookups={lookups}
          canWrite={canWrite}
          onClose={(saved) => {
            setEditing(null);
            if (saved) load();
          }}
        />
      )}
    </div>
  );
}
