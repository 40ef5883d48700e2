import type { z } from 'zod';
import type { contractInput } from '../../shared/api/contracts';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import type { Actor, ServiceContext } from '../core/context';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import { unitOfWork } from '../core/unit';
import { serviceContracts } from '../db/schema/index';
import { contractRow } from './queries';

/*
 * The writes of service contracts, one user action each. References are checked here whatever
 * the form did: a live client, its own contact and asset, a request type and team that exist.
 */

type Fields = z.output<typeof contractInput>;

const live = (s: ServiceContext, table: string, id: string) => s.raw.prepare(`SELECT * FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as Record<string, unknown> | undefined;

function checkReferences(s: ServiceContext, f: Fields): void {
  const issues: FieldIssue[] = [];
  if (!live(s, 'clients', f.clientId)) issues.push({ path: 'clientId', message: 'this client does not exist or was deleted' });
  if (f.contactPersonId && live(s, 'contact_persons', f.contactPersonId)?.client_id !== f.clientId) issues.push({ path: 'contactPersonId', message: "not one of this client's contacts" });
  if (f.assetId && live(s, 'client_assets', f.assetId)?.client_id !== f.clientId) issues.push({ path: 'assetId', message: "not one of this client's assets" });
  if (!live(s, 'request_types', f.requestTypeId)) issues.push({ path: 'requestTypeId', message: 'this request type does not exist' });
  if (f.teamId && !live(s, 'teams', f.teamId)) issues.push({ path: 'teamId', message: 'this team does not exist' });
  if (issues.length) throw new ApiError('validation', 'Some fields are not valid.', issues);
}

/** `today`: the workstation's day; a contract owes its visits from the later of it and its start. */
export function createContract(s: ServiceContext, actor: Actor, f: Fields, today: string): string {
  return unitOfWork(s, actor, () => {
    checkReferences(s, f);
    const row = createRecord(s, actor, serviceContracts, { ...f, active: true, generateFrom: f.startDate > today ? f.startDate : today });
    return row.id;
  });
}

export function updateContract(s: ServiceContext, actor: Actor, id: string, version: number, patch: Partial<Fields>): void {
  unitOfWork(s, actor, () => {
    const current = contractRow(s, id);
    const merged: Fields = { ...current, ...patch };
    if (merged.endDate && merged.endDate < merged.startDate) throw new ApiError('validation', 'The end is before the start.', [{ path: 'endDate', message: 'the end is before the start' }]);
    checkReferences(s, merged);
    updateRecord(s, actor, serviceContracts, id, version, patch);
  });
}

/** A resumed contract owes its visits from today on: the paused time's are not made. */
export function setContractActive(s: ServiceContext, actor: Actor, id: string, version: number, active: boolean, today: string): void {
  unitOfWork(s, actor, () => {
    const current = contractRow(s, id);
    if ((current.active === 1) === active) return;
    const from = current.startDate > today ? current.startDate : today;
    updateRecord(s, actor, serviceContracts, id, version, active ? { active, generateFrom: from > current.generateFrom ? from : current.generateFrom } : { active });
  });
}

/** The interventions it made stay: they are work planned or done. */
export function deleteContract(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
    contractRow(s, id);
    deleteRecord(s, actor, serviceContracts, id, version);
  });
}
