import { ActionIcon, Alert, Badge, Button, Group, Loader, Modal, Radio, SegmentedControl, Switch, Table, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconAsterisk, IconEyeOff, IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraFieldAdminRow } from '../../../../../shared/api/admin-types-schemas';
import type { ExtraFieldDefinition } from '../../../../../shared/api/extra-field-schemas';
import { EXTRA_FIELD_KINDS, FIELD_STATES, type ExtraFieldKind, type FieldState } from '../../../../../shared/domain/extra-fields';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../../../../shared/domain/intervention';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../../shared/i18n/languages';
import { useApi } from '../../../api/context';
import { toCallError } from '../../../api/errors';
import { errorText } from '../../../i18n/error-text';

const LABEL_MAX = 80;

export function kindLabel(t: TFunction, k: ExtraFieldKind): string {
  switch (k) {
    case 'text':
      return t('adminTypes.fields.kind.text');
    case 'number':
      return t('adminTypes.fields.kind.number');
    case 'date':
      return t('adminTypes.fields.kind.date');
    case 'choice':
      return t('adminTypes.fields.kind.choice');
    case 'checkbox':
      return t('adminTypes.fields.kind.checkbox');
  }
}

export function statusLabel(t: TFunction, s: InterventionStatus): string {
  switch (s) {
    case 'taken':
      return t('adminTypes.status.taken');
    case 'allocated':
      return t('adminTypes.status.allocated');
    case 'confirmed':
      return t('adminTypes.status.confirmed');
    case 'finalized':
      return t('adminTypes.status.finalized');
    case 'cancelled':
      return t('adminTypes.status.cancelled');
  }
}

export function stateLabel(t: TFunction, s: FieldState): string {
  switch (s) {
    case 'hidden':
      return t('adminTypes.fields.state.hidden');
    case 'readonly':
      return t('adminTypes.fields.state.readonly');
    case 'optional':
      return t('adminTypes.fields.state.optional');
    case 'required':
      return t('adminTypes.fields.state.required');
  }
}

/** One cell of the matrix: an icon a trained eye reads at once, the word in the tooltip. */
function StateCell({ state }: { state: FieldState }) {
  const { t } = useTranslation();
  const icon =
    state === 'required' ? (
      <IconAsterisk size={12} color="var(--mantine-color-red-7)" />
    ) : state === 'readonly' ? (
      <IconLock size={12} color="var(--mantine-color-orange-7)" />
    ) : state === 'hidden' ? (
      <IconEyeOff size={12} color="var(--mantine-color-gray-6)" />
    ) : (
      <span className="rta-state-optional">·</span>
    );
  return (
    <Tooltip label={stateLabel(t, state)} openDelay={300}>
      <span className={`rta-state rta-state-${state}`} data-state={state}>
        {icon}
      </span>
    </Tooltip>
  );
}

interface Props {
  requestTypeId: string;
  language: Language;
  canWrite: boolean;
  /** Bumped by the parent when data.changed says the definitions changed elsewhere. */
  refreshKey: number;
  onChanged: () => void;
}

