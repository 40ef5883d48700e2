import { and, eq, isNull } from 'drizzle-orm';
import type { InterventionFields, InterventionPatch } from '../../shared/api/interventions';
import { ApiError, refused, type FieldIssue } from '../../shared/api/result';
import { computeStatus, isClosed, type InterventionStatus, type SourceChannel, type TechnicianAnswer } from '../../shared/domain/intervention';
import { SYSTEM, type Actor, type ServiceContext } from '../core/context';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import { describeUnit, unitOfWork } from '../core/unit';
import { interventions, interventionTechnicians } from '../db/schema/index';
import { takeNumberOrPending } from '../numbering/series';
import { checkWorkingPeriod } from '../numbering/working-periods';
import { classificationOf } from '../request-types/hierarchy';
import { addMessage, mentionOnLatestSystemMessage } from '../thread/messages';
import { checkEnteringStatus, prepareExtra } from './extra-values';
import { getRow, one } from './queries';
import { mailAllocation, mailCancellation, mailConfirmation, mailFinalization, mailPlanChange } from '../mail/outbox';

/*
 * The intervention lifecycle: every write an operator or technician makes to an intervention,
 * each one user action (one unit of work). Everything that depends on the database (references,
 * the client's contacts and assets, the series, the status) is checked here, whatever the UI
 * did, and refused with the field's path. The status is computed from the facts, never typed in.
 */

export type InterventionRow = typeof interventions.$inferSelect;

type Editable = Omit<
  typeof interventions.$inferInsert,
  'id' | 'createdAt' | 'updatedAt' | 'version' | 'deletedAt' | 'status' | 'number' | 'valid' | 'class1Id' | 'class2Id' | 'class3Id' | 'finalizedAt' | 'cancelledAt'
>;

function answers(s: ServiceContext, id: string) {
  return s.db
    .select()
    .from(interventionTechnicians)
    .where(and(eq(interventionTechnicians.interventionId, id), isNull(interventionTechnicians.deletedAt)))
    .all();
}

/** Finalized and cancelled interventions take messages only: every other write is refused, saying so. */
function refuseIfClosed(row: InterventionRow): void {
  if (row.status === 'finalized' || row.status === 'cancelled') {
    throw refused({ reason: 'closed', status: row.status }, `A ${row.status} intervention is read-only; add a message instead.`);
  }
}

/** A typed reason as a sentence: its own final stop kept, one added when it has none (never ".."). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

function personName(s: ServiceContext, personId: string | null): string | null {
  return personId ? ((s.raw.prepare('SELECT name FROM personnel WHERE id = ?').pluck().get(personId) as string | undefined) ?? null) : null;
}

/** Who acts, as the thread names them: the user's person, else the user's display name. */
function actorName(s: ServiceContext, actor: Actor): string {
  if (!actor.userId) return 'The system';
  const u = s.raw.prepare('SELECT u.display_name AS display, p.name AS person FROM users u LEFT JOIN personnel p ON p.id = u.person_id WHERE u.id = ?').get(actor.userId) as
    | { display: string; person: string | null }
    | undefined;
  return u?.person ?? u?.display ?? 'An operator';
}

/** The status the facts give; stored so the grid can index it, never typed in. */
function statusOf(s: ServiceContext, row: InterventionRow) {
  return computeStatus({ ...row, technicianAnswers: answers(s, row.id).map((a) => a.answer) });
}

/** Re-derives and stores the status after any change to its facts. */
function refreshStatus(s: ServiceContext, actor: Actor, id: string): InterventionRow {
  const row = getRow(s, id);
  const status = statusOf(s, row);
  if (status === row.status) return row;
  // Whatever moves it (planning, answers, finalize, cancel): the extra fields required in the new
  // status must be filled, and finalizing needs the mandatory templates filled in the thread.
  checkEnteringStatus(s, row, status);
  // "Confirmed (real)" shows the team's confirmation: it follows the status both ways (a
  // finalized one keeps what it had when it was finalized).
  const confirmed = status === 'confirmed' ? true : status === 'finalized' || status === 'cancelled' ? row.confirmed : false;
  const after = updateRecord(s, actor, interventions, id, row.version, confirmed === row.confirmed ? { status } : { status, confirmed }, 'status');
  // The team's confirmation is news for the verifier and, when kept informed, the client.
  if (status === 'confirmed') mailConfirmation(s, actor, id);
  return after;
}

