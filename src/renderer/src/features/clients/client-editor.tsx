import { ActionIcon, Alert, Badge, Button, Group, Loader, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconTrash, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldConflictDialog } from '../../kit/field-conflict-dialog';
import { ClientContractsSlot } from '../../kit/slots';
import { takeFlat, useVersionedEditor } from '../../kit/editor/use-versioned-editor';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';
import { ClientFields, DUPLICATE_KEYS, DuplicatesAlert, findDuplicates } from './client-fields';
import { ContactsPanel } from './contacts-panel';
import {
  CLIENT_FIELDS,
  changedFields,
  createInput,
  emptyForm,
  errorsFromIssues,
  fieldLabel,
  formOf,
  patchOf,
  validateForm,
  type ClientField,
  type ClientForm,
  type FieldErrors,
} from './form-model';
import type { ClientDetail, ClientDuplicate } from '../../../../shared/api/clients';
import type { ClientRow } from '../../../../shared/api/clients';

interface Props {
  /** The client to edit, or null for a new one. */
  clientId: string | null;
  canWrite: boolean;
  /** The client's service contracts: shown (the calendar's read right), and changed (its write right). */
  contracts: 'none' | 'read' | 'write';
  /** Asks to close; the window asks about unsaved changes first. */
  onRequestClose: () => void;
  onSaved: (row: ClientRow) => void;
  onDeleted: () => void;
  /** "Open it" on a likely duplicate. */
  onOpen: (id: string) => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** One client: all its fields, its contact persons; Ctrl+S saves, Esc asks before losing changes. */
export function ClientEditor({ clientId, canWrite, contracts, onRequestClose, onSaved, onDeleted, onOpen, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [detail, setDetail] = useState<ClientDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [duplicates, setDuplicates] = useState<ClientDuplicate[] | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const isNew = clientId === null;

  const editor = useVersionedEditor<ClientForm, ClientField, ClientRow>(() => emptyForm(), 0, {
    // A new client sends every field; a saved one only what changed.
    changed: (f, b) => (clientId === null ? [...CLIENT_FIELDS] : changedFields(f, b)),
    take: takeFlat,
    write: (f, _b, version, changed) =>
      clientId === null ? api.call('clients.create', createInput(f)) : api.call('clients.update', { id: clientId, version, patch: patchOf(f, changed) }),
    formOf: (row) => formOf(row),
    versionOf: (row) => row.version,
    fetchFresh: async () => {
      if (!clientId) return null;
      const fresh = await api.call('clients.get', { id: clientId });
      setDetail(fresh);
      return fresh.client;
    },
    isStale: (e) => toCallError(e).code === 'conflict' && clientId !== null,
    conflictRow: (k, mine, theirs) => ({ key: k, label: fieldLabel(t, k), mine: mine[k], theirs: theirs[k] }),
    onSaved: (row) => {
      notifications.show({ color: 'teal', message: t('clients.editor.saved'), autoClose: 2500 });
      setDuplicates(null);
      setErrors({});
      setDetail((d) => (d ? { ...d, client: row } : d));
      onSaved(row);
    },
    onError: (e, f) => {
      const err = toCallError(e);
      if (err.code === 'validation' && err.issues.length > 0) {
        setErrors(errorsFromIssues(t, err.issues, f));
        notifications.show({ color: 'red', message: t('clients.errors.fix'), autoClose: 3000 });
      } else {
        notifications.show({ color: 'red', title: errorText(t, err.code), message: t('clients.editor.saveFailed', { reason: err.message }), autoClose: 8000 });
      }
    },
  });
  const { form, base, saving, conflict } = editor;
  const dirty = isNew ? CLIENT_FIELDS.some((f) => form[f].trim() !== base[f].trim()) : editor.dirty;
  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);

  const { setBase, setForm, setVersion } = editor;
  const load = useCallback(
    (resetForm: boolean) => {
      if (!clientId) return;
      api.call('clients.get', { id: clientId }).then(
        (d) => {
          setDetail(d);
          setLoadError(null);
          if (resetForm) {
            setBase(formOf(d.client));
            setForm(formOf(d.client));
            setVersion(d.client.version);
          }
        },
        (e: unknown) => setLoadError(toCallError(e).message),
      );
    },
    [api, clientId, setBase, setForm, setVersion],
  );
  useEffect(() => {
    load(true);
  }, [load]);

  // Focus the first field when a client opens, so typing starts at once (once per client).
  const focusKey = isNew ? 'new' : (detail?.client.id ?? null);
  useEffect(() => {
    if (focusKey) rootRef.current?.querySelector<HTMLInputElement>('[data-testid="client-field-name"]')?.focus();
  }, [focusKey]);

  const set = (f: ClientField, v: string) => {
    editor.setForm((x) => ({ ...x, [f]: v }));
    setErrors((x) => (x[f] ? { ...x, [f]: undefined } : x));
    if (DUPLICATE_KEYS.includes(f) || f === 'country') setDuplicates(null);
  };

  /** Checks here first, then for likely duplicates (unless the user saves anyway), then saves. */
  async function save(opts: { skipDuplicates?: boolean } = {}) {
    if (!canWrite || saving) return;
    const local = validateForm(t, form);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      notifications.show({ color: 'red', message: t('clients.errors.fix'), autoClose: 3000 });
      return;
    }
    const changed = isNew ? [...CLIENT_FIELDS] : changedFields(form, base);
    if (!isNew && changed.length === 0) return;
    if (!opts.skipDuplicates && changed.some((k) => DUPLICATE_KEYS.includes(k))) {
      const found = await findDuplicates(api, form, clientId);
      if (found.length > 0) {
        setDuplicates(found);
        return;
      }
    }
    await editor.save();
  }

