import { Group, Loader, NumberInput, Paper, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { FormError, ReadOnlyNote, SaveButtons, SaveForm, UnsavedBadge } from '../../kit/editor/editor-parts';
import type { FieldErrors } from '../../kit/editor/field-errors';
import { LoadFailed } from '../../kit/editor/load-failed';
import { useRecordEditor } from '../../kit/editor/use-record-editor';
import { OPERATION_LOG_LEVELS, type OperationLogLevel } from '../../../../shared/api/settings';
import type { Me } from '../../../../shared/api/auth';
import type { Settings } from '../../../../shared/api/settings';
import { RecordingSettings, recordingDraftOf, recordingErrors, recordingPatch, type RecordingDraft } from './recording-settings';
import { ScheduleSettingsBox, scheduleDraftOf, scheduleErrors, schedulePatch, type ScheduleDraft } from './schedule-settings';

const MB = 1024 * 1024;
const GB = 1024 * MB;
const MIN_IDLE = 5;
const MAX_IDLE = 24 * 60;

type Unit = 'MB' | 'GB';

interface Draft {
  operationLogLevel: OperationLogLevel;
  sessionIdleMinutes: number | string;
  size: number | string;
  unit: Unit;
  phoneRegion: string;
  /** One SIP WebSocket URL per line. */
  telephonyServers: string;
  recording: RecordingDraft;
  schedule: ScheduleDraft;
}

/** The limit as the administrator would say it: whole gigabytes in GB, anything else in MB. */
function draftOf(s: Settings): Draft {
  const inGb = s.attachmentMaxBytes >= GB && s.attachmentMaxBytes % GB === 0;
  return {
    operationLogLevel: s.operationLogLevel,
    sessionIdleMinutes: s.sessionIdleMinutes,
    size: inGb ? s.attachmentMaxBytes / GB : Math.round((s.attachmentMaxBytes / MB) * 100) / 100,
    unit: inGb ? 'GB' : 'MB',
    phoneRegion: s.phoneRegion,
    telephonyServers: s.telephonyServers.join('\n'),
    recording: recordingDraftOf(s),
    schedule: scheduleDraftOf(s.schedule),
  };
}

const serversOf = (d: Draft) => d.telephonyServers.split('\n').map((x) => x.trim()).filter(Boolean);

function levelLabel(t: TFunction, l: OperationLogLevel): string {
  switch (l) {
    case 'basic':
      return t('admin.settings.levels.basic');
    case 'advanced':
      return t('admin.settings.levels.advanced');
    case 'detailed':
      return t('admin.settings.levels.detailed');
  }
}

function levelHelp(t: TFunction, l: OperationLogLevel): string {
  switch (l) {
    case 'basic':
      return t('admin.settings.levelHelp.basic');
    case 'advanced':
      return t('admin.settings.levelHelp.advanced');
    case 'detailed':
      return t('admin.settings.levelHelp.detailed');
  }
}

/** Settings: the operation log level, the idle time that ends a session, the attachment size limit, telephony and recording. */
export function SettingsAdmin({ me }: { me: Me }) {
  const api = useApi();
  const [stored, setStored] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.call('settings.get', {}).then(setStored, (e: unknown) => setLoadError(toCallError(e).message));
  }, [api]);
  useEffect(() => load(), [load]);

  if (loadError)
    return (
      <LoadFailed
        reason={loadError}
        onRetry={() => {
          setLoadError(null);
          load();
        }}
        testid="settings-error"
        mt="xs"
      />
    );
  if (!stored) return <Loader size="sm" mt="md" />;
  return <SettingsForm stored={stored} canWrite={allows(me.rights, 'admin', 'write')} />;
}

/** One setting typed as a number: the input with what it amounts to beside it, the explanation below. */
function NumberBox({ hint, children }: { hint: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Group align="flex-end" gap="xs">
        {children}
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {hint}
      </Text>
    </Paper>
  );
}

const bytesOf = (d: Draft) => (typeof d.size === 'number' ? Math.round(d.size * (d.unit === 'GB' ? GB : MB)) : NaN);
const idleOf = (d: Draft) => (typeof d.sessionIdleMinutes === 'number' ? d.sessionIdleMinutes : NaN);

