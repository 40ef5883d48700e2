import './extra-fields-section.css';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, NumberInput, Select, Text, TextInput, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { IconAlertTriangle, IconDownload, IconFileText } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTRA_TEXT_MAX, fieldState, normalizeValue, type FieldState, type TemplateMode } from '../../../../shared/domain/extra-fields';
import type { InterventionStatus } from '../../../../shared/domain/intervention';
import { useApi } from '../../api/context';
import { DayField } from '../../kit/date-fields';
import { toCallError } from '../../api/errors';
import { fileUrl } from '../../api/files';
import { extraIssueText, fieldLabelOf, prospectiveStatus, type ExtraFormValues } from './extra-fields-model';
import type { RequestTypeExtras } from '../../../../shared/api/interventions';
import type { ExtraFieldDefinition, ExtraFieldValue, RequestTypeTemplate } from '../../../../shared/api/request-types';
import type { InterventionDetail } from '../../../../shared/api/interventions';

const MODE_COLOR: Record<TemplateMode, string> = { mandatory: 'red', optional: 'gray', informative: 'blue' };
/** The status the workflow goes to next, whose required fields the form announces ahead. */
const NEXT_STATUS: Record<InterventionStatus, InterventionStatus | null> = { taken: 'allocated', allocated: 'confirmed', confirmed: 'finalized', finalized: null, cancelled: null };

interface Props {
  /** The request type chosen on the form (saved or not). */
  requestTypeId: string | null;
  /** The intervention as stored; null for a new one. */
  detail: InterventionDetail | null;
  /** The planning fields of the form: with them the section knows the status the save gives. */
  facts: { plannedStart: number | null; plannedEnd: number | null; teamId: string | null; verifierId: string | null };
  values: ExtraFormValues;
  /** Messages under extra.<fieldId> and templates.<templateId>, in main's words. */
  errors: Readonly<Record<string, string | undefined>>;
  /** The whole form is read-only (finalized, cancelled, no write right). */
  readOnly: boolean;
  onChange: (fieldId: string, value: ExtraFieldValue) => void;
}

/**
 * The request type's extra fields and form templates, right under the type on the intervention
 * form. Each field is shown in its state for the status the save would produce (main checks the
 * same): hidden fields are left out (their values stay stored), read-only ones cannot be typed
 * into, required ones carry the asterisk and main's message when empty.
 */