  async function remove() {
    if (!detail) return;
    setConfirmDelete(false);
    try {
      await api.call('clients.delete', { id: detail.client.id, version: detail.client.version });
      notifications.show({ color: 'teal', message: t('clients.editor.deleted'), autoClose: 2500 });
      onDeleted();
    } catch (e) {
      const err = toCallError(e);
      notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
    }
  }

  const onKeyDown = editor.keys(
    () => void save(),
    () => onRequestClose(),
  );

  if (!isNew && !detail) {
    return (
      <div className="clx-editor" data-testid="client-editor">
        {loadError ? (
          <Alert color="red" icon={<IconAlertTriangle size={16} />}>
            {loadError}
          </Alert>
        ) : (
          <Group justify="center" p="xl">
            <Loader size="sm" />
          </Group>
        )}
      </div>
    );
  }

  const title = isNew ? t('clients.editor.newTitle') : (detail?.client.name ?? '');

  return (
    <div className="clx-editor" ref={rootRef} onKeyDown={onKeyDown} data-testid="client-editor" data-client-id={clientId ?? 'new'} data-dirty={dirty ? 'true' : 'false'}>
      <div className="dense-editor-head">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Text fw={700} size="md" truncate data-testid="client-editor-title">
            {title}
          </Text>
          <Group gap={6} mt={2}>
            {detail && (
              <>
                <Badge size="xs" variant="light" tt="none" color={detail.interventions.open > 0 ? 'blue' : 'gray'} data-testid="client-interventions">
                  {t('clients.editor.interventions', { open: detail.interventions.open, total: detail.interventions.total })}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('clients.editor.version', { version: detail.client.version })}
                </Text>
              </>
            )}
            {!canWrite && (
              <Badge size="xs" variant="light" color="yellow" data-testid="client-readonly">
                {t('clients.readOnly')}
              </Badge>
            )}
            {dirty && canWrite && (
              <Badge size="xs" variant="dot" color="orange">
                {t('clients.editor.unsaved')}
              </Badge>
            )}
          </Group>
        </div>
        <Group gap={4} wrap="nowrap">
          {canWrite && (
            <Tooltip label="Ctrl+S">
              <Button size="xs" leftSection={<IconDeviceFloppy size={14} />} onClick={() => void save()} loading={saving} disabled={!dirty && !isNew} data-testid="client-save">
                {t('clients.editor.save')}
              </Button>
            </Tooltip>
          )}
          {canWrite && !isNew && (
            <Tooltip label={t('clients.editor.delete')}>
              <ActionIcon size="md" variant="default" color="red" onClick={() => setConfirmDelete(true)} aria-label={t('clients.editor.delete')} data-testid="client-delete">
                <IconTrash size={15} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={`${t('clients.editor.close')} (Esc)`}>
            <ActionIcon size="md" variant="subtle" color="gray" onClick={onRequestClose} aria-label={t('clients.editor.close')} data-testid="client-close">
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </div>

      <div className="dense-editor-body">
        {!canWrite && (
          <Text size="xs" c="dimmed" mb={6}>
            {t('clients.readOnlyHint')}
          </Text>
        )}
        <DuplicatesAlert duplicates={duplicates} pickLabel={t('clients.duplicates.open')} onPick={(d) => onOpen(d.id)} onSaveAnyway={() => void save({ skipDuplicates: true })} />

        <ClientFields form={form} errors={errors} readOnly={!canWrite} onChange={set} />

        {detail ? (
          <>
            <ContactsPanel clientId={detail.client.id} country={detail.client.country} contacts={detail.contacts} canWrite={canWrite} onChanged={() => load(false)} />
            {contracts !== 'none' && <ClientContractsSlot clientId={detail.client.id} clientName={detail.client.name} canWrite={contracts === 'write'} />}
          </>
        ) : (
          <Text size="xs" c="dimmed" mt="sm">
            {t('clients.contacts.saveFirst')}
          </Text>
        )}
      </div>

      <FieldConflictDialog
        rows={conflict?.rows ?? null}
        body={t('clients.conflict.body')}
        onCancel={editor.cancelConflict}
        onResolve={editor.resolve}
      />
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={t('clients.deleteDialog.title')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack gap="md">
          <Text size="sm">{t('clients.deleteDialog.body', { name: detail?.client.name ?? '' })}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" size="xs" onClick={() => setConfirmDelete(false)}>
              {t('clients.discard.keep')}
            </Button>
            <Button color="red" size="xs" onClick={() => void remove()} data-testid="client-delete-confirm">
              {t('clients.deleteDialog.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}
