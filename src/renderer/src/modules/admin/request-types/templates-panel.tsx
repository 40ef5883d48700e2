import { ActionIcon, Alert, Anchor, Badge, Button, FileInput, Group, Loader, Modal, Progress, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconDownload, IconPaperclip, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_NAME_MAX } from '../../../../../shared/api/admin-types-schemas';
import type { RequestTypeTemplate } from '../../../../../shared/api/extra-field-schemas';
import { TEMPLATE_MODES, type TemplateMode } from '../../../../../shared/domain/extra-fields';
import { useApi } from '../../../api/context';
import { toCallError } from '../../../api/errors';
import { fileUrl, uploadFile } from '../../../api/files';
import { errorText } from '../../../i18n/error-text';
import { formatBytes } from './format';

export function modeLabel(t: TFunction, m: TemplateMode): string {
  switch (m) {
    case 'mandatory':
      return t('adminTypes.templates.mode.mandatory');
    case 'optional':
      return t('adminTypes.templates.mode.optional');
    case 'informative':
      return t('adminTypes.templates.mode.informative');
  }
}

const MODE_COLOR: Record<TemplateMode, string> = { mandatory: 'red', optional: 'blue', informative: 'gray' };

interface Props {
  requestTypeId: string;
  canWrite: boolean;
  /** attachmentMaxBytes from the settings: a bigger file is refused before it is sent. */
  maxBytes: number | undefined;
  refreshKey: number;
  onChanged: () => void;
}