export function ExtraFieldsSection({ requestTypeId, detail, facts, values, errors, readOnly, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const extras = useTypeExtras(requestTypeId, detail);
  // Values typed for fields the chosen type does not have (the type was changed before saving)
  // go back to what is stored: main would refuse them, and they are not on screen to fix.
  // Stored values of such fields stay untouched (main keeps them too).
  const readyFields = extras.state === 'ready' ? extras.fields : null;
  useEffect(() => {
    if (!readyFields || readOnly) return;
    const applicable = new Set(readyFields.map((f) => f.id));
    const stored = detail?.extra ?? {};
    for (const [id, v] of Object.entries(values)) {
      if (!applicable.has(id) && normalizeValue(v) !== normalizeValue(stored[id])) onChange(id, stored[id] ?? null);
    }
  }, [readyFields, values, detail, readOnly, onChange]);
  if (!requestTypeId) return null;
  if (extras.state === 'loading') {
    return (
      <Group gap={6} className="xf-section" data-testid="xf-loading">
        <Loader size={14} />
        <Text size="xs" c="dimmed">
          {t('extraFields.loading')}
        </Text>
      </Group>
    );
  }
  if (extras.state === 'error') {
    return (
      <Alert className="xf-section" color="red" variant="light" p={6} icon={<IconAlertTriangle size={14} />} data-testid="xf-error">
        <Group gap={8} justify="space-between" wrap="nowrap">
          <Text size="xs">
            {t('extraFields.loadFailed')} {extras.message}
          </Text>
          <Button size="compact-xs" variant="default" onClick={extras.retry}>
            {t('extraFields.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  const status = prospectiveStatus(facts, detail);
  const next = NEXT_STATUS[status];
  const shown = extras.fields
    .map((f) => ({ field: f, state: fieldState(f, status), neededNext: next !== null && fieldState(f, next) === 'required' }))
    .filter((x) => x.state !== 'hidden');
  // A message about a field not on screen (hidden in this status) still needs to be read somewhere.
  const offScreen = extras.fields.filter((f) => errors[`extra.${f.id}`] && !shown.some((x) => x.field.id === f.id));
  if (shown.length === 0 && extras.templates.length === 0 && offScreen.length === 0) return null;
  const filled = new Set(extras.filledTemplateIds);
  return (
    <section className="xf-section" data-testid="xf-section" data-status={status} aria-label={t('extraFields.title')}>
      {(shown.length > 0 || offScreen.length > 0) && (
        <>
          <Text component="h3" className="xf-title">
            {t('extraFields.title')}
          </Text>
          {offScreen.map((f) => (
            <Text key={f.id} size="xs" c="red.7" data-testid="xf-offscreen-error">
              {fieldLabelOf(f, i18n.language)}: {extraIssueText(t, errors[`extra.${f.id}`] ?? '')}
            </Text>
          ))}
          <div className="xf-fields">
            {shown.map(({ field, state, neededNext }) => (
              <ExtraInput
                key={field.id}
                field={field}
                state={state}
                hint={neededNext && state !== 'required' && state !== 'readonly' && next ? neededText(t, next) : undefined}
                label={fieldLabelOf(field, i18n.language)}
                value={values[field.id] ?? null}
                error={errors[`extra.${field.id}`] ? extraIssueText(t, errors[`extra.${field.id}`] ?? '') : undefined}
                readOnly={readOnly || state === 'readonly'}
                onChange={(v) => onChange(field.id, v)}
              />
            ))}
          </div>
        </>
      )}
      {extras.templates.length > 0 && (
        <>
          <Text component="h3" className="xf-title">
            {t('extraFields.templates.title')}
          </Text>
          <ul className="xf-templates" data-testid="xf-templates">
            {extras.templates.map((tpl) => (
              <TemplateRow key={tpl.id} template={tpl} filled={filled.has(tpl.id)} error={errors[`templates.${tpl.id}`]} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type Extras = { state: 'loading' } | { state: 'error'; message: string; retry: () => void } | ({ state: 'ready' } & RequestTypeExtras);

/**
 * The definitions of the type, asked from main whenever the type or the intervention changes and
 * each time the section comes into view (the Details tab remounts it): a file added in the
 * thread may have filled a template meanwhile. The stored intervention's copy shows meanwhile.
 */
function useTypeExtras(requestTypeId: string | null, detail: InterventionDetail | null): Extras {
  const api = useApi();
  const detailId = detail?.id ?? null;
  const key = `${requestTypeId ?? ''}|${detailId ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; extras: RequestTypeExtras } | { key: string; error: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!requestTypeId) return;
    let live = true;
    api.call('interventions.extraFields', { requestTypeId, ...(detailId ? { interventionId: detailId } : {}) }).then(
      (extras) => live && setLoaded({ key, extras }),
      (e: unknown) => live && setLoaded({ key, error: toCallError(e).message }),
    );
    return () => {
      live = false;
    };
  }, [api, requestTypeId, detailId, key, attempt]);
  const stored = detail && detail.requestTypeId === requestTypeId ? { fields: detail.extraFields, templates: detail.templates, filledTemplateIds: detail.filledTemplateIds } : null;
  const current = loaded?.key === key ? loaded : null;
  if (current && 'extras' in current) {
    // A save since the load may have brought newer filled templates with the detail.
    const filled = new Set([...current.extras.filledTemplateIds, ...(stored?.filledTemplateIds ?? [])]);
    return { state: 'ready', ...current.extras, filledTemplateIds: [...filled] };
  }
  if (stored) return { state: 'ready', ...stored };
  if (!current) return { state: 'loading' };
  return {
    state: 'error',
    message: current.error,
    retry: () => {
      setLoaded(null);
      setAttempt((n) => n + 1);
    },
  };
}

interface InputProps {
  field: ExtraFieldDefinition;
  state: FieldState;
  label: string;
  value: ExtraFieldValue;
  error: string | undefined;
  /** Why an optional field matters: the next status needs it. */
  hint: string | undefined;
  readOnly: boolean;
  onChange: (v: ExtraFieldValue) => void;
}

function ExtraInput({ field, state, label, value, error, hint, readOnly, onChange }: InputProps) {
  const { t } = useTranslation();
  const required = state === 'required';
  const common = {
    label,
    error,
    description: hint,
    readOnly,
    withAsterisk: required,
    variant: readOnly ? 'filled' : 'default',
    'data-testid': `xf-field-${field.id}`,
    'data-kind': field.kind,
    'data-state': state,
  } as const;
  switch (field.kind) {
    case 'text':
      return <TextInput {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.currentTarget.value)} maxLength={EXTRA_TEXT_MAX} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          // A half-typed number ("-", "1.") stays in the box; only a number or nothing is kept.
          onChange={(v) => onChange(typeof v === 'number' && Number.isFinite(v) ? v : v === '' ? null : value)}
          decimalScale={6}
          hideControls
        />
      );
    case 'date':
      return <DayField {...common} value={typeof value === 'string' ? value : null} onChange={(v) => onChange(v)} clearable={!readOnly} />;
    case 'choice': {
      // A stored value no longer among the options still shows, so nothing is silently lost.
      const data = typeof value === 'string' && value && !field.options.includes(value) ? [value, ...field.options] : [...field.options];
      return (
        <Select
          {...common}
          data={data}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
          placeholder={readOnly ? undefined : t('extraFields.choose')}
          clearable={!readOnly && !required}
          searchable={data.length > 8}
        />
      );
    }
    case 'checkbox':
      return (
        <Checkbox
          className="xf-check"
          label={
            <>
              {label}
              {required && (
                <span className="xf-asterisk" aria-hidden>
                  {' *'}
                </span>
              )}
            </>
          }
          description={hint}
          checked={value === true}
          onChange={(e) => !readOnly && onChange(e.currentTarget.checked)}
          disabled={readOnly}
          error={error}
          aria-required={required}
          data-testid={`xf-field-${field.id}`}
          data-kind="checkbox"
          data-state={state}
        />
      );
  }
}

function TemplateRow({ template, filled, error }: { template: RequestTypeTemplate; filled: boolean; error: string | undefined }) {
  const { t } = useTranslation();
  const mandatory = template.mode === 'mandatory';
  return (
    <li className="xf-template" data-testid="xf-template" data-template={template.id} data-mode={template.mode} data-filled={mandatory ? String(filled) : undefined}>
      <IconFileText size={14} className="xf-template-icon" aria-hidden />
      <Text size="sm" className="xf-template-name" title={template.attachment.fileName}>
        {template.name}
      </Text>
      <Badge size="xs" variant="light" color={MODE_COLOR[template.mode]}>
        {modeLabel(t, template.mode)}
      </Badge>
      {mandatory &&
        (filled ? (
          <Badge size="xs" variant="filled" color="teal" data-testid="xf-template-filled">
            {t('extraFields.templates.filled')}
          </Badge>
        ) : (
          <Tooltip label={t('extraFields.templates.missingHint')} multiline w={260}>
            <Badge size="xs" variant="filled" color="red" data-testid="xf-template-missing">
              {t('extraFields.templates.missing')}
            </Badge>
          </Tooltip>
        ))}
      <Anchor
        href={fileUrl(template.attachment.id)}
        download={template.attachment.fileName}
        size="xs"
        className="xf-template-download"
        aria-label={t('extraFields.templates.downloadOf', { name: template.name })}
        data-testid="xf-template-download"
      >
        <IconDownload size={13} aria-hidden /> {t('extraFields.templates.download')}
      </Anchor>
      {error && (
        <Text size="xs" c="red.7" className="xf-template-error" data-testid="xf-template-error">
          {t('extraFields.errors.template')}
        </Text>
      )}
    </li>
  );
}

function modeLabel(t: TFunction, mode: TemplateMode): string {
  switch (mode) {
    case 'mandatory':
      return t('extraFields.templates.modes.mandatory');
    case 'optional':
      return t('extraFields.templates.modes.optional');
    case 'informative':
      return t('extraFields.templates.modes.informative');
  }
}

function neededText(t: TFunction, next: InterventionStatus): string | undefined {
  switch (next) {
    case 'allocated':
      return t('extraFields.needed.allocated');
    case 'confirmed':
      return t('extraFields.needed.confirmed');
    case 'finalized':
      return t('extraFields.needed.finalized');
    default:
      return undefined;
  }
}
