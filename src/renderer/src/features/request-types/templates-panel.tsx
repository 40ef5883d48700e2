import { ActionIcon, Anchor, Badge, FileInput, Group, Progress, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPaperclip } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEMPLATE_MODES, type TemplateMode } from '../../../../shared/domain/extra-fields';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { fileUrl, uploadFile } from '../../api/files';
import { errorText } from '../../i18n/error-text';
import { DialogButtons, DialogForm } from './dialog-form';
import { formatBytes } from './format';
import { OrderedListFrame, RowActions, useOrderedList, type OrderedCalls } from './ordered-list';
import { TEMPLATE_NAME_MAX } from '../../../../shared/api/request-types';
import type { RequestTypeTemplate } from '../../../../shared/api/request-types';

function modeLabel(t: TFunction, m: TemplateMode): string {
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

const TEMPLATE_CALLS: OrderedCalls<RequestTypeTemplate> = {
  list: (api, requestTypeId) => api.call('admin.templates.list', { requestTypeId }),
  reorder: (api, requestTypeId, order) => api.call('admin.templates.reorder', { requestTypeId, order }),
  remove: (api, r) => api.call('admin.templates.delete', { id: r.id, version: r.version }),
};

/** The form templates attached to a type: the blank file, how it is used, in which order. */
export function TemplatesPanel({ requestTypeId, canWrite, maxBytes, refreshKey, onChanged }: Props) {
  const { t } = useTranslation();
  const list = useOrderedList({ calls: TEMPLATE_CALLS, requestTypeId, refreshKey, onChanged, deletedMessage: t('adminTypes.templates.deleted') });

  return (
    <OrderedListFrame
      list={list}
      testid="rt-templates"
      hint={t('adminTypes.templates.hint')}
      canWrite={canWrite}
      addLabel={t('adminTypes.templates.add')}
      addTestid="rt-template-add"
      emptyText={t('adminTypes.templates.none')}
      editorTitle={{ create: t('adminTypes.templates.newTitle'), edit: t('adminTypes.templates.editTitle') }}
      editorSize="md"
      editor={(template) => <TemplateForm requestTypeId={requestTypeId} template={template} maxBytes={maxBytes} onDone={list.saved} onCancel={list.closeEditor} />}
      deleteTitle={t('adminTypes.templates.deleteTitle')}
      deleteBody={(r) => t('adminTypes.templates.deleteConfirm', { name: r?.name ?? '' })}
      table={(rows) => (
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
                      <RowActions busy={list.busy} first={i === 0} last={i === rows.length - 1} onMove={(by) => void list.move(rows, i, by)} onEdit={() => list.openEdit(r)} onDelete={() => list.askDelete(r)} />
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    />
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

  return (
    <DialogForm testid="rt-template-form" onSave={() => void save()} error={errors.form}>
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
        <DialogButtons saving={saving} onCancel={onCancel} onSave={() => void save()} saveTestid="rt-templateform-save" />
      </Group>
    </DialogForm>
  );
}
