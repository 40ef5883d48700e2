import { Select } from '@mantine/core';
import { useState } from 'react';
import { NewRequestTypeDialog } from './new-request-type-dialog';
import { useTranslation } from 'react-i18next';
import { ExtraFieldsSection } from './extra-fields-section';
import { MailClientCheck } from './mail-client-check';
import { choiceProps, type FieldProps } from './field-props';
import { requestTypeOptions } from './form-model';
import { withCurrent } from './select-data';
import type { ExtraFieldValue } from '../../../../shared/api/request-types';
import type { ClientDetail } from '../../../../shared/api/clients';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { priorityLabel, sourceLabel } from '../../kit/labels';
import { SOURCE_CHANNELS, isSource } from '../../../../shared/domain/intervention';

interface Props extends FieldProps {
  /** The first field of a form opened with its client known (from a call). */
  autoFocus?: boolean;
  lookups: InterventionLookups | null;
  onExtraChange: (fieldId: string, value: ExtraFieldValue) => void;
  /** The user may add request types (write right on Administration): a new name typed is offered as one. */
  canAddTypes: boolean;
  /** The chosen client, for the "keep the client informed" box. */
  client: ClientDetail | null;
}

/** The list's own option that turns what was typed into a new request type. */
const NEW_TYPE = '\u0000new-request-type';

/** What is asked for: the request type, the priority, and the type's own extra fields right under them. */
export function RequestSection({ lookups, onExtraChange, canAddTypes, client, autoFocus = false, ...fields }: Props) {
  const { t } = useTranslation();
  const { form, errors, readOnly, set, detail } = fields;
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  /** The type just added here, named until the lookups bring it. */
  const [added, setAdded] = useState<{ id: string; label: string } | null>(null);
  const options = requestTypeOptions(lookups);
  const currentLabel = added && added.id === form.requestTypeId ? added.label : detail ? detail.requestTypePath.join(' › ') : null;
  const typeData = withCurrent(options, form.requestTypeId, currentLabel);
  // Typed freely (seed 001): a name no type has is offered as a new one, placed under a chosen parent.
  const typed = search.trim();
  const known = typed === '' || typeData.some((o) => o.label.toLocaleLowerCase().includes(typed.toLocaleLowerCase()));
  const offerNew = canAddTypes && !readOnly && !known;
  const data = offerNew ? [...typeData, { value: NEW_TYPE, label: t('interventionForm.newType.option', { name: typed }) }] : typeData;
  const priorityData = ([1, 2, 3] as const).map((p) => ({ value: String(p), label: priorityLabel(t, p) }));
  return (
    <>
      <Select
        data={data}
        {...choiceProps(t, fields, 'requestTypeId', 'requestType')}
        onChange={(v) => (v === NEW_TYPE ? setAdding(typed) : set('requestTypeId', v))}
        searchValue={search}
        onSearchChange={setSearch}
        data-autofocus={autoFocus || undefined}
        nothingFoundMessage={t('grid.filters.noMatch')}
        clearable
        searchable
      />
      <NewRequestTypeDialog
        name={adding}
        lookups={lookups}
        onClose={() => setAdding(null)}
        onAdded={(type) => {
          setAdded(type);
          setAdding(null);
          set('requestTypeId', type.id);
        }}
      />
      <Select
        label={t('interventionForm.fields.priority')}
        data={priorityData}
        value={String(form.priority)}
        onChange={(v) => v && set('priority', Number(v) as 1 | 2 | 3)}
        allowDeselect={false}
        error={errors.priority}
        readOnly={readOnly}
        data-testid="ivf-field-priority"
      />
      <Select
        label={t('interventionForm.fields.source')}
        data={SOURCE_CHANNELS.map((s) => ({ value: s, label: sourceLabel(t, s) }))}
        value={form.source}
        onChange={(v) => v && isSource(v) && set('source', v)}
        allowDeselect={false}
        error={errors.source}
        readOnly={readOnly}
        data-testid="ivf-field-source"
      />
      <MailClientCheck {...fields} lookups={lookups} client={client} />
      <ExtraFieldsSection
        requestTypeId={form.requestTypeId}
        detail={detail}
        facts={form}
        values={form.extra}
        errors={errors}
        readOnly={readOnly}
        // A new function each render, as before the split: the section re-checks stale values on every render.
        onChange={(fid, v) => onExtraChange(fid, v)}
      />
    </>
  );
}
