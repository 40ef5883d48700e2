import { SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { assetLabel, objectKindLabel } from './conflict-labels';
import { choiceProps, textProps, type FieldProps } from './field-props';
import { withCurrent } from './select-data';
import type { FormOptions } from './use-form-options';

/**
 * The object of the request: free text, a catalogue product (searched as typed) or one of the
 * client's assets (with its serial / lot), and the words that go with it.
 */
export function ObjectSection({ options, ...fields }: FieldProps & { options: FormOptions }) {
  const { t } = useTranslation();
  const { form, readOnly, set, detail } = fields;
  const { products, clientAssets } = options;
  const productData = withCurrent(
    products.map((p) => ({ value: p.id, label: `${p.name} · ${p.code}` })),
    form.productId,
    form.productId === detail?.productId ? (detail?.productName ?? null) : null,
  );
  const assetData = withCurrent(
    clientAssets.map((a) => ({ value: a.id, label: assetLabel(t, clientAssets, a.id, detail) })),
    form.assetId,
    form.assetId === detail?.assetId ? assetLabel(t, clientAssets, form.assetId, detail) : null,
  );
  const chosenAsset = form.assetId ? clientAssets.find((x) => x.id === form.assetId) : undefined;
  const serialLot = chosenAsset ? [chosenAsset.serial, chosenAsset.lot].filter(Boolean).join(' / ') : form.assetId === detail?.assetId ? (detail?.serialLot ?? '') : '';
  return (
    <>
      <div>
        <Text component="div" size="sm" fw={500} mb={2}>
          {t('interventionForm.fields.object')}
        </Text>
        <SegmentedControl
          fullWidth
          value={form.objectKind}
          onChange={(v) => set('objectKind', v)}
          readOnly={readOnly}
          data={(['text', 'product', 'asset'] as const).map((k) => ({ value: k, label: objectKindLabel(t, k) }))}
          data-testid="ivf-field-objectKind"
        />
      </div>
      <div className="ivf-span2 ivf-object" data-testid="ivf-object">
        {form.objectKind === 'product' && (
          <Select
            placeholder={t('interventionForm.productPlaceholder')}
            data={productData}
            {...choiceProps(t, fields, 'productId', 'product')}
            searchable
            searchValue={options.productSearch}
            onSearchChange={options.setProductSearch}
            filter={({ options }) => options}
            nothingFoundMessage={t('interventionForm.noProducts')}
            clearable
            withAsterisk
          />
        )}
        {form.objectKind === 'asset' && (
          <Select
            placeholder={!form.clientId ? t('interventionForm.chooseClientFirst') : clientAssets.length === 0 ? t('interventionForm.noAssets') : undefined}
            data={assetData}
            {...choiceProps(t, fields, 'assetId', 'asset')}
            searchable
            clearable
            withAsterisk
            disabled={!form.clientId}
            description={serialLot ? t('interventionForm.serialLot', { value: serialLot }) : undefined}
            // Serial / lot under the box, so the box lines up with the details beside it.
            inputWrapperOrder={['label', 'input', 'description', 'error']}
          />
        )}
        <TextInput
          label={form.objectKind === 'text' ? t('interventionForm.objectDescription') : t('interventionForm.objectDetails')}
          placeholder={form.objectKind === 'text' ? t('interventionForm.objectPlaceholder') : undefined}
          {...textProps(fields, 'objectText', 'object')}
        />
      </div>
    </>
  );
}
