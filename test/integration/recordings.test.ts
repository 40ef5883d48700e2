import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatcher } from '../../src/main/api/dispatcher';
import { SILENT_MS } from '../../src/main/calls/recording';
import type { RecordingRow } from '../../src/shared/api/recordings';
import { apiCalls } from '../support/dispatch';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * Recorded conversations through the dispatcher, as the softphone and the review screen use
 * them: chunks appended in order and flushed (one sent twice taken once), pauses logged and left
 * out of the duration, the file stored by its hash, a recording whose page died closed with what
 * it sent, retention with its audit, and who may hear what, decided in main.
 */

let d: DemoApp;
let dispatcher: Dispatcher;
let now = Date.UTC(2026, 10, 20, 10, 0);
const callers: Record<'admin' | 'operator' | 'supervisor' | 'technician', Caller> = {
  admin: { transport: 'ipc', token: null },
  operator: { transport: 'ipc', token: null },
  supervisor: { transport: 'ipc', token: null },
  technician: { transport: 'http', token: null },
};
const { ok, fails } = apiCalls(() => dispatcher.call, () => callers.operator);
const operatorId = () => d.app.ctx.raw.prepare("SELECT id FROM users WHERE login = 'operator'").pluck().get() as string;
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A call the operator answered (main's log), ready to be recorded. */
async function answeredCall(caller: Caller = callers.operator): Promise<string> {
  const { id } = await ok<{ id: string }>('calls.begin', { direction: 'in', number: '0721 000 111' }, caller);
  await ok('calls.progress', { id, event: 'answered' }, caller);
  return id;
}

beforeAll(async () => {
  d = demoApp(200, new Date(now), () => now);
  dispatcher = createDispatcher(d.app, { log: (e) => console.error(e) });
  for (const [login, caller] of Object.entries(callers)) {
    const r = await dispatcher.call(caller, 'auth.login', { login, password: 'demo' });
    if (!r.ok) throw new Error(`login ${login}: ${r.error.message}`);
  }
}, 60_000);
afterAll(() => d.dispose());

describe('recording a call', () => {
  it('does not record when the settings say so, and records every call or the listed operators', async () => {
    const call = await answeredCall();
    expect(await ok('recordings.start', { callId: call, mimeType: 'audio/webm;codecs=opus' })).toBeNull();
    const me = { userId: operatorId() };
    await ok('settings.update', { recordCalls: 'users', recordUsers: ['someone-else'] }, callers.admin);
    expect(await ok('recordings.start', { callId: call, mimeType: 'audio/webm' })).toBeNull();
    await ok('settings.update', { recordUsers: [me.userId] }, callers.admin);
    const started = await ok<{ id: string }>('recordings.start', { callId: call, mimeType: 'audio/webm' });
    expect(typeof started.id).toBe('string');
    // Nothing sent: it ends as a recording of nothing, with no file.
    expect(await ok('recordings.finish', { id: started.id })).toMatchObject({ status: 'complete', sizeBytes: 0, sha256: null });
    await ok('settings.update', { recordCalls: 'all' }, callers.admin);
  });

  it('appends chunks in order, takes one sent twice once, leaves pauses out, and stores the file by its hash', async () => {
    const call = await answeredCall();
    const { id } = (await ok<{ id: string }>('recordings.start', { callId: call, mimeType: 'audio/webm;codecs=opus' }));
    // Started twice (a retry): the same recording.
    expect(await ok('recordings.start', { callId: call, mimeType: 'audio/webm' })).toEqual({ id });
    expect(await ok('recordings.chunk', { id, seq: 0, data: b64('head-') })).toEqual({ sizeBytes: 5 });
    now += 1000;
    expect(await ok('recordings.chunk', { id, seq: 1, data: b64('one-') })).toEqual({ sizeBytes: 9 });
    // Sent again after a lost answer: taken once.
    expect(await ok('recordings.chunk', { id, seq: 1, data: b64('one-') })).toEqual({ sizeBytes: 9 });
    // A gap is refused, and loses nothing of what came before.
    expect((await fails('recordings.chunk', { id, seq: 3, data: b64('three') })).message).toMatch(/Chunk 3 came before chunk 2/);
    expect((await fails('recordings.chunk', { id, seq: 2, data: 'not base64!' })).code).toBe('validation');
    // A pause while the caller reads out card details: logged, and not counted.
    const paused = await ok<RecordingRow>('recordings.pause', { id });
    expect(paused.pauses).toEqual([{ pausedAt: now, resumedAt: null }]);
    now += 20_000;
    await ok('recordings.resume', { id });
    expect(await ok('recordings.chunk', { id, seq: 2, data: b64('two') })).toEqual({ sizeBytes: 12 });
    now += 9000;
    const done = await ok<RecordingRow>('recordings.finish', { id });
    const sha = createHash('sha256').update('head-one-two').digest('hex');
    expect(done).toMatchObject({ status: 'complete', sizeBytes: 12, sha256: sha, durationMs: 10_000, pauses: [{ pausedAt: now - 29_000, resumedAt: now - 9000 }] });
    expect(readFileSync(d.app.files.pathOf(sha), 'utf8')).toBe('head-one-two');
    // Ended: nothing more is taken.
    expect((await fails('recordings.chunk', { id, seq: 3, data: b64('late') })).code).toBe('refused');
    expect(await ok<RecordingRow>('recordings.finish', { id })).toMatchObject({ status: 'complete', sizeBytes: 12 });
  });

  it('is sent only by the operator on the call, and only while it is under way', async () => {
    const theirs = await answeredCall(callers.supervisor);
    expect((await fails('recordings.start', { callId: theirs, mimeType: 'audio/webm' })).code).toBe('forbidden');
    const { id } = (await ok<{ id: string }>('recordings.start', { callId: theirs, mimeType: 'audio/webm' }, callers.supervisor));
    expect((await fails('recordings.chunk', { id, seq: 0, data: b64('x') })).code).toBe('forbidden');
    expect((await fails('recordings.start', { callId: theirs, mimeType: 'video/mp4' })).issues).toEqual([{ path: 'mimeType', message: 'audio/webm' }]);
    const { id: ringing } = await ok<{ id: string }>('calls.begin', { direction: 'in', number: '0721 000 222' });
    expect((await fails('recordings.start', { callId: ringing, mimeType: 'audio/webm' })).message).toMatch(/under way/);
    // A technician has no right to calls at all.
    expect((await fails('recordings.start', { callId: theirs, mimeType: 'audio/webm' }, callers.technician)).code).toBe('forbidden');
    await ok('recordings.finish', { id }, callers.supervisor);
  });

  it('closes a recording whose page died with what it sent, playable', async () => {
    const call = await answeredCall();
    const { id } = (await ok<{ id: string }>('recordings.start', { callId: call, mimeType: 'audio/webm' }));
    await ok('recordings.chunk', { id, seq: 0, data: b64('up to the last second') });
    // Still alive: the sweep leaves it.
    expect(d.app.recordings.sweep()).toBe(0);
    // The page is gone: no chunk, no heartbeat for longer than SILENT_MS (the sweep's own clock).
    const realNow = Date.now;
    Date.now = () => realNow() + SILENT_MS + 1;
    try {
      expect(d.app.recordings.sweep()).toBe(1);
    } finally {
      Date.now = realNow;
    }
    const row = await ok<RecordingRow>('recordings.forCall', { callId: call });
    expect(row).toMatchObject({ status: 'interrupted', sizeBytes: 21 });
    expect(readFileSync(d.app.files.pathOf(row.sha256!), 'utf8')).toBe('up to the last second');
  });
});

describe('listening to recordings', () => {
  it('lets an operator hear only their own; a supervisor everyone\'s; each playback and download audited', async () => {
    const theirs = (await ok<{ rows: RecordingRow[] }>('recordings.list', {}, callers.supervisor)).rows;
    const mine = (await ok<{ rows: RecordingRow[]; total: number }>('recordings.list', {}));
    expect(mine.total).toBe(3);
    expect(theirs.length).toBe(4);
    const supervisors = theirs.find((r) => !mine.rows.some((m) => m.id === r.id))!;
    // Someone else's is as unknown to an operator as one that does not exist.
    const denied = await dispatcher.download(callers.operator, 'recordings.audio', { id: supervisors.id });
    expect(denied.ok ? null : denied.error.code).toBe('not_found');
    const played = await dispatcher.download(callers.supervisor, 'recordings.audio', { id: mine.rows[0]!.id });
    expect(played.ok && played.value.headers['Content-Type']).toBe('audio/webm');
    const saved = await dispatcher.download(callers.supervisor, 'recordings.audio', { id: mine.rows[0]!.id, save: true });
    expect(saved.ok && saved.value.headers['Content-Disposition']).toMatch(/^attachment; filename="call-2026-11-20-.*\.webm"$/);
    const audit = d.app.ctx.raw.prepare("SELECT action FROM audit_log WHERE table_name = 'recordings' AND row_id = ? ORDER BY at, id").pluck().all(mine.rows[0]!.id);
    expect(audit).toEqual(['recording.play', 'recording.download']);
    // Filters: by operator (for who may see everyone's), by duration.
    const me = { userId: operatorId() };
    expect((await ok<{ total: number }>('recordings.list', { filters: { userId: me.userId } }, callers.supervisor)).total).toBe(3);
    expect((await ok<{ rows: RecordingRow[] }>('recordings.list', { filters: { minDurationS: 10 } }, callers.supervisor)).rows.map((r) => r.durationMs)).toEqual([10_000]);
    expect((await ok<{ rows: RecordingRow[] }>('recordings.list', { filters: { maxDurationS: 9 } }, callers.supervisor)).rows.every((r) => (r.durationMs ?? 0) <= 9000)).toBe(true);
    expect((await ok<{ total: number }>('recordings.list', { filters: { minDurationS: 10, maxDurationS: 10 } }, callers.supervisor)).total).toBe(1);
    expect((await fails('recordings.list', {}, callers.technician)).code).toBe('forbidden');
    // The call log links each call to its recording, where the caller may hear it.
    const logged = (await ok<{ rows: { id: string; recordingId: string | null }[] }>('calls.list', { limit: 500 }, callers.supervisor)).rows;
    expect(logged.find((c) => c.id === supervisors.callId)?.recordingId).toBe(supervisors.id);
    const ownLog = (await ok<{ rows: { id: string; recordingId: string | null }[] }>('calls.list', { limit: 500 })).rows;
    expect(ownLog.find((c) => c.id === supervisors.callId)?.recordingId).toBeNull();
    expect(ownLog.find((c) => c.id === mine.rows[0]!.callId)?.recordingId).toBe(mine.rows[0]!.id);
    // The operator filter's choices: everyone with a recording for a supervisor, only oneself otherwise.
    const names = (await ok<{ id: string }[]>('recordings.operators', {}, callers.supervisor)).map((u) => u.id);
    expect(names).toHaveLength(2);
    expect(names).toContain(me.userId);
    expect((await ok<{ id: string }[]>('recordings.operators', {})).map((u) => u.id)).toEqual([me.userId]);
  });

  it('reviews a recording: notes at moments of it, a weighted score against the scorecard, filters by score', async () => {
    const [rec] = (await ok<{ rows: RecordingRow[] }>('recordings.list', { filters: { minDurationS: 10 } }, callers.supervisor)).rows;
    const id = rec!.id;
    await ok('settings.update', {
      scorecard: { criteria: [{ id: 'greeting', label: 'Greeting', weight: 1 }, { id: 'solved', label: 'Solved it', weight: 3 }], passMark: 70 },
    }, callers.admin);
    // Notes: placed within the recording, listed in time order, removed by their author only.
    const late = await ok<{ id: string; own: boolean }>('recordings.note.add', { id, atMs: 9000, text: 'Did not confirm the address' }, callers.supervisor);
    await ok('recordings.note.add', { id, atMs: 1500, text: 'Good greeting' }, callers.supervisor);
    expect(late.own).toBe(true);
    expect((await fails('recordings.note.add', { id, atMs: 60_000, text: 'after the end' }, callers.supervisor)).issues).toEqual([{ path: 'atMs', message: 'after the end' }]);
    expect((await fails('recordings.note.add', { id, atMs: 0, text: '   ' }, callers.supervisor)).code).toBe('validation');
    // An operator hears the review of their own call, but neither notes nor scores.
    expect((await fails('recordings.note.add', { id, atMs: 0, text: 'mine' })).code).toBe('forbidden');
    expect((await fails('recordings.note.delete', { noteId: late.id }, callers.admin)).code).toBe('forbidden');
    const slip = await ok<{ id: string }>('recordings.note.add', { id, atMs: 100, text: 'typo' }, callers.supervisor);
    expect(await ok('recordings.note.delete', { noteId: slip.id }, callers.supervisor)).toBeNull();
    expect((await fails('recordings.note.delete', { noteId: slip.id }, callers.supervisor)).code).toBe('not_found');
    // Scoring: every criterion of the scorecard, nothing else.
    const missing = await fails('recordings.score', { id, ratings: { greeting: 5 } }, callers.supervisor);
    expect(missing.issues).toEqual([{ path: 'ratings.solved', message: '"Solved it" is not rated' }]);
    const stray = await fails('recordings.score', { id, ratings: { greeting: 5, solved: 3, speed: 1 } }, callers.supervisor);
    expect(stray.issues).toEqual([{ path: 'ratings.speed', message: 'not a criterion of the scorecard (it changed: reload)' }]);
    expect((await fails('recordings.score', { id, ratings: { greeting: 6, solved: 3 } }, callers.supervisor)).code).toBe('validation');
    // (1·5/5 + 3·3/5) / 4 = 70%: exactly the pass mark passes.
    const first = await ok<{ score: number; passed: boolean }>('recordings.score', { id, ratings: { greeting: 5, solved: 3 }, comment: 'Fine' }, callers.supervisor);
    expect(first).toMatchObject({ score: 70, passed: true });
    // Scored again, the score is replaced.
    expect(await ok('recordings.score', { id, ratings: { greeting: 5, solved: 2 } }, callers.supervisor)).toMatchObject({ score: 55, passed: false, comment: '' });
    const review = await ok<{ notes: { text: string }[]; score: { score: number; ratings: { id: string; rating: number }[] }; canReview: boolean }>('recordings.review', { id });
    expect(review.notes.map((n) => n.text)).toEqual(['Good greeting', 'Did not confirm the address']);
    expect(review.score.ratings.map((r) => [r.id, r.rating])).toEqual([['greeting', 5], ['solved', 2]]);
    expect(review.canReview).toBe(false);
    // A later change of the scorecard leaves the score as it was given.
    await ok('settings.update', { scorecard: { criteria: [{ id: 'other', label: 'Other', weight: 1 }], passMark: 50 } }, callers.admin);
    expect((await ok<{ score: { passMark: number } }>('recordings.review', { id }, callers.supervisor)).score.passMark).toBe(70);
    // Filters by score.
    const failed = await ok<{ rows: RecordingRow[] }>('recordings.list', { filters: { score: 'failed' } }, callers.supervisor);
    expect(failed.rows.map((r) => [r.id, r.score, r.passed])).toEqual([[id, 55, false]]);
    expect((await ok<{ total: number }>('recordings.list', { filters: { score: 'passed' } }, callers.supervisor)).total).toBe(0);
    expect((await ok<{ total: number }>('recordings.list', { filters: { maxScore: 54 } }, callers.supervisor)).total).toBe(0);
    expect((await ok<{ total: number }>('recordings.list', { filters: { score: 'unscored' } }, callers.supervisor)).total).toBe(3);
    const audit = d.app.ctx.raw.prepare("SELECT action FROM audit_log WHERE row_id = ? AND action LIKE 'recording.%' AND action NOT IN ('recording.play', 'recording.download') ORDER BY at, id").pluck().all(id);
    expect(audit).toEqual(['recording.note', 'recording.note', 'recording.note', 'recording.note.delete', 'recording.score', 'recording.score']);
    // A scorecard with two criteria of the same id is refused.
    const twice = await fails('settings.update', { scorecard: { criteria: [{ id: 'a', label: 'A', weight: 1 }, { id: 'a', label: 'B', weight: 1 }], passMark: 50 } }, callers.admin);
    expect(twice.code).toBe('validation');
  });

  it('deletes recordings past the retention period, once a day, each deletion audited', async () => {
    const before = (await ok<{ rows: RecordingRow[] }>('recordings.list', {}, callers.supervisor)).rows;
    await ok('settings.update', { recordingRetentionDays: 30 }, callers.admin);
    expect(d.app.recordings.expire()).toBe(0);
    now += 31 * 86_400_000;
    expect(d.app.recordings.expire()).toBe(before.length);
    // A month later the sessions have run out: the supervisor logs in again.
    callers.supervisor = { transport: 'ipc', token: null };
    await ok('auth.login', { login: 'supervisor', password: 'demo' }, callers.supervisor);
    for (const r of before) if (r.sha256) expect(existsSync(d.app.files.pathOf(r.sha256))).toBe(false);
    expect((await ok<{ total: number }>('recordings.list', {}, callers.supervisor)).total).toBe(0);
    const audited = d.app.ctx.raw.prepare("SELECT count(*) FROM audit_log WHERE action = 'recording.expired'").pluck().get();
    expect(audited).toBe(before.length);
    const gone = await dispatcher.download(callers.supervisor, 'recordings.audio', { id: before[0]!.id });
    expect(gone.ok ? null : gone.error.message).toMatch(/deleted \(retention period\)/);
  });
});

describe('recording by request type', () => {
  it('records provisionally while some types record; keeps what turns out to be of such a type (or under one), deletes the rest after an hour', async () => {
    // The retention test moved the clock on: the sessions ended meanwhile.
    for (const [login, caller] of Object.entries(callers)) await ok('auth.login', { login, password: 'demo' }, caller);
    await ok('settings.update', { recordCalls: 'off' }, callers.admin);
    const raw = d.app.ctx.raw;
    const before = await answeredCall();
    expect(await ok('recordings.start', { callId: before, mimeType: 'audio/webm' })).toBeNull();
    // A top-level type records its calls; an intervention of a type under it is about to be linked.
    const child = raw.prepare('SELECT id, parent_id AS parentId FROM request_types WHERE parent_id IS NOT NULL AND active = 1 AND deleted_at IS NULL ORDER BY code LIMIT 1').get() as { id: string; parentId: string };
    raw.prepare('UPDATE request_types SET record_calls = 1 WHERE id = ?').run(child.parentId);
    const intervention = raw.prepare('SELECT id FROM interventions WHERE deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get() as string;
    raw.prepare('UPDATE interventions SET request_type_id = ? WHERE id = ?').run(child.id, intervention);

    // A call's recording, kept for now: which type the call is about is not known yet.
    const recorded = async (): Promise<[string, string]> => {
      const call = await answeredCall();
      const { id } = await ok<{ id: string }>('recordings.start', { callId: call, mimeType: 'audio/webm' });
      await ok('recordings.chunk', { id, seq: 0, data: b64(`audio of ${call}`) });
      expect(await ok<RecordingRow>('recordings.finish', { id })).toMatchObject({ status: 'complete', provisional: true });
      await ok('calls.progress', { id: call, event: 'ended', outcome: 'answered' });
      return [call, id];
    };
    const [about, kept] = await recorded();
    const [other, dropped] = await recorded();
    await ok('calls.link', { id: about, interventionId: intervention });
    const droppedSha = (await ok<RecordingRow>('recordings.forCall', { callId: other })).sha256!;
    // Within the hour: the one about a recorded type is kept, the other waits.
    expect(d.app.recordings.settle(now)).toEqual({ kept: 1, deleted: 0 });
    expect(await ok<RecordingRow>('recordings.forCall', { callId: about })).toMatchObject({ id: kept, provisional: false });
    expect(await ok<RecordingRow>('recordings.forCall', { callId: other })).toMatchObject({ id: dropped, provisional: true });
    // An hour after its call, still about no recorded type: deleted, its file too, audited.
    expect(d.app.recordings.settle(now + 60 * 60_000)).toEqual({ kept: 0, deleted: 1 });
    expect(await ok('recordings.forCall', { callId: other })).toBeNull();
    expect(existsSync(d.app.files.pathOf(droppedSha))).toBe(false);
    const audit = raw.prepare("SELECT row_id AS id, action FROM audit_log WHERE action IN ('recording.kept', 'recording.discarded') ORDER BY at, id").all();
    expect(audit).toEqual([{ id: kept, action: 'recording.kept' }, { id: dropped, action: 'recording.discarded' }]);
    // With no type recording any more, calls are not recorded at all.
    raw.prepare('UPDATE request_types SET record_calls = 0').run();
    expect(await ok('recordings.start', { callId: await answeredCall(), mimeType: 'audio/webm' })).toBeNull();
  });
});
