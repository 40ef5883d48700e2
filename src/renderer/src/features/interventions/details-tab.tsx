import { ClientPanel } from './client-panel';
import { ClientSection } from './client-section';
import { DocumentSection } from './document-section';
import { ObjectSection } from './object-section';
import { PlanningSection } from './planning-section';
import { RequestSection } from './request-section';
import type { InterventionFormState } from './use-intervention-form';
import type { InterventionLookups } from '../../../../shared/api/interventions';

interface Props {
  state: InterventionFormState;
  lookups: InterventionLookups | null;
  canAddTypes: boolean;
  onNewClient: () => void;
  onNewContact: () => void;
}

/**
 * The Details tab: the fields in the order an operator works (Tab follows it: each block puts its
 * fields straight into the one grid), with the client's panel beside them.
 */
export function DetailsTab({ state, lookups, canAddTypes, onNewClient, onNewContact }: Props) {
  const { form, errors, readOnly, set, detail, options } = state;
  const fields = { form, errors, readOnly, set, detail };
  return (
    <div className="ivf-details">
      <div className="ivf-fields">
        <ClientSection {...fields} isNew={state.isNew && !state.prefilled} options={options} onNewClient={onNewClient} onNewContact={onNewContact} />
        <RequestSection {...fields} lookups={lookups} canAddTypes={canAddTypes} client={options.client} onExtraChange={state.setExtra} autoFocus={state.isNew && state.prefilled} />
        <ObjectSection {...fields} options={options} />
        <PlanningSection {...fields} lookups={lookups} technicianIds={state.technicianIds} onTechnicians={state.setTechnicianIds} />
        <DocumentSection {...fields} series={options.series} />
      </div>
      <ClientPanel client={options.client} clientAssets={options.clientAssets} contactPersonId={form.contactPersonId} readOnly={readOnly} onPickContact={(id) => set('contactPersonId', id)} />
    </div>
  );
}
