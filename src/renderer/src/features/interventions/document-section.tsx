import { Select, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayField } from '../../kit/date-fields';
import { dayText } from '../../kit/day-text';
import { textProps, type FieldProps } from './field-props';
import { withCurrent } from './select-data';
import type { SeriesOption } from '../../../../shared/api/numbering';

/**
 * The rest of the document: notes, contract, estimate, vehicle, the document's date, and its
 * series (a choice only while it has no number and there is more than one) or its number.
 */
export function DocumentSection({ series, ...fields }: FieldProps & { series: readonly SeriesOption[] }) {
  const { t, i18n } = useTranslation();
  const { form, errors, readOnly, set, detail } = fields;
  const seriesData = withCurrent(
    series.map((x) => ({ value: x.id, label: t('interventionForm.seriesOption', { prefix: x.prefix, next: x.nextNumber }) })),
    form.seriesId,
    detail?.seriesPrefix ?? null,
  );
  const chooseSeries = !detail?.valid && !readOnly && series.length > 1;
  return (
    <>
      <Textarea
        className="ivf-span2"
        label={t('interventionForm.fields.notes')}
        {...textProps(fields, 'notes', 'notes')}
        autosize
        minRows={2}
        maxRows={6}
      />
      <TextInput
        label={t('interventionForm.fields.contract')}
        // Made by a service contract, named with its visit's day; typed by nobody.
        value={detail?.contract ? t('interventionForm.contractVisit', { name: detail.contract.name, day: detail.contract.occurrence ? dayText(i18n.language, detail.contract.occurrence) : '' }) : t('interventionForm.noContract')}
        readOnly
        tabIndex={-1}
        variant="filled"
        styles={{ input: detail?.contract ? {} : { color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' } }}
        data-testid="ivf-field-contract"
      />
      <TextInput label={t('interventionForm.fields.estimate')} {...textProps(fields, 'estimate', 'estimate')} />
      <TextInput label={t('interventionForm.fields.vehicle')} {...textProps(fields, 'vehicle', 'vehicle')} />
      <DayField
        label={t('interventionForm.fields.docDate')}
        value={form.docDate}
        onChange={(v) => v && set('docDate', v)}
        error={errors.docDate}
        readOnly={readOnly || !!detail?.valid}
        data-testid="ivf-field-docDate"
      />
      {chooseSeries ? (
        <Select
          label={t('interventionForm.fields.series')}
          description={t('interventionForm.seriesHint')}
          data={seriesData}
          value={form.seriesId ?? series[0]?.id ?? null}
          onChange={(v) => v && set('seriesId', v)}
          allowDeselect={false}
          error={errors.seriesId}
          data-testid="ivf-field-series"
        />
      ) : (
        <TextInput
          label={t('interventionForm.fields.seriesNumber')}
          value={detail?.fullNumber ?? (detail?.valid ? t('interventionForm.numberPending') : t('interventionForm.noNumber'))}
          readOnly
          tabIndex={-1}
          variant="filled"
          error={errors.seriesId}
          data-testid="ivf-field-number"
        />
      )}
    </>
  );
}