/**
 * Registers a request ("taken"). Validating it gives it a number from its series. `id`: a key the
 * caller derives (a contract's occurrence), instead of a new one.
 */
export function createIntervention(s: ServiceContext, actor: Actor, values: Editable & { source?: SourceChannel }, options: { validate?: boolean; id?: string } = {}): InterventionRow {
  return unitOfWork(s, actor, () => {
      checkWorkingPeriod(s, values.docDate);
      const classes = values.requestTypeId ? classificationOf(s, values.requestTypeId) : { class1Id: null, class2Id: null, class3Id: null };
      let number: number | null = null;
      if (options.validate) {
        if (!values.seriesId) throw new ApiError('validation', 'Choose a document series to validate.', [{ path: 'seriesId', message: 'required' }]);
        number = takeNumberOrPending(s, values.seriesId);
      }
      const row = createRecord(s, actor, interventions, { ...values, ...classes, number, valid: options.validate === true, status: 'taken', ...(options.id ? { id: options.id } : {}) });
      return refreshStatus(s, actor, row.id);
    });
}

/** Changes the editable facts; the status and classification follow from them. */
export function updateIntervention(s: ServiceContext, actor: Actor, id: string, version: number, patch: Partial<Editable>): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      if (patch.docDate && patch.docDate !== row.docDate) checkWorkingPeriod(s, patch.docDate);
      const classes = patch.requestTypeId && patch.requestTypeId !== row.requestTypeId ? classificationOf(s, patch.requestTypeId) : {};
      updateRecord(s, actor, interventions, id, version, { ...patch, ...classes });
      return refreshStatus(s, actor, id);
    });
}

/** Puts technicians on an intervention; each starts "pending" and answers for themself. */
export function assignTechnicians(s: ServiceContext, actor: Actor, id: string, personIds: string[]): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      const existing = new Set(answers(s, id).map((a) => a.personId));
      const added = [...new Set(personIds)].filter((personId) => !existing.has(personId));
      for (const personId of added) createRecord(s, actor, interventionTechnicians, { interventionId: id, personId });
      const after = refreshStatus(s, actor, id);
      // Each new technician is told by mail, in this same transaction (the outbox).
      mailAllocation(s, actor, id, added);
      return after;
    });
}

/** A technician accepts, or rejects with a reason (which sends the intervention back to taken). */
export function answerAssignment(s: ServiceContext, actor: Actor, id: string, personId: string, answer: 'accepted' | 'rejected', reason?: string): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      const assignment = answers(s, id).find((a) => a.personId === personId);
      if (!assignment) throw new ApiError('forbidden', 'You are not on this intervention.');
      if (answer === 'rejected' && !reason?.trim()) throw new ApiError('validation', 'Say why you reject it.', [{ path: 'reason', message: 'required' }]);
      updateRecord(s, actor, interventionTechnicians, assignment.id, assignment.version, { answer, reason: reason?.trim() || null, answeredAt: s.now() }, answer);
      if (answer === 'rejected') {
        // The operator who took it must plan it again: the thread tells them why.
        const who = personName(s, personId) ?? 'A technician';
        const operator = personName(s, row.takenById);
        addMessage(s, actor, id, {
          kind: 'system',
          personId,
          body: `${who} rejected the assignment: ${sentence(reason ?? '')} The intervention is back to taken${operator ? ` for ${operator} to plan again` : ''}.`,
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
        const row = getRow(s, id);
        if (row.version !== version) throw new ApiError('conflict', 'Someone else changed this intervention since you opened it. Reload it and try again.');
        if (isClosed(row.status)) throw new ApiError('validation', `A ${row.status} intervention cannot be deleted: it is kept as it was closed.`);
        if (row.valid) throw new ApiError('validation', 'A numbered intervention cannot be deleted: its number must stay accounted for. Cancel it with a reason instead.');
        deleteRecord(s, actor, interventions, id, version);
      });
}