/** The form templates attached to a type: the blank file, how it is used, in which order. */
export function TemplatesPanel({ requestTypeId, canWrite, maxBytes, refreshKey, onChanged }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<RequestTypeTemplate[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<RequestTypeTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RequestTypeTemplate | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept apart from `editing` so the title does not flip while the dialog fades out.
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    api.call('admin.templates.list', { requestTypeId }).then(
      (r) => {
        setRows(r);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(toCallError(e).message),
    );
  }, [api, requestTypeId]);
  useEffect(() => load(), [load, refreshKey]);

  async function move(i: number, by: -1 | 1) {
    if (!rows) return;
    const order = [...rows];
    const [item] = order.splice(i, 1);
    if (!item) return;
    order.splice(i + by, 0, item);
    setBusy(true);
    try {
      await api.call('admin.templates.reorder', { requestTypeId, order: order.map((r) => ({ id: r.id, version: r.version })) });
      onChanged();
    } catch (e) {
      const err = toCallError(e);
      notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
    } finally {
      setBusy(false);
      load();
    }
  }

  async function remove(r: RequestTypeTemplate) {
    setDeleting(null);
    try {
      await api.call('admin.templates.delete', { id: r.id, version: r.version });
      notifications.show({ color: 'teal', message: t('adminTypes.templates.deleted'), autoClose: 2500 });
      onChanged();
    } catch (e) {
      const err = toCallError(e);
      notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
    }
    load();
  }

  if (loadError) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} p="xs">
        {loadError}
      </Alert>
    );
  }
  if (!rows) return <Loader size="sm" m="md" />;

  return (
    <div data-testid="rt-templates">
      <Group justify="space-between" mb={6}>
        <Text size="xs" c="dimmed" maw={560}>
          {t('adminTypes.templates.hint')}
        </Text>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => {
              setCreating(true);
              setEditing('new');
            }} data-testid="rt-template-add">
            {t('adminTypes.templates.add')}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" p="md" ta="center" className="rta-empty">
          {t('adminTypes.templates.none')}
        </Text>
      ) : (
        <Table className="rta-table" withTableBorder verticalSpacing={3} horizontalSpacing={6} data-testid="rt-templates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminTypes.templates.name')}</Table.Th>
              <Table.Th>{t('adminTypes.templates.file')}</Table.Th>
              <Table.Th w={110}>{t('adminTypes.templates.modeLabel')}</Table.Th>
              <Table.Th w={140} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.id} data-testid={`rt-templaterow-${r.name}`}>
                <Table.Td>
                  <Text size="sm" truncate>
                    {r.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <IconPaperclip size={13} color="var(--mantine-color-gray-6)" />
                    <Anchor size="xs" href={fileUrl(r.attachment.id)} download={r.attachment.fileName} title={t('adminTypes.templates.download')} data-testid={`rt-template-download-${r.name}`}>
                      {r.attachment.fileName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatBytes(r.attachment.size)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={MODE_COLOR[r.mode]} tt="none">
                    {modeLabel(t, r.mode)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap" justify="flex-end">
                    <ActionIcon size="sm" variant="subtle" color="gray" component="a" href={fileUrl(r.attachment.id)} download={r.attachment.fileName} aria-label={t('adminTypes.templates.download')}>
                      <IconDownload size={14} />
                    </ActionIcon>
                    {canWrite && (
                      <>
                        <ActionIcon size="sm" variant="subtle" color="gray" disabled={busy || i === 0} onClick={() => void move(i, -1)} aria-label={t('adminTypes.moveUp')}>
                          <IconArrowUp size={14} />
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" color="gray" disabled={busy || i === rows.length - 1} onClick={() => void move(i, 1)} aria-label={t('adminTypes.moveDown')}>
                          <IconArrowDown size={14} />
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" onClick={() => {
                          setCreating(false);
                          setEditing(r);
                        }} aria-label={t('adminTypes.edit')}>
                          <IconPencil size={14} />
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" color="red" onClick={() => setDeleting(r)} aria-label={t('adminTypes.delete')}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={creating ? t('adminTypes.templates.newTitle') : t('adminTypes.templates.editTitle')}
        size="md"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <TemplateForm
            requestTypeId={requestTypeId}
            template={editing === 'new' ? null : editing}
            maxBytes={maxBytes}
            onDone={() => {
              setEditing(null);
              onChanged();
              load();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('adminTypes.templates.deleteTitle')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('adminTypes.templates.deleteConfirm', { name: deleting?.name ?? '' })}</Text>
        <Group justify="flex-end" mt="md" gap={6}>
          <Button size="xs" variant="default" onClick={() => setDeleting(null)}>
            {t('adminTypes.cancel')}
          </Button>
          <Button size="xs" color="red" onClick={() => deleting && void remove(deleting)} data-autofocus>
            {t('adminTypes.delete')}
          </Button>
        </Group>
      </Modal>
    </div>
  );
}

function TemplateForm({
  requestTypeId,
  template,
  maxBytes,
  onDone,
  onCancel,
}: {
  requestTypeId: string;
  template: RequestTypeTemplate | null;
  maxBytes: number | undefined;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(template?.name ?? '');
  const [mode, setMode] = useState<TemplateMode>(template?.mode ?? 'optional');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'name' | 'file' | 'form', string>>>({});
  const [saving, setSaving] = useState(false);

  async function save() {
    if (saving) return;
    const e: typeof errors = {};
    const trimmed = name.trim();
    if (!trimmed) e.name = t('adminTypes.errors.required');
    else if (trimmed.length > TEMPLATE_NAME_MAX) e.name = t('adminTypes.errors.tooLong', { max: TEMPLATE_NAME_MAX });
    if (!template && !file) e.file = t('adminTypes.templates.errors.noFile');
    if (file && file.size === 0) e.file = t('adminTypes.templates.errors.emptyFile');
    if (file && maxBytes !== undefined && file.size > maxBytes) e.file = t('adminTypes.templates.errors.tooBig', { size: formatBytes(file.size), max: formatBytes(maxBytes) });
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setSaving(true);
    try {
      let attachmentId = template?.attachment.id ?? '';
      if (file) {
        setProgress(0);
        const uploaded = await uploadFile(file, { ...(maxBytes !== undefined ? { maxBytes } : {}), onProgress: (sent, total) => setProgress(total > 0 ? (sent / total) * 100 : 0) });
        attachmentId = uploaded.id;
      }
      const values = { requestTypeId, name: trimmed, attachmentId, mode, sequence: template?.sequence ?? 0 };
      await api.call('admin.templates.save', template ? { id: template.id, version: template.version, values } : { values });
      notifications.show({ color: 'teal', message: t('adminTypes.templates.saved'), autoClose: 2500 });
      onDone();
    } catch (err) {
      const x = toCallError(err);
      const next: typeof errors = {};
      for (const i of x.issues) {
        if (i.path === 'values.name') next.name = i.message;
        else if (i.path === 'values.attachmentId') next.file = i.message;
      }
      if (!next.name && !next.file) next.form = `${errorText(t, x.code)} ${x.message}`;
      setErrors(next);
    } finally {
      setSaving(false);
      setProgress(null);
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if ((e.ctrlKey || e.metaKey) && (e.key === 'Enter' || e.key.toLowerCase() === 's')) {
      e.preventDefault();
      e.stopPropagation();
      void save();
    }
  };

  return (
    <div onKeyDown={onKeyDown} data-testid="rt-template-form">
      {errors.form && (
        <Alert color="red" p="xs" mb="xs" icon={<IconAlertTriangle size={16} />}>
          {errors.form}
        </Alert>
      )}
      <TextInput
        size="xs"
        label={t('adminTypes.templates.name')}
        value={name}
        onChange={(e) => {
          setName(e.currentTarget.value);
          setErrors((x) => ({ ...x, name: undefined }));
        }}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
        error={errors.name}
        withAsterisk
        maxLength={TEMPLATE_NAME_MAX + 10}
        data-autofocus
        data-testid="rt-templateform-name"
      />
      <FileInput
        size="xs"
        mt={8}
        label={template ? t('adminTypes.templates.replaceFile') : t('adminTypes.templates.file')}
        description={template ? t('adminTypes.templates.currentFile', { name: template.attachment.fileName }) : maxBytes !== undefined ? t('adminTypes.templates.limit', { max: formatBytes(maxBytes) }) : undefined}
        placeholder={t('adminTypes.templates.chooseFile')}
        value={file}
        onChange={(f) => {
          setFile(f);
          setErrors((x) => ({ ...x, file: undefined }));
        }}
        error={errors.file}
        withAsterisk={!template}
        clearable
        leftSection={<IconPaperclip size={14} />}
        data-testid="rt-templateform-file"
      />
      {progress !== null && <Progress value={progress} size="sm" mt={6} animated />}
      <Text size="xs" fw={500} mt={8} mb={4}>
        {t('adminTypes.templates.modeLabel')}
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        value={mode}
        onChange={setMode}
        data={TEMPLATE_MODES.map((m) => ({ value: m, label: modeLabel(t, m) }))}
        data-testid="rt-templateform-mode"
      />
      <Text size="xs" c="dimmed" mt={4}>
        {mode === 'mandatory' ? t('adminTypes.templates.modeHint.mandatory') : mode === 'optional' ? t('adminTypes.templates.modeHint.optional') : t('adminTypes.templates.modeHint.informative')}
      </Text>
      <Group justify="flex-end" mt="md" gap={6}>
        <Button size="xs" variant="default" onClick={onCancel}>
          {t('adminTypes.cancel')}
        </Button>
        <Button size="xs" onClick={() => void save()} loading={saving} data-testid="rt-templateform-save">
          {t('adminTypes.save')}
        </Button>
      </Group>
    </div>
  );
}
