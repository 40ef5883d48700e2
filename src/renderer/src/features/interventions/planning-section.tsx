import { Badge, Checkbox, Group, MultiSelect, Select } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { personName } from './conflict-labels';
import { MomentField } from '../../kit/date-fields';
import { choiceProps, type FieldProps } from './field-props';
import { fieldLabel, teamTechnicians } from './form-model';
import { answerLabel } from './history-model';
import { withCurrent } from './select-data';
import { TechnicianClashes } from './technician-clashes';
import type { InterventionDetail } from '../../../../shared/api/interventions';
import type { InterventionLookups } from '../../../../shared/api/interventions';

type Assignment = InterventionDetail['technicians'][number];

const ANSWER_COLOR = { pending: 'gray', accepted: 'teal', rejected: 'red', not_answered: 'yellow' } as const;

/** The answer in words; a rejection with its reason. */
function answerText(t: TFunction, x: Assignment): string {
  return x.answer === 'rejected' && x.reason ? t('interventionForm.answers.rejectedWithReason', { reason: x.reason }) : answerLabel(t, x.answer);
}

interface Props extends FieldProps {
  lookups: InterventionLookups | null;
  technicianIds: string[];
  onTechnicians: (ids: string[]) => void;
}

/**
 * Who and when: the verifier, who took it, the team (proposing its technicians while none are
 * chosen), the technicians with their answers, the planned interval and whether the client confirmed it.
 */
export function PlanningSection({ lookups, technicianIds, onTechnicians, ...fields }: Props) {
  const { t } = useTranslation();
  const { form, errors, readOnly, set, detail } = fields;
  const people = lookups?.personnel ?? [];
  const verifierData = withCurrent(
    people.filter((p) => p.verifier).map((p) => ({ value: p.id, label: p.name })),
    form.verifierId,
    detail?.verifierName ?? null,
  );
  const operatorData = withCurrent(
    people.filter((p) => p.operator).map((p) => ({ value: p.id, label: p.name })),
    form.takenById,
    detail?.takenByName ?? personName(lookups, form.takenById),
  );
  const teamData = withCurrent(
    (lookups?.teams ?? []).map((x) => ({ value: x.id, label: x.name })),
    form.teamId,
    detail?.teamName ?? null,
  );
  // Active technicians, and the ones already on it who no longer are (so their pills keep a name).
  const technicianData = [
    ...people.filter((p) => p.technician).map((p) => ({ value: p.id, label: p.name })),
    ...(detail?.technicians ?? []).filter((x) => !people.some((p) => p.id === x.personId && p.technician)).map((x) => ({ value: x.personId, label: x.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  return (
    <>
      <Select data={verifierData} {...choiceProps(t, fields, 'verifierId', 'verifier')} clearable searchable />
      <Select data={operatorData} {...choiceProps(t, fields, 'takenById', 'takenBy')} clearable searchable />
      <Select
        data={teamData}
        {...choiceProps(t, fields, 'teamId', 'team')}
        // A team chosen while nobody is: its technicians are proposed.
        onChange={(v) => {
          set('teamId', v);
          if (v && technicianIds.length === 0) onTechnicians(teamTechnicians(lookups, v));
        }}
        clearable
        searchable
      />
      <div>
        <MultiSelect
          label={t('interventionForm.fields.technicians')}
          placeholder={technicianIds.length === 0 ? t('interventionForm.noTechnicians') : undefined}
          data={technicianData}
          value={technicianIds}
          onChange={onTechnicians}
          searchable
          clearable
          readOnly={readOnly}
          data-testid="ivf-field-technicians"
        />
        {detail && detail.technicians.length > 0 && (
          <Group gap={4} mt={4} data-testid="ivf-technician-answers">
            {detail.technicians.map((x) => (
              <Badge
                key={x.personId}
                size="xs"
                variant="light"
                color={ANSWER_COLOR[x.answer]}
                title={x.reason ?? undefined}
                data-testid="ivf-technician-answer"
                data-person={x.personId}
                data-answer={x.answer}
                tt="none"
              >
                {x.name}: {answerText(t, x)}
              </Badge>
            ))}
          </Group>
        )}
      </div>
      {(['plannedStart', 'plannedEnd'] as const).map((f) => (
        <MomentField
          key={f}
          label={fieldLabel(t, f)}
          value={form[f]}
          onChange={(v) => set(f, v)}
          clearable
          error={errors[f]}
          readOnly={readOnly}
          data-testid={`ivf-field-${f}`}
        />
      ))}
      {!readOnly && <TechnicianClashes interventionId={detail?.id ?? null} start={form.plannedStart} end={form.plannedEnd} technicianIds={technicianIds} />}
      <Checkbox
        className="ivf-check"
        label={t('interventionForm.fields.confirmed')}
        description={readOnly ? undefined : t('interventionForm.fields.confirmedHint')}
        checked={form.confirmed}
        onChange={(e) => !readOnly && set('confirmed', e.currentTarget.checked)}
        error={errors.confirmed}
        data-testid="ivf-field-confirmed"
      />
    </>
  );
}