export function cancelIntervention(s: ServiceContext, actor: Actor, id: string, version: number, reason: string): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      if (!reason.trim()) throw new ApiError('validation', 'Say why it is cancelled.', [{ path: 'reason', message: 'required' }]);
      updateRecord(s, actor, interventions, id, version, { cancelledAt: s.now(), cancelReason: reason.trim() }, 'cancel');
      const after = refreshStatus(s, actor, id);
      mailCancellation(s, actor, id, reason.trim());
      return after;
    });
}

/**
 * Work done is work done: an allocated or confirmed intervention can be finalized. Answers still
 * pending are closed as "not answered" (the History shows it; the form said so before asking).
 * A rejection means the team must be planned again first.
 */
export function finalizeIntervention(s: ServiceContext, actor: Actor, id: string, version: number, resolution: string): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      if (row.version !== version) throw new ApiError('conflict', `This intervention was changed by someone else since you opened it (version ${row.version}, yours ${version}).`);
      refuseUnplanned(s, row, 'finalizeNeedsPlan', 'Plan it before finalizing: planned start and end, team and verifier.');
      if (!resolution.trim()) throw new ApiError('validation', 'Describe the resolution.', [{ path: 'resolution', message: 'required' }]);
      const now = s.now();
      for (const a of answers(s, id)) {
        if (a.answer === 'pending') updateRecord(s, actor, interventionTechnicians, a.id, a.version, { answer: 'not_answered', answeredAt: now }, 'not_answered');
      }
      updateRecord(s, actor, interventions, id, version, { finalizedAt: now, resolution: resolution.trim() }, 'finalize');
      describeUnit(s, 'finalize', { table: 'interventions', rowId: id });
      const after = refreshStatus(s, actor, id);
      mailFinalization(s, actor, id, resolution.trim());
      return after;
    });
}

/**
 * Refuses an action that needs the intervention planned (start, end, team, verifier) and nobody
 * on the team having rejected it, with the reason the operator can act on.
 */
function refuseUnplanned(s: ServiceContext, row: InterventionRow, reason: 'finalizeNeedsPlan' | 'confirmNeedsPlan', message: string): void {
  const rejected = answers(s, row.id).filter((a) => a.answer === 'rejected');
  if (rejected.length) {
    const names = rejected.map((a) => personName(s, a.personId) ?? '?').join(', ');
    throw refused({ reason: 'rejectedBy', names }, `${names} rejected the assignment: take them off the team, or ask again, first.`);
  }
  const planned: InterventionStatus = computeStatus({ ...row, cancelledAt: null, finalizedAt: null, technicianAnswers: [] });
  if (planned === 'taken') throw refused({ reason }, message);
}

/**
 * "Confirmed (real)": the operator records the team's confirmation taken by phone. Every answer
 * still pending becomes accepted on the technicians' behalf (the audit names the operator; the
 * thread says who recorded it for whom), so the status follows. Unticked on a confirmed
 * intervention, the team's acceptances go back to pending: the confirmation is withdrawn.
 */
