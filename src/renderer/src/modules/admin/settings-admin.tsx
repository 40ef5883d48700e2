import { Alert, Badge, Button, Group, Kbd, Loader, NumberInput, Paper, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OPERATION_LOG_LEVELS, type OperationLogLevel } from '../../../../shared/api/schemas';
import type { Me, Settings } from '../../../../shared/api/types';
import { allows } from '../../../../shared/domain/permissions';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { errorsOf, type FieldErrors } from './common/field-errors';

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
}

/** The limit as the administrator would say it: whole gigabytes in GB, anything else in MB. */
function draftOf(s: Settings): Draft {
  const inGb = s.attachmentMaxBytes >= GB && s.attachmentMaxBytes % GB === 0;
  return {
    operationLogLevel: s.operationLogLevel,
    sessionIdleMinutes: s.sessionIdleMinutes,
    size: inGb ? s.attachmentMaxBytes / GB : Math.round((s.attachmentMaxBytes / MB) * 100) / 100,
    unit: inGb ? 'GB' : 'MB',
  };
}

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

/** Settings: the operation log level, the idle time that ends a session, the attachment size limit. */
export function SettingsAdmin({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const canWrite = allows(me.rights, 'admin', 'write');
  const [stored, setStored] = useState<Settings | null>(null);
  const [d, setD] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(() => {
    api.call('settings.get', {}).then(
      (s) => {
        setStored(s);
        setD(draftOf(s));
      },
      (e: unknown) => setLoadError(toCallError(e).message),
    );
  }, [api]);
  useEffect(() => load(), [load]);

  if (loadError)
    return (
      <Alert color="red" p="xs" mt="xs" data-testid="settings-error">
        <Group gap="xs" justify="space-between">
          <Text size="sm">{t('admin.common.loadFailed', { reason: loadError })}</Text>
          <Button
            size="compact-xs"
            variant="light"
            color="red"
            onClick={() => {
              setLoadError(null);
              load();
            }}
          >
            {t('admin.common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  if (!d || !stored) return <Loader size="sm" mt="md" />;

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => (x ? { ...x, [k]: v } : x));
    setErrors((e) => ({ ...e, [k]: '' }));
  };
  const bytes = typeof d.size === 'number' ? Math.round(d.size * (d.unit === 'GB' ? GB : MB)) : NaN;
  const dirty = JSON.stringify(d) !== JSON.stringify(draftOf(stored));
  const idle = typeof d.sessionIdleMinutes === 'number' ? d.sessionIdleMinutes : NaN;

  const save = async () => {
    const e: FieldErrors = {};
    if (!Number.isInteger(idle) || idle < MIN_IDLE || idle > MAX_IDLE) e.sessionIdleMinutes = t('admin.settings.errors.idle');
    if (!Number.isFinite(bytes) || bytes < MB || bytes > GB) e.size = t('admin.settings.errors.size');
    setErrors(e);
    if (Object.values(e).some(Boolean)) {
      setFormError(t('admin.errors.fix'));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const s = await api.call('settings.update', { operationLogLevel: d.operationLogLevel, sessionIdleMinutes: idle, attachmentMaxBytes: bytes });
      setStored(s);
      setD(draftOf(s));
      notifications.show({ color: 'teal', message: t('admin.settings.saved'), autoClose: 2500 });
    } catch (err) {
      const r = errorsOf(t, toCallError(err));
      setErrors({ sessionIdleMinutes: r.fields.sessionIdleMinutes ?? '', size: r.fields.attachmentMaxBytes ?? '' });
      setFormError(r.form);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (canWrite && !saving) void save();
    }
  };
  const num = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });

  return (
    <form
      className="adm-settings"
      data-testid="admin-settings"
      onKeyDown={onKeyDown}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (canWrite && !saving) void save();
      }}
    >
      <Group justify="space-between" align="flex-start" mb="sm" mt={6}>
        <div>
          <Text fw={600} size="sm">
            {t('admin.tabs.settings')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('admin.settings.description')}
          </Text>
        </div>
        {dirty && (
          <Badge size="xs" color="orange" variant="light">
            {t('admin.common.unsaved')}
          </Badge>
        )}
      </Group>
      {!canWrite && (
        <Alert color="gray" p="xs" mb="xs">
          {t('admin.common.readOnly')}
        </Alert>
      )}
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
          <Paper withBorder p="sm" radius="sm">
            <Group align="flex-end" gap="xs">
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
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t('admin.settings.sessionIdleHint')}
            </Text>
          </Paper>
          <Paper withBorder p="sm" radius="sm">
            <Group align="flex-end" gap="xs">
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
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t('admin.settings.attachmentMaxHint')}
            </Text>
          </Paper>
        </Stack>
      </fieldset>
      {formError && (
        <Alert color="red" p="xs" mt="sm" data-testid="settings-form-error">
          {formError}
        </Alert>
      )}
      {canWrite && (
        <Group justify="flex-end" mt="sm">
          <Button size="xs" variant="default" disabled={!dirty} onClick={() => setD(draftOf(stored))}>
            {t('admin.common.cancel')}
          </Button>
          <Button size="xs" type="submit" loading={saving} disabled={!dirty} leftSection={<IconDeviceFloppy size={14} />} rightSection={<Kbd size="xs">Ctrl+S</Kbd>} data-testid="settings-save">
            {t('admin.common.save')}
          </Button>
        </Group>
      )}
    </form>
  );
}
