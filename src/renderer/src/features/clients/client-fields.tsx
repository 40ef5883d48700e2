import { Alert, Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../../shared/domain/phone';
import type { ApiClient } from '../../api/client';
import { countryOptions } from './countries';
import { MAX_LENGTH, fieldLabel, type ClientField, type ClientForm, type FieldErrors } from './form-model';
import type { ClientDuplicate } from '../../../../shared/api/clients';

/*
 * The client's fields and the likely-duplicates warning, shared by the Clients module's editor
 * and the intervention form's quick-add dialog: one layout, one set of checks, written once.
 */

/** The fields a likely duplicate is found by (fiscal code, phones, e-mail). */
export const DUPLICATE_KEYS: readonly ClientField[] = ['fiscalCode', 'phone', 'workPhone', 'email'];

/** Clients that look like this one (same fiscal code, phone or e-mail), found before saving. */
export function findDuplicates(api: Pick<ApiClient, 'call'>, f: ClientForm, excludeId: string | null): Promise<ClientDuplicate[]> {
  return api.call('clients.duplicates', {
    fiscalCode: f.fiscalCode.trim() || null,
    phone: f.phone.trim() || f.workPhone.trim() || null,
    email: f.email.trim() || null,
    country: f.country,
    excludeId,
  });
}

interface FieldsProps {
  form: ClientForm;
  errors: FieldErrors;
  readOnly: boolean;
  onChange: (f: ClientField, v: string) => void;
  /** The quick-add dialog leaves the notes out: a call is no time for them. */
  withNotes?: boolean;
}

/** The client's fields in two columns, in the order they are read on a document. */
export function ClientFields({ form, errors, readOnly, onChange, withNotes = true }: FieldsProps) {
  const { t, i18n } = useTranslation();
  const field = (f: ClientField, span2 = false) => (
    <TextInput
      size="xs"
      label={fieldLabel(t, f)}
      value={form[f]}
      onChange={(e) => onChange(f, e.currentTarget.value)}
      error={errors[f]}
      readOnly={readOnly}
      maxLength={MAX_LENGTH[f] + 20}
      withAsterisk={f === 'name'}
      className={span2 ? 'clx-span2' : undefined}
      data-testid={`client-field-${f}`}
      spellCheck={false}
    />
  );
  return (
    <div className="clx-form">
      <div className="clx-field">
        <Text component="label" size="xs" fw={500} mb={2} display="block">
          {t('clients.field.kind')}
        </Text>
        <SegmentedControl
          size="xs"
          fullWidth
          value={form.kind}
          onChange={(v) => onChange('kind', v)}
          readOnly={readOnly}
          data={[
            { value: 'company', label: t('clients.kind.company') },
            { value: 'person', label: t('clients.kind.person') },
          ]}
          data-testid="client-field-kind"
        />
      </div>
      <Select
        size="xs"
        label={t('clients.field.country')}
        value={form.country}
        onChange={(v) => v && onChange('country', v)}
        data={countryOptions(i18n.language)}
        searchable
        allowDeselect={false}
        readOnly={readOnly}
        error={errors.country}
        maxDropdownHeight={280}
        data-testid="client-field-country"
        comboboxProps={{ withinPortal: true }}
      />
      {field('name', true)}
      {field('fiscalCode')}
      {field('commercialZone')}
      {field('address', true)}
      {field('locality')}
      {field('county')}
      {field('phone')}
      {field('workPhone')}
      {field('email', true)}
      {withNotes && (
        <Textarea
          size="xs"
          label={t('clients.field.notes')}
          value={form.notes}
          onChange={(e) => onChange('notes', e.currentTarget.value)}
          error={errors.notes}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={6}
          className="clx-span2"
          data-testid="client-field-notes"
        />
      )}
    </div>
  );
}

interface DuplicatesProps {
  duplicates: ClientDuplicate[] | null;
  /** What the button beside each one does: open it in the editor, or use it on the intervention. */
  pickLabel: string;
  onPick: (d: ClientDuplicate) => void;
  onSaveAnyway: () => void;
}

/** "Possible duplicates": shown before saving; the user opens one, or saves anyway. */
export function DuplicatesAlert({ duplicates, pickLabel, onPick, onSaveAnyway }: DuplicatesProps) {
  const { t } = useTranslation();
  if (!duplicates || duplicates.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} title={t('clients.duplicates.title')} mb="xs" p="xs" data-testid="client-duplicates">
      <Stack gap={4}>
        {duplicates.map((d) => (
          <Group key={d.id} gap={6} wrap="nowrap" justify="space-between" data-testid="client-duplicate" data-client-id={d.id}>
            <Text size="xs" style={{ minWidth: 0, flex: 1 }}>
              {d.matched.includes('fiscalCode') ? t('clients.duplicates.fiscalCode') : d.matched.includes('phone') ? t('clients.duplicates.phone') : t('clients.duplicates.email')}
              {': '}
              <b>{d.name}</b>
              <Text span size="xs" c="dimmed">
                {' '}
                {[d.fiscalCode, d.phone ? formatPhone(d.phone) : null, d.email, d.locality].filter(Boolean).join(' · ')}
              </Text>
            </Text>
            <Button size="compact-xs" variant="default" style={{ flexShrink: 0 }} onClick={() => onPick(d)} data-testid="client-duplicate-open">
              {pickLabel}
            </Button>
          </Group>
        ))}
        <Group justify="flex-end">
          <Button size="compact-xs" color="yellow" variant="filled" onClick={onSaveAnyway} data-testid="client-save-anyway">
            {t('clients.duplicates.saveAnyway')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