/** The extra fields of a type: own ones editable, inherited ones read-only with their origin. */
export function ExtraFieldsPanel({ requestTypeId, language, canWrite, refreshKey, onChanged }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<ExtraFieldAdminRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ExtraFieldDefinition | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ExtraFieldAdminRow | null>(null);
  const [busy, setBusy] = useState(false);
  // Kept apart from `editing` so the title does not flip while the dialog fades out.
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    api.call('admin.extraFields.list', { requestTypeId }).then(
      (r) => {
        setRows(r);
        setLoadError(null);
      },
      (e: unknown) => setLoadError(toCallError(e).message),
    );
  }, [api, requestTypeId]);
  useEffect(() => load(), [load, refreshKey]);

  const own = rows?.filter((r) => !r.inheritedFrom) ?? [];

  async function move(i: number, by: -1 | 1) {
    const order = [...own];
    const [item] = order.splice(i, 1);
    if (!item) return;
    order.splice(i + by, 0, item);
    setBusy(true);
    try {
      await api.call('admin.extraFields.reorder', { requestTypeId, order: order.map((r) => ({ id: r.id, version: r.version })) });
      onChanged();
    } catch (e) {
      const err = toCallError(e);
      notifications.show({ color: 'red', title: errorText(t, err.code), message: err.message, autoClose: 8000 });
    } finally {
      setBusy(false);
      load();
    }
  }

  async function remove(r: ExtraFieldAdminRow) {
    setDeleting(null);
    try {
      await api.call('admin.extraFields.delete', { id: r.id, version: r.version });
      notifications.show({ color: 'teal', message: t('adminTypes.fields.deleted'), autoClose: 2500 });
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
    <div data-testid="rt-fields">
      <Group justify="space-between" mb={6}>
        <Text size="xs" c="dimmed" maw={560}>
          {t('adminTypes.fields.hint')}
        </Text>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => {
              setCreating(true);
              setEditing('new');
            }} data-testid="rt-field-add">
            {t('adminTypes.fields.add')}
          </Button>
        )}
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" p="md" ta="center" className="rta-empty">
          {t('adminTypes.fields.none')}
        </Text>
      ) : (
        <Table className="rta-table" withTableBorder verticalSpacing={3} horizontalSpacing={6} data-testid="rt-fields-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('adminTypes.fields.label')}</Table.Th>
              {INTERVENTION_STATUSES.map((s) => (
                <Table.Th key={s} className="rta-matrix-head" w={62}>
                  {statusLabel(t, s)}
                </Table.Th>
              ))}
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const ownIndex = own.findIndex((o) => o.id === r.id);
              return (
                <Table.Tr key={r.id} className={r.active ? undefined : 'rta-row-inactive'} data-testid={`rt-fieldrow-${r.labels.en}`} data-inherited={r.inheritedFrom ? 'true' : 'false'}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" truncate>
                        {r.labels[language]}
                      </Text>
                      {!r.active && (
                        <Badge size="xs" variant="outline" color="gray">
                          {t('adminTypes.inactive')}
                        </Badge>
                      )}
                    </Group>
                    <Group gap={6} wrap="nowrap">
                      {r.inheritedFrom && (
                        <Badge size="xs" variant="light" color="gray" tt="none" style={{ flexShrink: 0 }}>
                          {t('adminTypes.fields.inherited', { code: r.inheritedFrom.code })}
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed" truncate maw={320}>
                        {r.kind === 'choice' ? `${kindLabel(t, r.kind)}: ${r.options.join(' · ')}` : kindLabel(t, r.kind)}
                      </Text>
                    </Group>
                  </Table.Td>
                  {INTERVENTION_STATUSES.map((s) => (
                    <Table.Td key={s} className="rta-matrix-cell" data-testid={`rt-state-${r.labels.en}-${s}`}>
                      <StateCell state={r.states[s] ?? 'optional'} />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {!r.inheritedFrom && canWrite && (
                      <Group gap={0} wrap="nowrap" justify="flex-end">
                        <ActionIcon size="sm" variant="subtle" color="gray" disabled={busy || ownIndex <= 0} onClick={() => void move(ownIndex, -1)} aria-label={t('adminTypes.moveUp')}>
                          <IconArrowUp size={14} />
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" color="gray" disabled={busy || ownIndex >= own.length - 1} onClick={() => void move(ownIndex, 1)} aria-label={t('adminTypes.moveDown')}>
                          <IconArrowDown size={14} />
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" onClick={() => {
                          setCreating(false);
                          setEditing(r);
                        }} aria-label={t('adminTypes.edit')} data-testid={`rt-field-edit-${r.labels.en}`}>
                          <IconPencil size={14} />
                        </ActionIcon>
                        <ActionIcon size="sm" variant="subtle" color="red" onClick={() => setDeleting(r)} aria-label={t('adminTypes.delete')}>
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="md" mt={6} className="rta-legend">
        {FIELD_STATES.map((s) => (
          <Group key={s} gap={4}>
            <StateCell state={s} />
            <Text size="xs" c="dimmed">
              {stateLabel(t, s)}
            </Text>
          </Group>
        ))}
      </Group>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={creating ? t('adminTypes.fields.newTitle') : t('adminTypes.fields.editTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <FieldForm
            requestTypeId={requestTypeId}
            field={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              onChanged();
              load();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('adminTypes.fields.deleteTitle')} size="sm" closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Text size="sm">{t('adminTypes.fields.deleteConfirm', { label: deleting?.labels[language] ?? '' })}</Text>
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

type FieldErrors = Partial<Record<string, string>>;

/** Add or edit one definition: kind, the four labels, options of a choice, the state per status. */
function FieldForm({ requestTypeId, field, onDone, onCancel }: { requestTypeId: string; field: ExtraFieldDefinition | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [kind, setKind] = useState<ExtraFieldKind>(field?.kind ?? 'text');
  const [labels, setLabels] = useState<Record<Language, string>>(field?.labels ?? { en: '', ro: '', 'pt-BR': '', ca: '' });
  const [options, setOptions] = useState((field?.options ?? []).join('\n'));
  const [states, setStates] = useState<Partial<Record<InterventionStatus, FieldState>>>(field?.states ?? {});
  const [active, setActive] = useState(field?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  const optionList = options
    .split('\n')
    .map((o) => o.trim())
    .filter((o) => o !== '');

  function check(): FieldErrors {
    const e: FieldErrors = {};
    for (const l of LANGUAGES) {
      const v = labels[l].trim();
      if (!v) e[`labels.${l}`] = t('adminTypes.errors.required');
      else if (v.length > LABEL_MAX) e[`labels.${l}`] = t('adminTypes.errors.tooLong', { max: LABEL_MAX });
    }
    if (kind === 'choice') {
      if (optionList.length === 0) e.options = t('adminTypes.fields.errors.noOptions');
      else if (optionList.some((o) => o.length > LABEL_MAX)) e.options = t('adminTypes.errors.tooLong', { max: LABEL_MAX });
      else if (new Set(optionList.map((o) => o.toLowerCase())).size !== optionList.length) e.options = t('adminTypes.fields.errors.sameOption');
      else if (optionList.length > 50) e.options = t('adminTypes.fields.errors.tooManyOptions', { max: 50 });
    }
    return e;
  }

  async function save() {
    if (saving) return;
    const local = check();
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    const definition = {
      requestTypeId,
      kind,
      labels: { en: labels.en.trim(), ro: labels.ro.trim(), 'pt-BR': labels['pt-BR'].trim(), ca: labels.ca.trim() },
      options: kind === 'choice' ? optionList : [],
      states,
      sequence: field?.sequence ?? 0,
      active,
    };
    try {
      await api.call('admin.extraFields.save', field ? { id: field.id, version: field.version, definition } : { definition });
      notifications.show({ color: 'teal', message: t('adminTypes.fields.saved'), autoClose: 2500 });
      onDone();
    } catch (err) {
      const e = toCallError(err);
      if (e.code === 'validation' && e.issues.length > 0) {
        const next: FieldErrors = {};
        for (const i of e.issues) next[i.path.replace(/^definition\./, '')] = i.message;
        if (!Object.keys(next).some((k) => k.startsWith('labels.') || k === 'options' || k === 'kind')) next.form = e.message;
        setErrors(next);
      } else {
        setErrors({ form: e.code === 'conflict' ? t('adminTypes.fields.conflict') : `${errorText(t, e.code)} ${e.message}` });
      }
    } finally {
      setSaving(false);
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
    <div onKeyDown={onKeyDown} data-testid="rt-field-form">
      {errors.form && (
        <Alert color="red" p="xs" mb="xs" icon={<IconAlertTriangle size={16} />}>
          {errors.form}
        </Alert>
      )}
      <Text size="xs" fw={500} mb={4}>
        {t('adminTypes.fields.kindLabel')}
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        value={kind}
        onChange={setKind}
        data={EXTRA_FIELD_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
        data-testid="rt-fieldform-kind"
      />
      {errors.kind && (
        <Text size="xs" c="red" mt={2}>
          {errors.kind}
        </Text>
      )}
      <div className="rta-grid" style={{ marginTop: 8 }}>
        {LANGUAGES.map((l, i) => (
          <TextInput
            key={l}
            size="xs"
            label={t('adminTypes.fields.labelIn', { language: LANGUAGE_NAMES[l] })}
            value={labels[l]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setLabels((x) => ({ ...x, [l]: v }));
              setErrors((x) => ({ ...x, [`labels.${l}`]: undefined }));
            }}
            error={errors[`labels.${l}`]}
            withAsterisk
            maxLength={LABEL_MAX + 10}
            lang={l}
            data-autofocus={i === 0 ? true : undefined}
            data-testid={`rt-fieldform-label-${l}`}
          />
        ))}
      </div>
      {kind === 'choice' && (
        <Textarea
          size="xs"
          mt={8}
          label={t('adminTypes.fields.options')}
          description={t('adminTypes.fields.optionsHint')}
          value={options}
          onChange={(e) => {
            setOptions(e.currentTarget.value);
            setErrors((x) => ({ ...x, options: undefined }));
          }}
          error={errors.options}
          autosize
          minRows={3}
          maxRows={8}
          withAsterisk
          data-testid="rt-fieldform-options"
        />
      )}
      <Text size="xs" fw={500} mt="sm" mb={4}>
        {t('adminTypes.fields.states')}
      </Text>
      <Table className="rta-table rta-state-matrix" withTableBorder verticalSpacing={2} horizontalSpacing={6} data-testid="rt-fieldform-states">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('adminTypes.fields.status')}</Table.Th>
            {FIELD_STATES.map((s) => (
              <Table.Th key={s} className="rta-matrix-head">
                {stateLabel(t, s)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {INTERVENTION_STATUSES.map((status) => (
            <Table.Tr key={status}>
              <Table.Td>
                <Text size="xs">{statusLabel(t, status)}</Text>
              </Table.Td>
              {FIELD_STATES.map((s) => (
                <Table.Td key={s} className="rta-matrix-cell">
                  <Radio
                    size="xs"
                    name={`state-${status}`}
                    checked={(states[status] ?? 'optional') === s}
                    onChange={() => setStates((x) => ({ ...x, [status]: s }))}
                    aria-label={`${statusLabel(t, status)}: ${stateLabel(t, s)}`}
                    data-testid={`rt-fieldform-state-${status}-${s}`}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {errors.states && (
        <Text size="xs" c="red" mt={2}>
          {errors.states}
        </Text>
      )}
      <Group justify="space-between" mt="md">
        <Switch size="xs" label={t('adminTypes.editor.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} data-testid="rt-fieldform-active" />
        <Group gap={6}>
          <Button size="xs" variant="default" onClick={onCancel}>
            {t('adminTypes.cancel')}
          </Button>
          <Button size="xs" onClick={() => void save()} loading={saving} data-testid="rt-fieldform-save">
            {t('adminTypes.save')}
          </Button>
        </Group>
      </Group>
    </div>
  );
}
