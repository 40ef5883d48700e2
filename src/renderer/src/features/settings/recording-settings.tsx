import { ActionIcon, Button, Group, MultiSelect, NumberInput, Paper, Radio, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/api/settings';
import { useApi } from '../../api/context';
import type { FieldErrors } from '../../kit/editor/field-errors';

/*
 * Recorded conversations in Administration → Settings: which calls are recorded (none, every
 * call, the chosen operators'), how long recordings are kept, and the quality scorecard
 * supervisors score them with (weighted criteria and a pass mark).
 */

export interface RecordingDraft {
  recordCalls: Settings['recordCalls'];
  recordUsers: string[];
  retentionDays: number | string;
  criteria: { id: string; label: string; weight: number | string }[];
  passMark: number | string;
}

export function recordingDraftOf(s: Settings): RecordingDraft {
  return {
    recordCalls: s.recordCalls,
    recordUsers: s.recordUsers,
    retentionDays: s.recordingRetentionDays,
    criteria: s.scorecard.criteria.map((c) => ({ ...c })),
    passMark: s.scorecard.passMark,
  };
}

const whole = (v: number | string, min: number, max: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : null);

/** Field messages of the draft (keys as main names them, so main's own land in the same place). */
export function recordingErrors(r: RecordingDraft, t: TFunction): FieldErrors {
  const e: FieldErrors = {};
  if (whole(r.retentionDays, 1, 3650) === null) e.recordingRetentionDays = t('admin.settings.recording.errors.retention');
  if (whole(r.passMark, 0, 100) === null) e['scorecard.passMark'] = t('admin.settings.recording.errors.passMark');
  if (r.recordCalls === 'users' && r.recordUsers.length === 0) e.recordUsers = t('admin.settings.recording.errors.users');
  r.criteria.forEach((c, i) => {
    if (!c.label.trim()) e[`scorecard.criteria.${i}.label`] = t('admin.settings.recording.errors.label');
    if (whole(c.weight, 1, 100) === null) e[`scorecard.criteria.${i}.weight`] = t('admin.settings.recording.errors.weight');
  });
  return e;
}

/** What settings.update takes from the draft (valid by then). */
export function recordingPatch(r: RecordingDraft): Pick<Settings, 'recordCalls' | 'recordUsers' | 'recordingRetentionDays' | 'scorecard'> {
  return {
    recordCalls: r.recordCalls,
    recordUsers: r.recordUsers,
    recordingRetentionDays: Number(r.retentionDays),
    scorecard: { criteria: r.criteria.map((c) => ({ id: c.id, label: c.label.trim(), weight: Number(c.weight) })), passMark: Number(r.passMark) },
  };
}

/** Five usual criteria in the user's language, as a starting point (the ids the defaults have). */
function suggestedCriteria(t: TFunction): RecordingDraft['criteria'] {
  return [
    { id: 'greeting', label: t('admin.settings.recording.suggested.greeting'), weight: 10 },
    { id: 'request', label: t('admin.settings.recording.suggested.request'), weight: 30 },
    { id: 'information', label: t('admin.settings.recording.suggested.information'), weight: 25 },
    { id: 'recorded', label: t('admin.settings.recording.suggested.recorded'), weight: 25 },
    { id: 'closing', label: t('admin.settings.recording.suggested.closing'), weight: 10 },
  ];
}

/** A new criterion's id: stable once given (scores keep it), never shown. */
function newId(taken: readonly { id: string }[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.some((c) => c.id === `c${n}`)) return `c${n}`;
}

export function RecordingSettings({ value, onChange, errors }: { value: RecordingDraft; onChange: (r: RecordingDraft) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const api = useApi();
  const [users, setUsers] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let live = true;
    api.call('admin.users.list', {}).then(
      (rows) => live && setUsers(rows.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const set = (patch: Partial<RecordingDraft>) => onChange({ ...value, ...patch });
  const setCriterion = (i: number, patch: Partial<RecordingDraft['criteria'][number]>) => set({ criteria: value.criteria.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const totalWeight = value.criteria.reduce((n, c) => n + (typeof c.weight === 'number' ? c.weight : 0), 0);

  return (
    <Paper withBorder p="sm" radius="sm" data-testid="settings-recording">
      <Text size="sm" fw={500} mb={6}>
        {t('admin.settings.recording.title')}
      </Text>
      <Stack gap="sm">
        <Radio.Group size="xs" label={t('admin.settings.recording.which')} value={value.recordCalls} onChange={(v) => set({ recordCalls: v })}>
          <Group gap="md" mt={6}>
            <Radio value="off" label={t('admin.settings.recording.off')} data-testid="settings-record-off" />
            <Radio value="all" label={t('admin.settings.recording.all')} data-testid="settings-record-all" />
            <Radio value="users" label={t('admin.settings.recording.users')} data-testid="settings-record-users" />
          </Group>
        </Radio.Group>
        <Text size="xs" c="dimmed" mt={-6} data-testid="settings-record-by-type">
          {t('admin.settings.recording.byType')}
        </Text>
        {value.recordCalls === 'users' && (
          <MultiSelect
            size="xs"
            label={t('admin.settings.recording.whose')}
            data={users}
            value={value.recordUsers}
            onChange={(v) => set({ recordUsers: v })}
            searchable
            error={errors.recordUsers}
            data-testid="settings-record-who"
          />
        )}
        <NumberInput
          size="xs"
          label={t('admin.settings.recording.retention')}
          description={t('admin.settings.recording.retentionHint')}
          value={value.retentionDays}
          onChange={(v) => set({ retentionDays: v })}
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          error={errors.recordingRetentionDays}
          data-testid="settings-retention"
          styles={{ root: { width: '100%' }, wrapper: { width: 120 } }}
        />
        <div>
          <Text size="sm" fw={500}>
            {t('admin.settings.recording.scorecard')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('admin.settings.recording.scorecardHint')}
          </Text>
          <Table withRowBorders={false} verticalSpacing={2} mt={4} data-testid="settings-criteria">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.settings.recording.criterion')}</Table.Th>
                <Table.Th w={110}>{t('admin.settings.recording.weight')}</Table.Th>
                <Table.Th w={70}>{t('admin.settings.recording.share')}</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {value.criteria.map((c, i) => (
                <Table.Tr key={c.id} data-testid="settings-criterion">
                  <Table.Td>
                    <TextInput size="xs" aria-label={t('admin.settings.recording.criterion')} value={c.label} maxLength={120} onChange={(e) => setCriterion(i, { label: e.currentTarget.value })} error={errors[`scorecard.criteria.${i}.label`]} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" aria-label={t('admin.settings.recording.weight')} value={c.weight} min={1} max={100} allowDecimal={false} allowNegative={false} onChange={(v) => setCriterion(i, { weight: v })} error={errors[`scorecard.criteria.${i}.weight`]} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {typeof c.weight === 'number' && totalWeight > 0 ? `${Math.round((c.weight / totalWeight) * 100)}%` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="gray" disabled={value.criteria.length <= 1} onClick={() => set({ criteria: value.criteria.filter((_, j) => j !== i) })} aria-label={t('admin.settings.recording.remove')}>
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group gap="xs" align="flex-end" mt={6}>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={14} />}
              disabled={value.criteria.length >= 30}
              onClick={() => set({ criteria: [...value.criteria, { id: newId(value.criteria), label: '', weight: 10 }] })}
              data-testid="settings-criterion-add"
            >
              {t('admin.settings.recording.add')}
            </Button>
            <Tooltip label={t('admin.settings.recording.suggestHint')} multiline w={260}>
              <Button size="xs" variant="subtle" onClick={() => set({ criteria: suggestedCriteria(t) })} data-testid="settings-criteria-suggested">
                {t('admin.settings.recording.suggest')}
              </Button>
            </Tooltip>
            <div style={{ flex: 1 }} />
            <NumberInput
              size="xs"
              w={160}
              label={t('admin.settings.recording.passMark')}
              value={value.passMark}
              onChange={(v) => set({ passMark: v })}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              rightSection={<Text size="xs" c="dimmed">%</Text>}
              error={errors['scorecard.passMark']}
              data-testid="settings-pass-mark"
            />
          </Group>
        </div>
      </Stack>
    </Paper>
  );
}