function recordTeamConfirmation(s: ServiceContext, actor: Actor, id: string, confirmed: boolean): void {
  const row = getRow(s, id);
  const team = answers(s, id);
  const now = s.now();
  if (confirmed) {
    if (team.length === 0) throw refused({ reason: 'confirmNeedsTechnicians' }, 'Put the technicians on the team before recording their confirmation.');
    refuseUnplanned(s, row, 'confirmNeedsPlan', "Plan it (start, end, team and verifier) before recording the team's confirmation.");
    const pending = team.filter((a) => a.answer === 'pending');
    if (pending.length === 0) return;
    for (const a of pending) updateRecord(s, actor, interventionTechnicians, a.id, a.version, { answer: 'accepted', answeredAt: now, reason: null }, 'accepted');
    const names = pending.map((a) => personName(s, a.personId) ?? '?').join(', ');
    addMessage(s, actor, id, { kind: 'system', personId: null, body: `${actorName(s, actor)} recorded the team's confirmation on behalf of ${names}.` });
  } else {
    if (row.status !== 'confirmed') return;
    for (const a of team) if (a.answer === 'accepted') updateRecord(s, actor, interventionTechnicians, a.id, a.version, { answer: 'pending', answeredAt: null }, 'pending');
    addMessage(s, actor, id, { kind: 'system', personId: null, body: `${actorName(s, actor)} withdrew the team's confirmation; the technicians' answers are pending again.` });
  }
}

/*
 * The intervention form's side of main: what interventions.get/create/update/validate/answer/
 * history/messages do beyond the plain services in interventions.ts. Everything that depends on
 * the database (references, the client's contacts and assets, the series, the status) is checked
 * here, whatever the UI did, and refused with the field's path.
 */

type Facts = Pick<
  InterventionRow,
  'clientId' | 'contactPersonId' | 'requestTypeId' | 'objectKind' | 'productId' | 'assetId' | 'verifierId' | 'takenById' | 'teamId' | 'seriesId' | 'plannedStart' | 'plannedEnd'
>;

/** The series interventions are numbered from when the form names none. */
function defaultSeries(s: ServiceContext): string | null {
  const row = one(s, "SELECT id FROM series WHERE doc_type = 'intervention' AND active = 1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1");
  return (row?.id as string | undefined) ?? null;
}

/**
 * Checks what the fields point to, against the merged facts; `changed` names the fields the caller
 * set (an inactive request type kept from before is not refused). Returns what follows from the
 * object: an asset fills the product and serial/lot; a text object clears both.
 */
function checkFacts(s: ServiceContext, f: Facts, changed: ReadonlySet<string>): Pick<InterventionRow, 'productId' | 'assetId' | 'serialLot'> | Record<string, never> {
  const issues: FieldIssue[] = [];
  const live = (table: string, id: string) => one(s, `SELECT * FROM ${table} WHERE id = ? AND deleted_at IS NULL`, id);
  const client = live('clients', f.clientId);
  if (!client) issues.push({ path: 'clientId', message: 'the client does not exist' });
  if (f.contactPersonId) {
    const contact = live('contact_persons', f.contactPersonId);
    if (!contact) issues.push({ path: 'contactPersonId', message: 'the contact person does not exist' });
    else if (contact.client_id !== f.clientId) issues.push({ path: 'contactPersonId', message: 'the contact person belongs to another client' });
  }
  if (f.requestTypeId && changed.has('requestTypeId')) {
    const type = live('request_types', f.requestTypeId);
    if (!type) issues.push({ path: 'requestTypeId', message: 'the request type does not exist' });
    else if (type.active !== 1) issues.push({ path: 'requestTypeId', message: 'the request type is no longer in use' });
  }
  for (const [key, label] of [
    ['verifierId', 'verifier'],
    ['takenById', 'operator'],
  ] as const) {
    const pid = f[key];
    if (pid && changed.has(key) && !live('personnel', pid)) issues.push({ path: key, message: `the ${label} does not exist` });
  }
  if (f.teamId && changed.has('teamId') && !live('teams', f.teamId)) issues.push({ path: 'teamId', message: 'the team does not exist' });
  if (f.seriesId && changed.has('seriesId')) {
    const ser = live('series', f.seriesId);
    if (!ser || ser.doc_type !== 'intervention') issues.push({ path: 'seriesId', message: 'the series does not exist' });
    else if (ser.active !== 1) issues.push({ path: 'seriesId', message: 'the series is no longer in use' });
  }
  if (f.plannedStart !== null && f.plannedEnd !== null && f.plannedEnd < f.plannedStart) {
    issues.push({ path: 'plannedEnd', message: 'the planned end is before the planned start' });
  }
  let object: Pick<InterventionRow, 'productId' | 'assetId' | 'serialLot'> | Record<string, never> = {};
  if (f.objectKind === 'text') object = { productId: null, assetId: null, serialLot: null };
  if (f.objectKind === 'product') {
    if (!f.productId) issues.push({ path: 'productId', message: 'choose a product' });
    else if (!live('products', f.productId)) issues.push({ path: 'productId', message: 'the product does not exist' });
    object = { productId: f.productId, assetId: null, serialLot: null };
  }
  if (f.objectKind === 'asset') {
    const asset = f.assetId ? live('client_assets', f.assetId) : undefined;
    if (!f.assetId) issues.push({ path: 'assetId', message: 'choose one of the client’s assets' });
    else if (!asset) issues.push({ path: 'assetId', message: 'the asset does not exist' });
    else if (asset.client_id !== f.clientId) issues.push({ path: 'assetId', message: 'the asset belongs to another client' });
    if (asset) {
      const serialLot = [asset.serial, asset.lot].filter((x) => typeof x === 'string' && x).join(' / ') || null;
      object = { productId: asset.product_id as string, assetId: asset.id as string, serialLot };
    }
  }
  if (issues.length) throw new ApiError('validation', 'Some fields are not valid.', issues);
  return object;
}