function SettingsForm({ stored, canWrite }: { stored: Settings; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const editor = useRecordEditor({
    initial: () => draftOf(stored),
    validate: (d: Draft) => {
      const e: FieldErrors = {};
      const idle = idleOf(d);
      const bytes = bytesOf(d);
      if (!Number.isInteger(idle) || idle < MIN_IDLE || idle > MAX_IDLE) e.sessionIdleMinutes = t('admin.settings.errors.idle');
      if (!Number.isFinite(bytes) || bytes < MB || bytes > GB) e.size = t('admin.settings.errors.size');
      if (!/^[A-Z]{2}$/.test(d.phoneRegion.trim().toUpperCase())) e.phoneRegion = t('admin.settings.regionInvalid');
      return { ...e, ...recordingErrors(d.recording, t), ...scheduleErrors(d.schedule, t) };
    },
    write: (d) =>
      api.call('settings.update', {
        operationLogLevel: d.operationLogLevel,
        sessionIdleMinutes: idleOf(d),
        attachmentMaxBytes: bytesOf(d),
        phoneRegion: d.phoneRegion.trim().toUpperCase(),
        telephonyServers: serversOf(d),
        ...recordingPatch(d.recording),
        schedule: schedulePatch(d.schedule),
      }),
    // The form goes on from what main stored (it may round the size).
    onSaved: (s) => editor.reset(draftOf(s)),
    // The size is sent in bytes: main's message about it belongs under the size.
    fieldsOf: (f) => ({
      sessionIdleMinutes: f.sessionIdleMinutes ?? '',
      size: f.attachmentMaxBytes ?? '',
      phoneRegion: f.phoneRegion ?? '',
      // "telephonyServers.1": the second line is the one refused.
      telephonyServers: Object.entries(f).find(([k]) => k.startsWith('telephonyServers'))?.[1] ?? '',
      // The recording section's fields are named as main names them.
      ...Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('record') || k.startsWith('scorecard') || k.startsWith('schedule'))),
    }),
    savedMessage: t('admin.settings.saved'),
    savedAutoClose: 2500,
  });
  const { draft: d, set, errors, dirty } = editor;
  const idle = idleOf(d);
  const bytes = bytesOf(d);
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });

  return (
    <SaveForm className="adm-settings" testid="admin-settings" editor={editor} canWrite={canWrite}>
      <Group justify="space-between" align="flex-start" mb="sm" mt={6}>
        <div>
          <Text fw={600} size="sm">
            {t('admin.tabs.settings')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('admin.settings.description')}
          </Text>
        </div>
        <UnsavedBadge dirty={dirty} />
      </Group>
      <ReadOnlyNote canWrite={canWrite} />
      <fieldset disabled={!canWrite} className="adm-fieldset">
        <Stack gap="md">
          <Paper withBorder p="sm" radius="sm">
            <Radio.Group
              label={t('admin.settings.auditLevel')}
              description={t('admin.settings.auditLevelHint')}
              value={d.operationLogLevel}
              onChange={(v) => set('operationLogLevel', v)}
              data-testid="settings-auditLevel"
            >
              <Stack gap={8} mt="xs">
                {OPERATION_LOG_LEVELS.map((l) => (
                  <Radio key={l} value={l} label={levelLabel(t, l)} description={levelHelp(t, l)} data-testid={`settings-level-${l}`} />
                ))}
              </Stack>
            </Radio.Group>
          </Paper>
          <NumberBox hint={t('admin.settings.sessionIdleHint')}>
              <NumberInput
                size="xs"
                w={160}
                label={t('admin.settings.sessionIdle')}
                value={d.sessionIdleMinutes}
                onChange={(v) => set('sessionIdleMinutes', v)}
                min={MIN_IDLE}
                max={MAX_IDLE}
                allowDecimal={false}
                allowNegative={false}
                rightSection={<Text size="xs" c="dimmed">{t('admin.settings.minutes')}</Text>}
                rightSectionWidth={36}
                error={errors.sessionIdleMinutes}
                data-testid="settings-idle"
              />
              {Number.isInteger(idle) && idle >= 60 && (
                <Text size="xs" c="dimmed" pb={6}>
                  {t('admin.settings.idleHours', { hours: Math.floor(idle / 60), minutes: idle % 60 })}
                </Text>
              )}
          </NumberBox>
          <NumberBox hint={t('admin.settings.attachmentMaxHint')}>
              <NumberInput
                size="xs"
                w={160}
                label={t('admin.settings.attachmentMax')}
                value={d.size}
                onChange={(v) => set('size', v)}
                min={0}
                decimalScale={2}
                allowNegative={false}
                error={errors.size}
                data-testid="settings-size"
              />
              <Select
                size="xs"
                w={80}
                aria-label={t('admin.settings.attachmentMax')}
                data={[
                  { value: 'MB', label: t('admin.settings.unitMB') },
                  { value: 'GB', label: t('admin.settings.unitGB') },
                ]}
                value={d.unit}
                onChange={(v) => v && set('unit', v)}
                allowDeselect={false}
                data-testid="settings-unit"
                mb={errors.size ? 22 : 0}
              />
              {Number.isFinite(bytes) && (
                <Text size="xs" c="dimmed" pb={6} data-testid="settings-bytes">
                  = {num.format(bytes / MB)} {t('admin.settings.unitMB')}
                </Text>
              )}
          </NumberBox>
          <Paper withBorder p="sm" radius="sm" data-testid="settings-telephony">
            <Text size="sm" fw={500} mb={6}>
              {t('admin.settings.telephony')}
            </Text>
            <Stack gap="xs">
              <TextInput
                size="xs"
                w={160}
                label={t('admin.settings.phoneRegion')}
                description={t('admin.settings.phoneRegionHint')}
                value={d.phoneRegion}
                onChange={(e) => set('phoneRegion', e.currentTarget.value.toUpperCase())}
                maxLength={2}
                error={errors.phoneRegion}
                data-testid="settings-phone-region"
                styles={{ root: { width: '100%' }, input: { width: 80 } }}
              />
              <Textarea
                size="xs"
                label={t('admin.settings.telephonyServers')}
                description={t('admin.settings.telephonyServersHint')}
                placeholder="wss://pbx.example.com:8089/ws"
                autosize
                minRows={2}
                maxRows={6}
                value={d.telephonyServers}
                onChange={(e) => set('telephonyServers', e.currentTarget.value)}
                error={errors.telephonyServers}
                data-testid="settings-telephony-servers"
              />
            </Stack>
          </Paper>
          <ScheduleSettingsBox value={d.schedule} onChange={(v) => set('schedule', v)} errors={errors} />
          <RecordingSettings value={d.recording} onChange={(r) => set('recording', r)} errors={errors} />
        </Stack>
      </fieldset>
      <FormError error={editor.formError} testid="settings-form-error" />
      {canWrite && (
        <Group justify="flex-end" mt="sm">
          <SaveButtons saving={editor.saving} disabled={!dirty} onCancel={() => editor.reset()} saveTestid="settings-save" />
        </Group>
      )}
    </SaveForm>
  );
}
