import { Group, NumberInput, SegmentedControl, Select, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../shared/i18n/languages';
import { CODE_MAX, DESCRIPTION_MAX, NAME_MAX } from '../../../../shared/api/request-types';
import type { TypeErrors, TypeFieldKey, TypeForm } from './model';

interface Props {
  form: TypeForm;
  errors: TypeErrors;
  readOnly: boolean;
  /** The level the type lands on under the chosen parent (1 to 3). */
  level: number;
  parentOptions: readonly { value: string; label: string; disabled?: boolean }[];
  teams: readonly { id: string; name: string }[];
  set: <K extends keyof TypeForm>(k: K, v: TypeForm[K], errorKey?: TypeFieldKey) => void;
  setName: (language: Language, value: string) => void;
}

/** The request type's own fields: code, parent, the four names, order, team, description, priority, active, portal. */
export function TypeFields({ form, errors, readOnly, level, parentOptions, teams, set, setName }: Props) {
  const { t } = useTranslation();
  return (
      <div className="rta-grid">
        <TextInput
          size="xs"
          label={t('adminTypes.editor.code')}
          description={t('adminTypes.editor.codeHint')}
          value={form.code}
          onChange={(e) => set('code', e.currentTarget.value)}
          error={errors.code}
          readOnly={readOnly}
          withAsterisk
          maxLength={CODE_MAX + 10}
          spellCheck={false}
          className="rta-mono"
          data-testid="rt-field-code"
        />
        <Select
          size="xs"
          label={t('adminTypes.editor.parent')}
          description={t('adminTypes.editor.level', { level })}
          data={parentOptions}
          value={form.parentId ?? ''}
          onChange={(v) => set('parentId', v ? v : null)}
          error={errors.parentId}
          readOnly={readOnly}
          searchable
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          maxDropdownHeight={320}
          data-testid="rt-field-parent"
        />
        {LANGUAGES.map((l) => (
          <TextInput
            key={l}
            size="xs"
            label={t('adminTypes.editor.nameIn', { language: LANGUAGE_NAMES[l] })}
            value={form.names[l]}
            onChange={(e) => setName(l, e.currentTarget.value)}
            error={errors[`names.${l}`]}
            readOnly={readOnly}
            withAsterisk
            maxLength={NAME_MAX + 10}
            lang={l}
            data-testid={`rt-field-name-${l}`}
          />
        ))}
        <NumberInput
          size="xs"
          label={t('adminTypes.editor.sequence')}
          description={t('adminTypes.editor.sequenceHint')}
          value={form.sequence}
          onChange={(v) => set('sequence', typeof v === 'number' ? v : Number.parseInt(v, 10) || 0)}
          error={errors.sequence}
          readOnly={readOnly}
          min={0}
          max={100_000}
          step={10}
          allowDecimal={false}
          data-testid="rt-field-sequence"
        />
        <Select
          size="xs"
          label={t('adminTypes.editor.team')}
          description={t('adminTypes.editor.teamHint')}
          placeholder={t('adminTypes.editor.noTeam')}
          data={teams.map((x) => ({ value: x.id, label: x.name }))}
          value={form.responsibleTeamId}
          onChange={(v) => set('responsibleTeamId', v)}
          error={errors.responsibleTeamId}
          readOnly={readOnly}
          clearable
          searchable
          data-testid="rt-field-team"
        />
        <Textarea
          size="xs"
          className="rta-span2"
          label={t('adminTypes.editor.description')}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={DESCRIPTION_MAX + 10}
          data-testid="rt-field-description"
        />
        <div>
          <Text size="xs" fw={500} mb={4}>
            {t('adminTypes.editor.priority')}
          </Text>
          <SegmentedControl
            size="xs"
            value={String(form.defaultPriority)}
            onChange={(v) => set('defaultPriority', Number(v) as 1 | 2 | 3)}
            readOnly={readOnly}
            data={[
              { value: '1', label: t('adminTypes.priority.low') },
              { value: '2', label: t('adminTypes.priority.medium') },
              { value: '3', label: t('adminTypes.priority.high') },
            ]}
            data-testid="rt-field-priority"
          />
        </div>
        <Group gap="lg" align="flex-end" pb={4}>
          <Switch
            size="xs"
            label={t('adminTypes.editor.active')}
            checked={form.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
            error={errors.active}
            disabled={readOnly}
            data-testid="rt-field-active"
          />
          <Switch
            size="xs"
            label={t('adminTypes.editor.onPortal')}
            checked={form.onPortal}
            onChange={(e) => set('onPortal', e.currentTarget.checked)}
            disabled={readOnly}
            data-testid="rt-field-portal"
          />
          <Switch
            size="xs"
            label={t('adminTypes.editor.recordCalls')}
            checked={form.recordCalls}
            onChange={(e) => set('recordCalls', e.currentTarget.checked)}
            disabled={readOnly}
            data-testid="rt-field-record"
          />
          <Switch
            size="xs"
            label={t('adminTypes.editor.mailClient')}
            checked={form.mailClient}
            onChange={(e) => set('mailClient', e.currentTarget.checked)}
            disabled={readOnly}
            data-testid="rt-field-mail-client"
          />
        </Group>
      </div>
  );
}