export function createFromForm(s: ServiceContext, actor: Actor, input: InterventionFields & { validate: boolean; technicianIds?: string[] | undefined }): InterventionRow {
  const { validate, technicianIds, ...fields } = input;
  return unitOfWork(s, actor, () => {
      const { extra: extraPatch, ...rest } = fields;
      const values = { ...rest, seriesId: rest.seriesId ?? defaultSeries(s) };
      const object = checkFacts(s, values, new Set(Object.keys(values)));
      // The extra fields are checked in the status the new intervention will have (planned = allocated).
      const status = computeStatus({ ...values, cancelledAt: null, finalizedAt: null, technicianAnswers: [] });
      const extra = prepareExtra(s, { requestTypeId: values.requestTypeId, status, storedJson: '{}', patch: extraPatch });
      const { confirmed, ...facts } = values;
      const row = createIntervention(s, actor, { ...facts, ...object, extra }, { validate });
      describeUnit(s, 'create', { table: 'interventions', rowId: row.id });
      const withTeam = technicianIds?.length ? replaceTechnicians(s, actor, row.id, technicianIds) : row;
      if (!confirmed) return withTeam;
      recordTeamConfirmation(s, actor, row.id, true);
      return refreshStatus(s, actor, row.id);
    });
}

/**
 * Saves a patch over the version the caller opened. A stale version is a conflict that carries,
 * for each field of the patch, the value stored now (issues: path = field, message = JSON), so
 * the form can show both and let the user choose; never a silent overwrite.
 */
