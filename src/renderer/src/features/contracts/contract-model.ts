import type { ContractInput, ServiceContract } from '../../../../shared/api/contracts';
import { choiceOf, ruleOf, type ContractInterval } from '../../../../shared/domain/contract-schedule';

/* The contract form's state, and what it sends: the interval's fields become one RRULE. */

export interface ContractForm {
  name: string;
  clientId: string | null;
  clientName: string;
  contactPersonId: string | null;
  assetId: string | null;
  objectText: string;
  requestTypeId: string | null;
  teamId: string | null;
  priority: 1 | 2 | 3;
  interval: ContractInterval;
  /** weekly: 1-7 (Monday first); otherwise the day of the month. */
  day: number;
  month: number;
  rule: string;
  startDate: string | null;
  endDate: string | null;
  visitTime: string;
  durationMinutes: number;
  leadDays: number;
  notes: string;
}

export type ContractErrors = Partial<Record<keyof ContractForm, string>>;

export function newContractForm(today: string, client: { id: string; name: string } | null, requestTypeId: string | null): ContractForm {
  const day = Number(today.slice(8, 10));
  return {
    name: '',
    clientId: client?.id ?? null,
    clientName: client?.name ?? '',
    contactPersonId: null,
    assetId: null,
    objectText: '',
    requestTypeId,
    teamId: null,
    priority: 2,
    interval: 'monthly',
    day,
    month: Number(today.slice(5, 7)),
    rule: '',
    startDate: today,
    endDate: null,
    visitTime: '09:00',
    durationMinutes: 60,
    leadDays: 7,
    notes: '',
  };
}

export function contractFormOf(c: ServiceContract): ContractForm {
  const choice = choiceOf(c.rule);
  return {
    name: c.name,
    clientId: c.clientId,
    clientName: c.clientName,
    contactPersonId: c.contactPersonId,
    assetId: c.assetId,
    objectText: c.objectText ?? '',
    requestTypeId: c.requestTypeId,
    teamId: c.teamId,
    priority: c.priority,
    interval: choice.interval,
    day: choice.day,
    month: choice.month,
    rule: c.rule,
    startDate: c.startDate,
    endDate: c.endDate,
    visitTime: c.visitTime,
    durationMinutes: c.durationMinutes,
    leadDays: c.leadDays,
    notes: c.notes ?? '',
  };
}

/** The rule the form's interval fields make. */
export const formRule = (f: ContractForm): string => ruleOf({ interval: f.interval, day: f.day, month: f.month, rule: f.rule });

/** What the form sends; null with the errors when a required field is empty (main checks the rest). */
export function contractValues(f: ContractForm, required: string): { values: ContractInput | null; errors: ContractErrors } {
  const errors: ContractErrors = {};
  if (!f.name.trim()) errors.name = required;
  if (!f.clientId) errors.clientId = required;
  if (!f.requestTypeId) errors.requestTypeId = required;
  if (!f.startDate) errors.startDate = required;
  if (f.interval === 'custom' && !f.rule.trim()) errors.rule = required;
  if (Object.keys(errors).length > 0 || !f.clientId || !f.requestTypeId || !f.startDate) return { values: null, errors };
  return {
    errors,
    values: {
      name: f.name,
      clientId: f.clientId,
      contactPersonId: f.contactPersonId,
      assetId: f.assetId,
      objectText: f.assetId ? null : f.objectText,
      requestTypeId: f.requestTypeId,
      teamId: f.teamId,
      priority: f.priority,
      rule: formRule(f),
      startDate: f.startDate,
      endDate: f.endDate,
      visitTime: f.visitTime,
      durationMinutes: f.durationMinutes,
      leadDays: f.leadDays,
      notes: f.notes,
    },
  };
}

/** Main's field issues on the form's fields (the rule's on the interval's field that made it). */
export function errorsFromIssues(issues: { path: string; message: string }[], interval: ContractInterval): ContractErrors {
  const errors: ContractErrors = {};
  for (const i of issues) {
    const key = (i.path === 'rule' && interval !== 'custom' ? 'day' : i.path) as keyof ContractForm;
    errors[key] ??= i.message;
  }
  return errors;
}
