import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientAsset } from '../../../../shared/api/catalogue';
import type { ContactRow } from '../../../../shared/api/clients';
import type { ServiceContract } from '../../../../shared/api/contracts';
import type { InterventionLookups } from '../../../../shared/api/interventions';
import { CONTRACT_INTERVALS, ruleProblem } from '../../../../shared/domain/contract-schedule';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { localDay } from '../../api/host-clock';
import { errorText } from '../../i18n/error-text';
import { DayField } from '../../kit/date-fields';
import { priorityLabel } from '../../kit/labels';
import { contractFormOf, contractValues, errorsFromIssues, formRule, newContractForm, type ContractErrors, type ContractForm } from './contract-model';
import { dayText } from '../../kit/day-text';
import { intervalLabel, monthName, weekdayName } from './schedule-text';

interface Props {
  /** The contract to edit, or null for a new one. */
  contract: ServiceContract | null;
  /** A new contract's client (from the client card). */
  client?: { id: string; name: string } | null;
  lookups: InterventionLookups | null;
  canWrite: boolean;
  onClose: (saved: ServiceContract | null) => void;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A service contract, new or edited, over the screen: client and what is serviced, the request
 * type and team its visits get, the schedule (an interval or any RRULE) with its next visits
 * shown as it is typed, and how far ahead each visit becomes an intervention.
 */
export function ContractFormDialog({ contract, client = null, lookups, canWrite, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const scheduled = lookups?.requestTypes.find((r) => r.code === 'MNT-SCH')?.id ?? null;
  const [form, setForm] = useState<ContractForm>(() => (contract ? contractFormOf(contract) : newContractForm(localDay(), client, scheduled)));
  const [errors, setErrors] = useState<ContractErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [clientSearch, setClientSearch] = useState('');
  const [clients, setClients] = useState<{ value: string; label: string }[]>([]);
  const [contacts, setContacts] = useState<ContactRow[]>([]);
  const [assets, setAssets] = useState<ClientAsset[]>([]);
  const [preview, setPreview] = useState<string[] | null>(null);
  const set = <K extends keyof ContractForm>(key: K, value: ContractForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  // A new contract's visits are "Scheduled service" until another type is chosen (the lists may come after the form).
  const requestTypeId = form.requestTypeId ?? (contract ? null : scheduled);

  // Clients searched as the user types (the chosen one stays listed).
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.call('clients.list', { query: clientSearch.trim() || undefined, limit: 30 }).then(
        (rows) => live && setClients(rows.map((r) => ({ value: r.id, label: r.name }))),
        () => live && setClients([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, clientSearch]);
  const clientOptions = useMemo(
    () => (form.clientId && !clients.some((c) => c.value === form.clientId) ? [{ value: form.clientId, label: form.clientName }, ...clients] : clients),
    [clients, form.clientId, form.clientName],
  );

  // The chosen client's contacts and assets.
  useEffect(() => {
    if (!form.clientId) return;
    let live = true;
    api.call('clients.get', { id: form.clientId }).then((d) => live && setContacts(d.contacts), () => live && setContacts([]));
    api.call('clients.assets', { clientId: form.clientId }).then((a) => live && setAssets(a), () => live && setAssets([]));
    return () => {
      live = false;
    };
  }, [api, form.clientId]);

  // The next visits of the schedule as typed (main computes them: the same code the generator runs).
  const rule = formRule(form);
  const problem = form.interval === 'custom' && form.rule.trim() ? ruleProblem(rule) : null;
  useEffect(() => {
    if (!form.startDate || (form.interval === 'custom' && (!form.rule.trim() || ruleProblem(rule)))) return;
    let live = true;
    const timer = setTimeout(() => {
      api.call('contracts.occurrences', { rule, startDate: form.startDate!, endDate: form.endDate, count: 4 }).then(
        (days) => live && setPreview(days),
        () => live && setPreview(null),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, rule, form.startDate, form.endDate, form.interval, form.rule]);

  const save = async () => {
    const { values, errors: missing } = contractValues({ ...form, requestTypeId }, t('contracts.form.required'));
    const timeError = TIME.test(form.visitTime) ? {} : { visitTime: t('contracts.form.badTime') };
    setErrors({ ...missing, ...timeError });
    if (!values || Object.keys(timeError).length > 0) return;
    setSaving(true);
    setFailure(null);
    try {
      const saved = contract ? await api.call('contracts.update', { id: contract.id, version: contract.version, ...values }) : await api.call('contracts.create', values);
      notifications.show({ message: t('contracts.form.saved'), color: 'teal' });
      onClose(saved);
    } catch (e) {
      const err = toCallError(e);
      if (err.issues.length > 0) setErrors(errorsFromIssues(err.issues, form.interval));
      setFailure(err.code === 'validation' ? t('errors.validation') : `${errorText(t, err.code)} ${err.message}`);
    } finally {
      setSaving(false);
    }
  };

  const readOnly = !canWrite;
  const typeOptions = (lookups?.requestTypes ?? []).map((r) => ({ value: r.id, label: r.name }));
  const depth = new Map((lookups?.requestTypes ?? []).map((r) => [r.id, r.depth]));
  const teamOptions = (lookups?.teams ?? []).map((r) => ({ value: r.id, label: r.name }));
  const dayOptions = form.interval === 'weekly'
    ? Array.from({ length: 7 }, (_, i) => ({ value: String(i + 1), label: weekdayName(i18n.language, i + 1) }))
    : Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

  return (
    <Modal
      opened
      onClose={() => onClose(null)}
      title={contract ? `${t('contracts.form.titleEdit')}: ${contract.name}` : t('contracts.form.titleNew')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        data-testid="contract-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <Stack gap="xs">
          {failure && (
            <Alert color="red" p={6} data-testid="contract-form-error">
              {failure}
            </Alert>
          )}
          <TextInput label={t('contracts.form.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} readOnly={readOnly} required data-autofocus data-testid="contract-name" />
          <SimpleGrid cols={2} spacing="xs">
            <Select
              label={t('contracts.form.client')}
              placeholder={t('contracts.form.clientPlaceholder')}
              data={clientOptions}
              value={form.clientId}
              searchable
              searchValue={clientSearch}
              onSearchChange={setClientSearch}
              onChange={(id, option) => setForm((f) => ({ ...f, clientId: id, clientName: option?.label ?? '', contactPersonId: null, assetId: null }))}
              error={errors.clientId}
              readOnly={readOnly}
              required
              filter={({ options }) => options}
              nothingFoundMessage="—"
              data-testid="contract-client"
            />
            <Select
              label={t('contracts.form.contact')}
              data={contacts.map((c) => ({ value: c.id, label: c.name }))}
              value={form.contactPersonId}
              onChange={(v) => set('contactPersonId', v)}
              error={errors.contactPersonId}
              readOnly={readOnly}
              clearable
              disabled={!form.clientId}
              data-testid="contract-contact"
            />
            <Select
              label={t('contracts.form.asset')}
              placeholder={t('contracts.form.noAsset')}
              data={assets.map((a) => ({ value: a.id, label: [a.productName, a.serial].filter(Boolean).join(' · ') }))}
              value={form.assetId}
              onChange={(v) => set('assetId', v)}
              error={errors.assetId}
              readOnly={readOnly}
              clearable
              disabled={!form.clientId || assets.length === 0}
              data-testid="contract-asset"
            />
            <TextInput label={t('contracts.form.object')} value={form.objectText} onChange={(e) => set('objectText', e.currentTarget.value)} error={errors.objectText} readOnly={readOnly} disabled={form.assetId !== null} data-testid="contract-object" />
            <Select
              label={t('contracts.form.requestType')}
              data={typeOptions}
              value={requestTypeId}
              onChange={(v) => set('requestTypeId', v)}
              // The tree shows in the list by indent; the field shows the name alone.
              renderOption={({ option }) => <span style={{ paddingInlineStart: (depth.get(option.value) ?? 0) * 14 }}>{option.label}</span>}
              error={errors.requestTypeId}
              readOnly={readOnly}
              searchable
              required
              data-testid="contract-request-type"
            />
            <Select label={t('contracts.form.team')} data={teamOptions} value={form.teamId} onChange={(v) => set('teamId', v)} error={errors.teamId} readOnly={readOnly} clearable data-testid="contract-team" />
          </SimpleGrid>
          <Group gap="xl" align="flex-start">
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('contracts.form.priority')}
              </Text>
              <SegmentedControl
                size="xs"
                value={String(form.priority)}
                onChange={(v) => set('priority', Number(v) as 1 | 2 | 3)}
                data={([1, 2, 3] as const).map((p) => ({ value: String(p), label: priorityLabel(t, p) }))}
                readOnly={readOnly}
                data-testid="contract-priority"
              />
            </div>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('contracts.form.interval')}
              </Text>
              <SegmentedControl
                size="xs"
                value={form.interval}
                onChange={(v) => setForm((f) => ({ ...f, interval: v, day: v === 'weekly' ? Math.min(f.day, 7) : f.day, rule: v === 'custom' && !f.rule ? formRule(f) : f.rule }))}
                data={CONTRACT_INTERVALS.map((i) => ({ value: i, label: intervalLabel(t, i) }))}
                readOnly={readOnly}
                data-testid="contract-interval"
              />
            </div>
          </Group>
          <SimpleGrid cols={4} spacing="xs">
            {form.interval === 'custom' ? (
              <TextInput
                style={{ gridColumn: 'span 4' }}
                label={t('contracts.form.rule')}
                description={t('contracts.form.ruleHint')}
                value={form.rule}
                onChange={(e) => set('rule', e.currentTarget.value)}
                error={errors.rule ?? problem}
                readOnly={readOnly}
                data-testid="contract-rule"
              />
            ) : (
              <>
                {form.interval === 'yearly' && (
                  <Select
                    label={t('contracts.form.month')}
                    data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i18n.language, i + 1) }))}
                    value={String(form.month)}
                    onChange={(v) => v && set('month', Number(v))}
                    readOnly={readOnly}
                    allowDeselect={false}
                    data-testid="contract-month"
                  />
                )}
                <Select
                  label={form.interval === 'weekly' ? t('contracts.form.weekday') : t('contracts.form.day')}
                  description={form.interval !== 'weekly' && form.day > 28 ? t('contracts.form.lastDay') : undefined}
                  data={dayOptions}
                  value={String(form.day)}
                  onChange={(v) => v && set('day', Number(v))}
                  error={errors.day}
                  readOnly={readOnly}
                  allowDeselect={false}
                  data-testid="contract-day"
                />
              </>
            )}
            <DayField label={t('contracts.form.start')} value={form.startDate} onChange={(d) => set('startDate', d)} error={errors.startDate} readOnly={readOnly} required data-testid="contract-start" />
            <DayField label={t('contracts.form.end')} placeholder={t('contracts.form.endHint')} value={form.endDate} onChange={(d) => set('endDate', d)} error={errors.endDate} readOnly={readOnly} clearable data-testid="contract-end" />
            <TextInput label={t('contracts.form.visitTime')} value={form.visitTime} onChange={(e) => set('visitTime', e.currentTarget.value)} error={errors.visitTime} readOnly={readOnly} placeholder="09:00" data-testid="contract-time" />
            <NumberInput label={t('contracts.form.duration')} value={form.durationMinutes} onChange={(v) => set('durationMinutes', Number(v) || 0)} min={5} max={1440} step={15} error={errors.durationMinutes} readOnly={readOnly} data-testid="contract-duration" />
            <NumberInput
              label={t('contracts.form.leadDays')}
              description={t('contracts.form.leadHint')}
              value={form.leadDays}
              onChange={(v) => set('leadDays', Number(v) || 0)}
              min={0}
              max={365}
              error={errors.leadDays}
              readOnly={readOnly}
              data-testid="contract-lead"
            />
          </SimpleGrid>
          <Text size="sm" data-testid="contract-preview">
            <b>{t('contracts.form.preview')}:</b>{' '}
            {preview === null ? '…' : preview.length === 0 ? t('contracts.form.previewNone') : preview.map((d) => dayText(i18n.language, d, true)).join(' · ')}
          </Text>
          <Textarea label={t('contracts.form.notes')} value={form.notes} onChange={(e) => set('notes', e.currentTarget.value)} autosize minRows={1} maxRows={5} readOnly={readOnly} data-testid="contract-notes" />
          {contract && (
            <Text size="xs" c="dimmed">
              {t('contracts.form.made', { count: contract.generated })}
            </Text>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => onClose(null)} data-testid="contract-cancel">
              {t('contracts.form.cancel')}
            </Button>
            {canWrite && (
              <Button type="submit" loading={saving} data-testid="contract-save">
                {t('contracts.form.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