export function updateFromForm(s: ServiceContext, actor: Actor, id: string, version: number, patch: InterventionPatch, technicianIds?: string[]): InterventionRow {
  return unitOfWork(s, actor, () => {
      // One save, one action: the fields, the extra values and the technicians; the status follows once.
      describeUnit(s, 'update', { table: 'interventions', rowId: id });
      const current = getRow(s, id);
      refuseIfClosed(current);
      if (current.version !== version) {
        const issues: FieldIssue[] = [{ path: 'version', message: String(current.version) }];
        for (const key of Object.keys(patch)) issues.push({ path: key, message: JSON.stringify(current[key as keyof InterventionRow] ?? null) });
        throw new ApiError('conflict', `This intervention was changed by someone else since you opened it (version ${current.version}, yours ${version}).`, issues);
      }
      // A number belongs to the series that gave it: moved to another series, that series' own
      // counter would give the same number again (and the first series would show a gap). Its
      // date stays too, so numbers keep following dates (the form shows both read-only).
      if (current.valid) {
        const fixed: FieldIssue[] = [];
        if ('seriesId' in patch && patch.seriesId !== current.seriesId) fixed.push({ path: 'seriesId', message: 'a validated intervention keeps its series' });
        if ('docDate' in patch && patch.docDate !== current.docDate) fixed.push({ path: 'docDate', message: 'a validated intervention keeps its date' });
        if (fixed.length) throw new ApiError('validation', 'A validated intervention keeps the series and the date its number was given with.', fixed);
      }
      const { extra: extraPatch, confirmed, ...fields } = patch;
      const merged = { ...current, ...fields };
      const touchesObject = ['objectKind', 'productId', 'assetId', 'clientId'].some((k) => k in patch);
      const object = checkFacts(s, merged, new Set(Object.keys(patch)));
      // Every save is checked in the status it produces: required fields of that status filled,
      // read-only ones unchanged. A new request type keeps the values of fields that no longer
      // apply (stored, not shown), so switching back finds them again.
      const answers = s.raw.prepare('SELECT answer FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL').pluck().all(id) as TechnicianAnswer[];
      const status = computeStatus({ ...merged, technicianAnswers: answers });
      const extra = prepareExtra(s, { requestTypeId: merged.requestTypeId, status, storedJson: current.extra, patch: extraPatch });
      const saved = updateIntervention(s, actor, id, version, { ...fields, ...(touchesObject ? object : {}), ...(extra !== current.extra ? { extra } : {}) });
      noteMovedPlan(s, actor, current, saved, answers);
      const team = () => s.raw.prepare('SELECT person_id FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL').pluck().all(id) as string[];
      const teamBefore = team();
      const withTeam = technicianIds ? replaceTechnicians(s, actor, id, technicianIds) : saved;
      // The technicians who stay on it are told the visit moved (new ones were mailed the allocation).
      if (current.plannedStart !== saved.plannedStart || current.plannedEnd !== saved.plannedEnd) {
        const stayed = new Set(team());
        mailPlanChange(s, actor, id, teamBefore.filter((p) => stayed.has(p)));
      }
      // The tick is a fact about the team's answers, not a column typed in: it is applied to them.
      if (confirmed === undefined || confirmed === withTeam.confirmed) return withTeam;
      recordTeamConfirmation(s, actor, id, confirmed);
      return refreshStatus(s, actor, id);
    });
}

/** A moment in the thread's words: the workstation's local day and time. */
const PLAN_FORMAT = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const planText = (start: number | null, end: number | null) => `${start === null ? '—' : PLAN_FORMAT.format(start)} – ${end === null ? '—' : PLAN_FORMAT.format(end)}`;

/**
 * The planned visit moved (on the calendar or in the form) after a technician accepted it: the
 * thread says so, from when to when, so the team reads it where they answered.
 */
function noteMovedPlan(s: ServiceContext, actor: Actor, before: InterventionRow, after: InterventionRow, answers: readonly TechnicianAnswer[]): void {
  if (before.plannedStart === after.plannedStart && before.plannedEnd === after.plannedEnd) return;
  if (!answers.includes('accepted')) return;
  addMessage(s, actor, before.id, {
    kind: 'system',
    personId: null,
    body: `${actorName(s, actor)} moved the planned visit to ${planText(after.plannedStart, after.plannedEnd)} (it was ${planText(before.plannedStart, before.plannedEnd)}), after the team had accepted it.`,
  });
}

