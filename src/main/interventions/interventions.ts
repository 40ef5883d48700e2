import { and, eq, isNull } from 'drizzle-orm';
import { interventionMessages, interventions, interventionTechnicians } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { computeStatus, isClosed, type MessageKind, type SourceChannel } from '../../shared/domain/intervention';
import { checkEnteringStatus } from './extra-values';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import { unitOfWork } from '../core/unit';
import { checkWorkingPeriod } from '../numbering/working-periods';
import { takeNumber } from '../numbering/series';
import { classificationOf } from "../request-types/hierarchy";

export type InterventionRow = typeof interventions.$inferSelect;
type Editable = Omit<
  typeof interventions.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt' | 'status' | 'number' | 'valid' | 'class1Id' | 'class2Id' | 'class3Id' | 'finalizedAt' | 'cancelledAt'
>;

function get(s: ServiceContext, id: string): InterventionRow {
  const row = s.db.select().from(interventions).where(and(eq(interventions.id, id), isNull(interventions.deletedAt))).get();
  if (!row) throw new ApiError('not_found', 'The intervention does not exist.');
  return row;
}

function answers(s: ServiceContext, id: string) {
  return s.db
    .select()
    .from(interventionTechnicians)
    .where(and(eq(interventionTechnicians.interventionId, id), isNull(interventionTechnicians.deletedAt)))
    .all();
}

/** The status the facts give; stored so the grid can index it, never typed in. */
function statusOf(s: ServiceContext, row: InterventionRow) {
  return computeStatus({ ...row, technicianAnswers: answers(s, row.id).map((a) => a.answer) });
}

/** Re-derives and stores the status after any change to its facts. */
function refreshStatus(s: ServiceContext, actor: Actor, id: string): InterventionRow {
  const row = get(s, id);
  const status = statusOf(s, row);
  if (status === row.status) return row;
  // Whatever moves it (planning, answers, finalize, cancel): the extra fields required in the new
  // status must be filled, and finalizing needs the mandatory templates filled in the thread.
  checkEnteringStatus(s, row, status);
  return updateRecord(s, actor, interventions, id, row.version, { status }, 'status');
}

/** Registers a request ("taken"). Validating it gives it a number from its series. */
export function createIntervention(s: ServiceContext, actor: Actor, values: Editable & { source?: SourceChannel }, options: { validate?: boolean } = {}): InterventionRow {
  return unitOfWork(s, actor, () => {
      checkWorkingPeriod(s, values.docDate);
      const classes = values.requestTypeId ? classificationOf(s, values.requestTypeId) : { class1Id: null, class2Id: null, class3Id: null };
      let number: number | null = null;
      if (options.validate) {
        if (!values.seriesId) throw new ApiError('validation', 'Choose a document series to validate.', [{ path: 'seriesId', message: 'required' }]);
        number = takeNumber(s, values.seriesId);
      }
      const row = createRecord(s, actor, interventions, { ...values, ...classes, number, valid: options.validate === true, status: 'taken' });
      return refreshStatus(s, actor, row.id);
    });
}

/** Changes the editable facts; the status and classification follow from them. */
export function updateIntervention(s: ServiceContext, actor: Actor, id: string, version: number, patch: Partial<Editable>): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = get(s, id);
      if (isClosed(row.status)) throw new ApiError('conflict', `A ${row.status} intervention is read-only; add a message instead.`);
      if (patch.docDate && patch.docDate !== row.docDate) checkWorkingPeriod(s, patch.docDate);
      const classes = patch.requestTypeId && patch.requestTypeId !== row.requestTypeId ? classificationOf(s, patch.requestTypeId) : {};
      updateRecord(s, actor, interventions, id, version, { ...patch, ...classes });
      return refreshStatus(s, actor, id);
    });
}

/** Puts technicians on an intervention; each starts "pending" and answers for themself. */
export function assignTechnicians(s: ServiceContext, actor: Actor, id: string, personIds: string[]): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = get(s, id);
      if (isClosed(row.status)) throw new ApiError('conflict', 'A finalized or cancelled intervention cannot change.');
      const existing = new Set(answers(s, id).map((a) => a.personId));
      for (const personId of new Set(personIds)) {
        if (!existing.has(personId)) createRecord(s, actor, interventionTechnicians, { interventionId: id, personId });
      }
      return refreshStatus(s, actor, id);
    });
}

