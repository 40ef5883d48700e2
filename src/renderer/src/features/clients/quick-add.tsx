import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientRow } from '../../../../shared/api/clients';
import { PREFERRED_CONTACTS, type ClientDuplicate } from '../../../../shared/api/clients';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';
import type { QuickClientProps, QuickContactProps } from '../../kit/slots';
import { ClientFields, DuplicatesAlert, findDuplicates } from './client-fields';
import { CONTACT_MAX, EMPTY_CONTACT, contactErrorsFromIssues, contactValues, validateContact, type ContactErrors, type ContactForm } from './contact-model';
import { preferredLabel } from './contacts-panel';
import { createInput, emptyForm, errorsFromIssues, validateForm, type ClientField, type ClientForm, type FieldErrors } from './form-model';

/*
 * Quick-add from the intervention form, while the caller is on the line: a compact client
 * dialog and a one-row contact dialog. Same fields, checks and duplicate warning as the Clients
 * module (client-fields.tsx, contact-model.ts); the new record is handed back to be selected.
 */

/** What the operator typed in the client search becomes the name, or the phone / fiscal code when it looks like one. */
export function seedClient(search: string, country: string): ClientForm {
  const form = emptyForm(country);
  const q = search.trim();
  if (!q) return form;
  const digits = q.replace(/[\s().+/-]/g, '');
  if (/^\d{6,}$/.test(digits) && /^[+0]/.test(q)) return { ...form, phone: q };
  if (/^[A-Za-z]{0,2}\d{4,}[A-Za-z0-9]*$/.test(digits)) return { ...form, fiscalCode: q };
  return { ...form, name: q };
}

export function QuickClientDialog({ opened, search, country, onClose, onPicked }: QuickClientProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('clients.quick.clientTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {opened && <QuickClientBody search={search} country={country} onClose={onClose} onPicked={onPicked} />}
    </Modal>
  );
}

function QuickClientBody({ search, country, onClose, onPicked }: Omit<QuickClientProps, 'opened'>) {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState<ClientForm>(() => seedClient(search, country));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [duplicates, setDuplicates] = useState<ClientDuplicate[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const set = (f: ClientField, v: string) => {
    setForm((x) => ({ ...x, [f]: v }));
    setErrors((x) => (x[f] ? { ...x, [f]: undefined } : x));
    if (f !== 'name' && f !== 'notes') setDuplicates(null);
  };

  async function save(skipDuplicates = false) {
    if (saving) return;
    const local = validateForm(t, form);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      if (!skipDuplicates) {
        const found = await findDuplicates(api, form, null);
        if (found.length > 0) return setDuplicates(found);
      }
      const row: ClientRow = await api.call('clients.create', createInput(form));
      onPicked({ id: row.id, name: row.name });
    } catch (e) {
      const err = toCallError(e);
      if (err.code === 'validation' && err.issues.length > 0) setErrors(errorsFromIssues(t, err.issues, form));
      else setFailure(`${errorText(t, err.code)} ${err.message}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        void save();
      }}
      onKeyDown={(e: KeyboardEvent) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          e.stopPropagation();
          void save();
        }
      }}
      data-testid="quick-client"
    >
      <Stack gap="xs">
        <DuplicatesAlert duplicates={duplicates} pickLabel={t('clients.quick.useThis')} onPick={(d) => onPicked({ id: d.id, name: d.name })} onSaveAnyway={() => void save(true)} />
        {failure && (
          <Alert color="red" variant="light" p={8} icon={<IconAlertTriangle size={16} />} data-testid="quick-client-error">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        <ClientFields form={form} errors={errors} readOnly={false} onChange={set} withNotes={false} />
        <Group justify="space-between" mt={4}>
          <Text size="xs" c="dimmed">
            {t('clients.quick.clientHint')}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onClose} data-testid="quick-client-cancel">
              {t('clients.contacts.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={saving} data-testid="quick-client-save">
              {t('clients.quick.clientSave')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function QuickContactDialog({ client, onClose, onCreated }: QuickContactProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={client !== null} onClose={onClose} title={t('clients.quick.contactTitle', { client: client?.name ?? '' })} size="md" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {client && <QuickContactBody client={client} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function QuickContactBody({ client, onClose, onCreated }: Omit<QuickContactProps, 'client'> & { client: NonNullable<QuickContactProps['client']> }) {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState<ContactForm>(EMPTY_CONTACT);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: keyof ContactForm) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };

  async function save() {
    if (saving) return;
    const local = validateContact(t, form, client.country);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      onCreated(await api.call('contacts.create', { clientId: client.id, ...contactValues(form) }));
    } catch (e) {
      const err = toCallError(e);
      if (err.code === 'validation' && err.issues.length > 0) setErrors(contactErrorsFromIssues(t, err.issues));
      else setFailure(`${errorText(t, err.code)} ${err.message}`);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        void save();
      }}
      data-testid="quick-contact"
    >
      <Stack gap="xs">
        {failure && (
          <Alert color="red" variant="light" p={8} icon={<IconAlertTriangle size={16} />} data-testid="quick-contact-error">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        <TextInput size="xs" label={t('clients.contacts.name')} value={form.name} onChange={set('name')} error={errors.name} maxLength={CONTACT_MAX.name + 20} withAsterisk data-autofocus data-testid="contact-field-name" />
        <TextInput size="xs" label={t('clients.contacts.jobFunction')} value={form.jobFunction} onChange={set('jobFunction')} error={errors.jobFunction} maxLength={CONTACT_MAX.jobFunction + 20} data-testid="contact-field-jobFunction" />
        <TextInput size="xs" label={t('clients.contacts.role')} value={form.role} onChange={set('role')} error={errors.role} maxLength={CONTACT_MAX.role + 20} data-testid="contact-field-role" />
        <Group grow gap="xs" align="flex-start">
          <TextInput size="xs" label={t('clients.contacts.phone')} value={form.phone} onChange={set('phone')} error={errors.phone} maxLength={CONTACT_MAX.phone} data-testid="contact-field-phone" />
          <TextInput size="xs" label={t('clients.contacts.email')} value={form.email} onChange={set('email')} error={errors.email} maxLength={CONTACT_MAX.email} data-testid="contact-field-email" />
        </Group>
        <Select
          size="xs"
          label={t('clients.contacts.preferredMethod')}
          value={form.preferredContact}
          onChange={(v) => v && setForm((f) => ({ ...f, preferredContact: v }))}
          data={PREFERRED_CONTACTS.map((p) => ({ value: p, label: preferredLabel(t, p) }))}
          allowDeselect={false}
          data-testid="contact-field-preferredContact"
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end" gap="xs" mt={4}>
          <Button size="xs" variant="default" onClick={onClose} data-testid="quick-contact-cancel">
            {t('clients.contacts.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={saving} data-testid="quick-contact-save">
            {t('clients.quick.contactSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