/** Validating a draft gives it its number from the series; the date must be in an open period. */
export function validateIntervention(s: ServiceContext, actor: Actor, id: string, version: number): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      if (row.valid) throw refused({ reason: 'alreadyValidated' }, 'The intervention is already validated.');
      if (row.version !== version) throw new ApiError('conflict', `This intervention was changed by someone else since you opened it (version ${row.version}, yours ${version}).`);
      checkWorkingPeriod(s, row.docDate);
      const seriesId = row.seriesId ?? defaultSeries(s);
      if (!seriesId) throw new ApiError('validation', 'Choose a document series to validate.', [{ path: 'seriesId', message: 'required' }]);
      const number = takeNumberOrPending(s, seriesId);
      return updateRecord(s, actor, interventions, id, version, { seriesId, number, valid: true }, 'validate');
    });
}

/**
 * Numbers the interventions validated offline without one (numbering/blocks.ts), oldest first,
 * from the blocks this workstation holds; answers how many got theirs. The sync loop calls it
 * after reserving blocks. Each is its own change, pushed like any other.
 */
export function numberPendingInterventions(s: ServiceContext): number {
  const pending = s.raw
    .prepare('SELECT id, series_id AS seriesId, version FROM interventions WHERE number IS NULL AND valid = 1 AND deleted_at IS NULL AND series_id IS NOT NULL ORDER BY created_at, id')
    .all() as { id: string; seriesId: string; version: number }[];
  let done = 0;
  for (const p of pending) {
    const numbered = unitOfWork(s, SYSTEM, () => {
      const number = takeNumberOrPending(s, p.seriesId);
      if (number === null) return false;
      updateRecord(s, SYSTEM, interventions, p.id, p.version, { number }, 'number');
      return true;
    });
    if (!numbered) continue;
    done++;
  }
  return done;
}

/** The technicians are exactly these people: the ones left out are taken off, new ones answer "pending". */
export function setTechnicians(s: ServiceContext, actor: Actor, id: string, version: number, personIds: string[]): InterventionRow {
  return unitOfWork(
    s,
    actor,
    () => {
      const row = getRow(s, id);
      if (row.version !== version) throw new ApiError('conflict', 'Someone else changed this intervention since you opened it. Reload it and choose the technicians again.');
      return replaceTechnicians(s, actor, id, personIds);
    },
    { action: 'update', subject: { table: 'interventions', rowId: id } },
  );
}

/** Within a save: takes off the technicians left out, puts on the new ones; the status follows. */
function replaceTechnicians(s: ServiceContext, actor: Actor, id: string, personIds: string[]): InterventionRow {
  return unitOfWork(s, actor, () => {
      const row = getRow(s, id);
      refuseIfClosed(row);
      const issues: FieldIssue[] = [];
      personIds.forEach((pid, i) => {
        if (!one(s, 'SELECT 1 FROM personnel WHERE id = ? AND deleted_at IS NULL AND active = 1', pid)) issues.push({ path: `personIds.${i}`, message: 'no such person' });
      });
      if (issues.length) throw new ApiError('validation', 'Some technicians do not exist.', issues);
      const keep = new Set(personIds);
      const current = s.db
        .select()
        .from(interventionTechnicians)
        .where(and(eq(interventionTechnicians.interventionId, id), isNull(interventionTechnicians.deletedAt)))
        .all();
      for (const t of current) if (!keep.has(t.personId)) deleteRecord(s, actor, interventionTechnicians, t.id, t.version);
      return assignTechnicians(s, actor, id, personIds);
    });
}

/** The logged-in technician answers for themself; someone not on the intervention is refused. */
export function answerAsTechnician(s: ServiceContext, actor: Actor, personId: string | null, id: string, answer: 'accepted' | 'rejected', reason: string | null): InterventionRow {
  if (!personId) throw new ApiError('forbidden', 'Your user is not linked to a person of the personnel, so it cannot answer for a technician.');
  return unitOfWork(s, actor, () => {
      const row = answerAssignment(s, actor, id, personId, answer, reason ?? undefined);
      // The operator who took it is alerted in their Mentions list, on the system message that says why.
      if (answer === 'rejected') mentionOnLatestSystemMessage(s, actor, id, row.takenById);
      return row;
    });
}