/** A technician accepts, or rejects with a reason (which sends the intervention back to taken). */
export function answerAssignment(s: ServiceContext, actor: Actor, id: string, personId: string, answer: 'accepted' | 'rejected', reason?: string): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = get(s, id);
      if (isClosed(row.status)) throw new ApiError('conflict', 'A finalized or cancelled intervention cannot change.');
      const assignment = answers(s, id).find((a) => a.personId === personId);
      if (!assignment) throw new ApiError('forbidden', 'You are not on this intervention.');
      if (answer === 'rejected' && !reason?.trim()) throw new ApiError('validation', 'Say why you reject it.', [{ path: 'reason', message: 'required' }]);
      updateRecord(s, actor, interventionTechnicians, assignment.id, assignment.version, { answer, reason: reason?.trim() || null, answeredAt: s.now() }, answer);
      if (answer === 'rejected') {
        // The operator who took it must plan it again: the thread tells them why.
        const nameOf = (pid: string | null) =>
          pid ? ((s.raw.prepare('SELECT name FROM personnel WHERE id = ?').pluck().get(pid) as string | undefined) ?? null) : null;
        const who = nameOf(personId) ?? 'A technician';
        const operator = nameOf(row.takenById);
        addMessage(s, actor, id, {
          kind: 'system',
          personId,
          body: `${who} rejected the assignment: ${reason?.trim() ?? ''}. The intervention is back to taken${operator ? ` for ${operator} to plan again` : ''}.`,
        });
      }
      return refreshStatus(s, actor, id);
    });
}

/**
 * Only a draft may be deleted. A numbered document stays, so its number is accounted for (the
 * series never shows a hole nobody can explain); a closed one is read-only. Both are cancelled
 * with a reason instead. A stale version is a conflict first, as for every other write.
 */
export function deleteIntervention(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const row = get(s, id);
        if (row.version !== version) throw new ApiError('conflict', 'Someone else changed this intervention since you opened it. Reload it and try again.');
        if (isClosed(row.status)) throw new ApiError('validation', `A ${row.status} intervention cannot be deleted: it is kept as it was closed.`);
        if (row.valid) throw new ApiError('validation', 'A numbered intervention cannot be deleted: its number must stay accounted for. Cancel it with a reason instead.');
        deleteRecord(s, actor, interventions, id, version);
      });
}

export function cancelIntervention(s: ServiceContext, actor: Actor, id: string, version: number, reason: string): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = get(s, id);
      if (isClosed(row.status)) throw new ApiError('conflict', `The intervention is already ${row.status}.`);
      if (!reason.trim()) throw new ApiError('validation', 'Say why it is cancelled.', [{ path: 'reason', message: 'required' }]);
      updateRecord(s, actor, interventions, id, version, { cancelledAt: s.now(), cancelReason: reason.trim() }, 'cancel');
      return refreshStatus(s, actor, id);
    });
}

export function finalizeIntervention(s: ServiceContext, actor: Actor, id: string, version: number, resolution: string): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = get(s, id);
      if (row.status !== 'confirmed') throw new ApiError('conflict', `Only a confirmed intervention can be finalized; this one is ${row.status}.`);
      if (!resolution.trim()) throw new ApiError('validation', 'Describe the resolution.', [{ path: 'resolution', message: 'required' }]);
      updateRecord(s, actor, interventions, id, version, { finalizedAt: s.now(), resolution: resolution.trim() }, 'finalize');
      return refreshStatus(s, actor, id);
    });
}

/** Messages may be added in every state, also after the intervention is closed. */
export function addMessage(
  s: ServiceContext,
  actor: Actor,
  id: string,
  message: { body: string; kind?: MessageKind; personId?: string | null; attachmentId?: string | null; registerEntryId?: string | null },
) {
  get(s, id);
  if (!message.body.trim() && !message.attachmentId) throw new ApiError('validation', 'Write a message or attach a file.', [{ path: 'body', message: 'required' }]);
  return createRecord(s, actor, interventionMessages, {
    interventionId: id,
    at: s.now(),
    kind: message.kind ?? 'note',
    personId: message.personId ?? null,
    body: message.body,
    attachmentId: message.attachmentId ?? null,
    registerEntryId: message.registerEntryId ?? null,
  });
}
