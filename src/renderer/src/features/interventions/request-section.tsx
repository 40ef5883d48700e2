import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExtraFieldsSection } from './extra-fields-section';
import { choiceProps, type FieldProps } from './field-props';
import { requestTypeOptions } from './form-model';
import { withCurrent } from './select-data';
import type { ExtraFieldValue } from '../../../../shared/api/request-types';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { priorityLabel, sourceLabel } from '../../kit/labels';
import { SOURCE_CHANNELS, isSource } from '../../../../shared/domain/intervention';

interface Props extends FieldProps {
  lookups: InterventionLookups | null;
  onExtraChange: (fieldId: string, value: ExtraFieldValue) => void;
}

/** What is asked for: the request type, the priority, and the type's own extra fields right under them. */
export function RequestSection({ lookups, onExtraChange, ...fields }: Props) {
  const { t } = useTranslation();
  const { form, errors, readOnly, set, detail } = fields;
  const typeData = withCurrent(requestTypeOptions(lookups), form.requestTypeId, detail ? detail.requestTypePath.join(' › ') : null);
  const priorityData = ([1, 2, 3] as const).map((p) => ({ value: String(p), label: priorityLabel(t, p) }));
  return (
    <>
      <Select data={typeData} {...choiceProps(t, fields, 'requestTypeId', 'requestType')} clearable searchable />
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
