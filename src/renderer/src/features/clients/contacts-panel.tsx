import { ActionIcon, Button, Group, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { PhoneLink } from '../../kit/phone-link';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';
import { EMPTY_CONTACT, contactErrorsFromIssues, contactFormOf, contactValues, validateContact, type ContactErrors, type ContactForm } from './contact-model';
import '../../kit/dense-list.css';
import { PREFERRED_CONTACTS, type ContactRow, type PreferredContact } from '../../../../shared/api/clients';

export function preferredLabel(t: TFunction, p: PreferredContact): string {
  switch (p) {
    case 'phone':
      return t('clients.preferred.phone');
    case 'email':
      return t('clients.preferred.email');
    case 'sms':
      return t('clients.preferred.sms');
    case 'any':
      return t('clients.preferred.any');
  }
}

interface Props {
  clientId: string;
  country: string;
  contacts: ContactRow[];
  canWrite: boolean;
  onChanged: () => void;
}

/** The client's contact persons, edited in place: one row at a time becomes a small form. */
export function ContactsPanel({ clientId, country, contacts, canWrite, onChanged }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  /** The contact being edited: its id, 'new', or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState<ContactForm>(EMPTY_CONTACT);
  const [errors, setErrors] = useState<ContactErrors>({});
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const start = (c: ContactRow | null) => {
    setEditing(c ? c.id : 'new');
    setForm(c ? contactFormOf(c) : EMPTY_CONTACT);
    setErrors({});
  };

  const save = async () => {
    const e = validateContact(t, form, country);
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const values = contactValues(form);
    setBusy(true);
    try {
      if (editing === 'new') await api.call('contacts.create', { clientId, ...values });
      else {
        const current = contacts.find((c) => c.id === editing);
        if (current) await api.call('contacts.update', { id: current.id, version: current.version, patch: values });
      }
      notifications.show({ color: 'teal', message: t('clients.contacts.saved'), autoClose: 2500 });
      setEditing(null);
      onChanged();
    } catch (err) {
      const ce = toCallError(err);
      if (ce.code === 'validation' && ce.issues.length) {
        setErrors(contactErrorsFromIssues(t, ce.issues));
      } else {
        notifications.show({ color: 'red', title: errorText(t, ce.code), message: t('clients.contacts.failed', { reason: ce.message }), autoClose: 8000 });
        if (ce.code === 'conflict' || ce.code === 'not_found') onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: ContactRow) => {
    setConfirmDelete(null);
    try {
      await api.call('contacts.delete', { id: c.id, version: c.version });
      notifications.show({ color: 'teal', message: t('clients.contacts.deleted'), autoClose: 2500 });
    } catch (err) {
      const ce = toCallError(err);
      notifications.show({ color: 'red', title: errorText(t, ce.code), message: ce.message, autoClose: 8000 });
    }
    onChanged();
  };

  const set = (k: keyof ContactForm) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };

  const editRow = (
    <tr className="clx-contact-edit" data-testid="contact-edit">
      <td>
        <TextInput size="xs" value={form.name} onChange={set('name')} error={errors.name} maxLength={200} aria-label={t('clients.contacts.name')} placeholder={t('clients.contacts.name')} data-testid="contact-field-name" data-autofocus autoFocus />
      </td>
      <td>
        <TextInput size="xs" value={form.jobFunction} onChange={set('jobFunction')} maxLength={100} aria-label={t('clients.contacts.jobFunction')} placeholder={t('clients.contacts.jobFunction')} data-testid="contact-field-jobFunction" />
      </td>
      <td>
        <TextInput size="xs" value={form.role} onChange={set('role')} maxLength={100} aria-label={t('clients.contacts.role')} placeholder={t('clients.contacts.role')} data-testid="contact-field-role" />
      </td>
      <td>
        <TextInput size="xs" value={form.phone} onChange={set('phone')} error={errors.phone} maxLength={40} aria-label={t('clients.contacts.phone')} placeholder={t('clients.contacts.phone')} data-testid="contact-field-phone" />
      </td>
      <td>
        <TextInput size="xs" value={form.email} onChange={set('email')} error={errors.email} maxLength={254} aria-label={t('clients.contacts.email')} placeholder={t('clients.contacts.email')} data-testid="contact-field-email" />
      </td>
      <td>
        <Select
          size="xs"
          value={form.preferredContact}
          onChange={(v) => v && setForm((f) => ({ ...f, preferredContact: v }))}
          data={PREFERRED_CONTACTS.map((p) => ({ value: p, label: preferredLabel(t, p) }))}
          allowDeselect={false}
          aria-label={t('clients.contacts.preferred')}
          data-testid="contact-field-preferredContact"
          comboboxProps={{ withinPortal: true }}
        />
      </td>
      <td className="clx-actions">
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('clients.contacts.save')}>
            <ActionIcon size="sm" variant="filled" loading={busy} onClick={() => void save()} aria-label={t('clients.contacts.save')} data-testid="contact-save">
              <IconCheck size={14} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('clients.contacts.cancel')}>
            <ActionIcon size="sm" variant="default" onClick={() => setEditing(null)} aria-label={t('clients.contacts.cancel')} data-testid="contact-cancel">
              <IconX size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </td>
    </tr>
  );

  return (
    <div className="clx-contacts" data-testid="contacts">
      <Group justify="space-between" mb={4}>
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          {t('clients.contacts.title')} ({contacts.length})
        </Text>
        {canWrite && (
          <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} onClick={() => start(null)} disabled={editing !== null} data-testid="contact-add">
            {t('clients.contacts.add')}
          </Button>
        )}
      </Group>
      <table
        className="dense-table clx-contacts-table"
        onKeyDown={(e) => {
          if (editing === null) return;
          if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape' && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
            e.preventDefault();
            e.stopPropagation();
            setEditing(null);
          }
        }}
      >
        <thead>
          <tr>
            <th style={{ width: '20%' }}>{t('clients.contacts.name')}</th>
            <th>{t('clients.contacts.jobFunction')}</th>
            <th>{t('clients.contacts.role')}</th>
            <th>{t('clients.contacts.phone')}</th>
            <th>{t('clients.contacts.email')}</th>
            <th style={{ width: 96 }}>{t('clients.contacts.preferred')}</th>
            <th style={{ width: 56 }} />
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) =>
            editing === c.id ? (
              <Fragment key={c.id}>{editRow}</Fragment>
            ) : (
              <tr key={c.id} data-testid="contact-row" data-contact-id={c.id}>
                <td className="dense-strong">{c.name}</td>
                <td>{c.jobFunction}</td>
                <td>{c.role}</td>
                <td className="clx-mono">{c.phone ? <PhoneLink number={c.phone} /> : ''}</td>
                <td>{c.email}</td>
                <td>{preferredLabel(t, c.preferredContact)}</td>
                <td className="clx-actions">
                  {canWrite &&
                    (confirmDelete === c.id ? (
                      <Group gap={2} wrap="nowrap">
                        <Tooltip label={t('clients.contacts.deleteConfirm', { name: c.name })}>
                          <ActionIcon size="sm" color="red" variant="filled" onClick={() => void remove(c)} aria-label={t('clients.contacts.deleteConfirm', { name: c.name })} data-testid="contact-delete-confirm">
                            <IconCheck size={14} />
                          </ActionIcon>
                        </Tooltip>
                        <ActionIcon size="sm" variant="default" onClick={() => setConfirmDelete(null)} aria-label={t('clients.contacts.cancel')}>
                          <IconX size={14} />
                        </ActionIcon>
                      </Group>
                    ) : (
                      <Group gap={2} wrap="nowrap" className="clx-row-actions">
                        <Tooltip label={t('clients.contacts.edit')}>
                          <ActionIcon size="sm" variant="subtle" color="gray" disabled={editing !== null} onClick={() => start(c)} aria-label={t('clients.contacts.edit')} data-testid="contact-edit-button">
                            <IconPencil size={14} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('clients.contacts.delete')}>
                          <ActionIcon size="sm" variant="subtle" color="red" disabled={editing !== null} onClick={() => setConfirmDelete(c.id)} aria-label={t('clients.contacts.delete')} data-testid="contact-delete">
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    ))}
                </td>
              </tr>
            ),
          )}
          {editing === 'new' && editRow}
          {contacts.length === 0 && editing !== 'new' && (
            <tr>
              <td colSpan={7} className="dense-empty">
                {t('clients.contacts.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
