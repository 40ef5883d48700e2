import { Badge, Group, Radio, SegmentedControl, Switch, Table, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAsterisk, IconEyeOff, IconLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTRA_FIELD_KINDS, FIELD_STATES, type ExtraFieldKind, type FieldState } from '../../../../shared/domain/extra-fields';
import { INTERVENTION_STATUSES, type InterventionStatus } from '../../../../shared/domain/intervention';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../shared/i18n/languages';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorText } from '../../i18n/error-text';
import { DialogButtons, DialogForm } from './dialog-form';
import { OrderedListFrame, RowActions, useOrderedList, type OrderedCalls } from './ordered-list';
import type { ExtraFieldAdminRow } from '../../../../shared/api/request-types';
import type { ExtraFieldDefinition } from '../../../../shared/api/request-types';

const LABEL_MAX = 80;

function kindLabel(t: TFunction, k: ExtraFieldKind): string {
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

function statusLabel(t: TFunction, s: InterventionStatus): string {
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

function stateLabel(t: TFunction, s: FieldState): string {
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

const FIELD_CALLS: OrderedCalls<ExtraFieldAdminRow> = {
  list: (api, requestTypeId) => api.call('admin.extraFields.list', { requestTypeId }),
  reorder: (api, requestTypeId, order) => api.call('admin.extraFields.reorder', { requestTypeId, order }),
  remove: (api, r) => api.call('admin.extraFields.delete', { id: r.id, version: r.version }),
};

/** The extra fields of a type: own ones editable, inherited ones read-only with their origin. */
export function ExtraFieldsPanel({ requestTypeId, language, canWrite, refreshKey, onChanged }: Props) {
  const { t } = useTranslation();
  const list = useOrderedList<ExtraFieldAdminRow, ExtraFieldDefinition>({ calls: FIELD_CALLS, requestTypeId, refreshKey, onChanged, deletedMessage: t('adminTypes.fields.deleted') });
  // Only the type's own fields are ordered here; inherited ones keep their parent's order.
  const own = list.rows?.filter((r) => !r.inheritedFrom) ?? [];

  return (
    <OrderedListFrame
      list={list}
      testid="rt-fields"
      hint={t('adminTypes.fields.hint')}
      canWrite={canWrite}
      addLabel={t('adminTypes.fields.add')}
      addTestid="rt-field-add"
      emptyText={t('adminTypes.fields.none')}
      editorTitle={{ create: t('adminTypes.fields.newTitle'), edit: t('adminTypes.fields.editTitle') }}
      editorSize="lg"
      editor={(field) => <FieldForm requestTypeId={requestTypeId} field={field} onDone={list.saved} onCancel={list.closeEditor} />}
      deleteTitle={t('adminTypes.fields.deleteTitle')}
      deleteBody={(r) => t('adminTypes.fields.deleteConfirm', { label: r?.labels[language] ?? '' })}
      footer={
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
      }
      table={(rows) => (
        // Five status columns and the actions need ~560 px: narrower panels scroll sideways
        // instead of cutting the last columns off.
        <Table.ScrollContainer minWidth={560} type="native">
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
                        <Text size="xs" c="dimmed" truncate maw={220}>
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
                          <RowActions
                            busy={list.busy}
                            first={ownIndex <= 0}
                            last={ownIndex >= own.length - 1}
                            onMove={(by) => void list.move(own, ownIndex, by)}
                            onEdit={() => list.openEdit(r)}
                            onDelete={() => list.askDelete(r)}
                            editTestid={`rt-field-edit-${r.labels.en}`}
                          />
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    />
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

  return (
    <DialogForm testid="rt-field-form" onSave={() => void save()} error={errors.form}>
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
          <DialogButtons saving={saving} onCancel={onCancel} onSave={() => void save()} saveTestid="rt-fieldform-save" />
        </Group>
      </Group>
    </DialogForm>
  );
}
