import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { addAttachment } from '../../src/main/files/attachments';
import { FileStore } from '../../src/main/files/file-store';
import type { ApiErrorBody } from '../../src/shared/api/result';
import { demoApp, type DemoApp } from '../support/demo-app';
import type { EvolutionSheet, InterventionDetail } from '../../src/shared/api/interventions';
import type { MentionsPage, RegisterEntry, ThreadMessage } from '../../src/shared/api/thread';

/*
 * The thread through the API as the renderer calls it: mentions (rows, refusals, the Mentions
 * list), files and templates on messages, messages on closed interventions, the correspondence
 * register (numbering, working period, bad input), the rejection alert and the evolution sheet.
 */

let d: DemoApp;
let dispatch: Dispatch;
const callers: Record<'admin' | 'operator' | 'technician' | 'auditor', Caller> = {
  admin: { transport: 'ipc', token: null },
  operator: { transport: 'ipc', token: null },
  technician: { transport: 'ipc', token: null },
  auditor: { transport: 'ipc', token: null },
};
type Who = keyof typeof callers;

async function ok<T>(method: string, input: unknown, who: Who = 'admin'): Promise<T> {
  const r = await dispatch(callers[who], method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
async function fails(method: string, input: unknown, who: Who = 'admin'): Promise<ApiErrorBody> {
  const r = await dispatch(callers[who], method, input);
  if (r.ok) throw new Error(`${method} should have failed: ${JSON.stringify(input)}`);
  return r.error;
}
const one = <T>(q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).get(...p) as T;
const count = (q: string, ...p: unknown[]) => d.app.ctx.raw.prepare(q).pluck().get(...p) as number;

let ref: { clientId: string; typeId: string; operatorPerson: string; adminPerson: string; techPerson: string; teamId: string; verifierId: string };

beforeAll(async () => {
  d = demoApp(200);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const [login, caller] of Object.entries(callers)) {
    const r = await dispatch(caller, 'auth.login', { login, password: 'demo' });
    expect(r.ok, login).toBe(true);
  }
  const personOf = (login: string) => one<{ person_id: string }>('SELECT person_id FROM users WHERE login = ?', login).person_id;
  const techPerson = personOf('technician');
  ref = {
    clientId: one<{ id: string }>('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT 1').id,
    typeId: one<{ id: string }>('SELECT id FROM request_types WHERE active = 1 AND deleted_at IS NULL ORDER BY depth DESC, id LIMIT 1').id,
    operatorPerson: personOf('operator'),
    adminPerson: personOf('admin'),
    techPerson,
    teamId: one<{ team_id: string }>('SELECT team_id FROM team_members WHERE person_id = ? AND deleted_at IS NULL LIMIT 1', techPerson).team_id,
    verifierId: one<{ id: string }>('SELECT id FROM personnel WHERE is_verifier = 1 AND deleted_at IS NULL LIMIT 1').id,
  };
}, 60_000);
afterAll(() => d.dispose());

const newIntervention = (extra: Record<string, unknown> = {}) =>
  ok<InterventionDetail>('interventions.create', {
    docDate: '2026-11-20',
    clientId: ref.clientId,
    requestTypeId: ref.typeId,
    priority: 2,
    objectKind: 'text',
    objectText: 'Boiler leaks',
    takenById: ref.operatorPerson,
    validate: true,
    ...extra,
  });

const file = (name: string, bytes: Uint8Array) => addAttachment(d.app.ctx, new FileStore(d.app.filesDir), { userId: null }, { name, bytes }, 1024 * 1024);

describe('@mentions', () => {
  it('writes one row per mentioned person and lists the message in their Mentions, newest first', async () => {
    const x = await newIntervention();
    const before = await ok<MentionsPage>('mentions.list', {}, 'operator');
    const m = await ok<ThreadMessage>('interventions.messages.add', { id: x.id, body: 'Please call the client back, @Operator', mentionIds: [ref.operatorPerson] });
    expect(m.mentions).toEqual([{ personId: ref.operatorPerson, name: expect.any(String) as string }]);
    expect(count('SELECT COUNT(*) FROM message_mentions WHERE message_id = ?', m.id)).toBe(1);
    // Through records.ts: replicated (outbox) like every other row.
    expect(count("SELECT COUNT(*) FROM outbox WHERE table_name = 'message_mentions'")).toBeGreaterThan(0);

    const page = await ok<MentionsPage>('mentions.list', {}, 'operator');
    expect(page.unseen).toBe(before.unseen + 1);
    expect(page.items[0]).toMatchObject({ messageId: m.id, interventionId: x.id, interventionNumber: x.fullNumber, clientName: x.clientName, seenAt: null, body: m.body });
    // Not in someone else's list.
    expect((await ok<MentionsPage>('mentions.list', {}, 'technician')).items.some((i) => i.messageId === m.id)).toBe(false);

    // Someone else cannot mark my mention; I can.
    const mine = page.items[0]!.id;
    expect((await fails('mentions.markSeen', { ids: [mine] }, 'technician')).code).toBe('not_found');
    const after = await ok<MentionsPage>('mentions.markSeen', { ids: [mine] }, 'operator');
    expect(after.unseen).toBe(before.unseen);
    expect((await ok<MentionsPage>('mentions.list', {}, 'operator')).items[0]?.seenAt).toEqual(expect.any(Number));
  });

  it('marks all read', async () => {
    const x = await newIntervention();
    await ok('interventions.messages.add', { id: x.id, body: 'one', mentionIds: [ref.operatorPerson] });
    await ok('interventions.messages.add', { id: x.id, body: 'two', mentionIds: [ref.operatorPerson] });
    expect((await ok<MentionsPage>('mentions.list', {}, 'operator')).unseen).toBeGreaterThanOrEqual(2);
    expect((await ok<MentionsPage>('mentions.markSeen', { all: true }, 'operator')).unseen).toBe(0);
    expect((await ok<MentionsPage>('mentions.list', { unseenOnly: true }, 'operator')).items).toEqual([]);
  });

  it('refuses unknown, inactive and repeated people, and writes nothing', async () => {
    const x = await newIntervention();
    const messages = count('SELECT COUNT(*) FROM intervention_messages');
    const unknown = await fails('interventions.messages.add', { id: x.id, body: 'hi', mentionIds: ['no-such-person'] });
    expect(unknown.code).toBe('validation');
    expect(unknown.issues).toEqual([{ path: 'mentionIds.0', message: 'no such person' }]);
    const inactive = one<{ id: string }>('SELECT id FROM personnel WHERE id NOT IN (?, ?) AND deleted_at IS NULL LIMIT 1', ref.operatorPerson, ref.adminPerson).id;
    d.app.ctx.raw.prepare('UPDATE personnel SET active = 0 WHERE id = ?').run(inactive);
    expect((await fails('interventions.messages.add', { id: x.id, body: 'hi', mentionIds: [inactive] })).issues?.[0]?.path).toBe('mentionIds.0');
    d.app.ctx.raw.prepare('UPDATE personnel SET active = 1 WHERE id = ?').run(inactive);
    const twice = await fails('interventions.messages.add', { id: x.id, body: 'hi', mentionIds: [ref.operatorPerson, ref.operatorPerson] });
    expect(twice.issues?.[0]?.path).toBe('mentionIds');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'hi', mentionIds: 'everyone' })).code).toBe('validation');
    expect(count('SELECT COUNT(*) FROM intervention_messages')).toBe(messages);
  });

  it('alerts the operator who took it when a technician rejects (a mention on the system message)', async () => {
    let x = await newIntervention({ plannedStart: Date.UTC(2026, 10, 23, 8), plannedEnd: Date.UTC(2026, 10, 23, 12), teamId: ref.teamId, verifierId: ref.verifierId });
    x = await ok<InterventionDetail>('interventions.assignTechnicians', { id: x.id, version: x.version, personIds: [ref.techPerson] });
    await ok('mentions.markSeen', { all: true }, 'operator');
    x = await ok<InterventionDetail>('interventions.answer', { id: x.id, answer: 'rejected', reason: 'Van is in the garage' }, 'technician');
    expect(x.status).toBe('taken');
    const page = await ok<MentionsPage>('mentions.list', {}, 'operator');
    expect(page.unseen).toBe(1);
    expect(page.items[0]).toMatchObject({ interventionId: x.id, seenAt: null });
    expect(page.items[0]?.body).toContain('Van is in the garage');
    const thread = await ok<ThreadMessage[]>('interventions.messages.list', { id: x.id });
    expect(thread.find((m) => m.kind === 'system')?.mentions).toEqual([{ personId: ref.operatorPerson, name: x.takenByName }]);
  });
});

describe('messages', () => {
  it('are still accepted once the intervention is closed', async () => {
    const x = await newIntervention();
    await ok('interventions.cancel', { id: x.id, version: x.version, reason: 'Client withdrew' });
    const closed = await ok<InterventionDetail>('interventions.get', { id: x.id });
    expect(closed.status).toBe('cancelled');
    const m = await ok<ThreadMessage>('interventions.messages.add', { id: x.id, body: 'Client called to say thanks', mentionIds: [ref.operatorPerson] }, 'operator');
    expect(m.personId).toBe(ref.operatorPerson);
    // …but the intervention itself stays read-only.
    expect((await fails('interventions.update', { id: x.id, version: closed.version, patch: { notes: 'x' } })).code).toBe('refused');
  });

  it('carry a file and the template it fills; refuse what does not exist', async () => {
    const x = await newIntervention();
    const a = file('checklist filled.pdf', new TextEncoder().encode('%PDF-1.4 filled'));
    const m = await ok<ThreadMessage>('interventions.messages.add', { id: x.id, body: '', attachmentId: a.id });
    expect(m.attachment).toEqual({ id: a.id, fileName: 'checklist filled.pdf', size: a.size, mimeType: 'application/pdf' });
    expect(m.body).toBe('');

    expect((await fails('interventions.messages.add', { id: x.id, body: '' })).issues?.[0]?.path).toBe('body');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'x', attachmentId: 'nope' })).issues?.[0]).toEqual({ path: 'attachmentId', message: 'the file does not exist' });
    expect((await fails('interventions.messages.add', { id: x.id, body: 'x', templateId: 'tpl' })).issues?.[0]?.path).toBe('templateId');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'x', attachmentId: a.id, templateId: 'not-of-this-type' })).issues?.[0]?.path).toBe('templateId');
    expect((await fails('interventions.messages.add', { id: 'missing', body: 'x' })).code).toBe('not_found');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'x'.repeat(4001) })).code).toBe('validation');
    expect((await fails('interventions.messages.add', { id: x.id, body: 'bell\u0007' })).code).toBe('validation');
    // Script tags are text: stored as typed, shown as text by the UI.
    expect((await ok<ThreadMessage>('interventions.messages.add', { id: x.id, body: '<script>alert(1)</script>' })).body).toBe('<script>alert(1)</script>');
  });

  it('mark a file as filling a template of the request type', async () => {
    const x = await newIntervention();
    const blank = file('blank.pdf', new TextEncoder().encode('%PDF-1.4 blank'));
    const now = Date.now();
    const tplId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a50';
    d.app.ctx.raw
      .prepare('INSERT INTO request_type_templates (id, created_at, updated_at, version, request_type_id, name, attachment_id, mode, sequence) VALUES (?, ?, ?, 1, ?, ?, ?, ?, 0)')
      .run(tplId, now, now, ref.typeId, 'Safety checklist', blank.id, 'mandatory');
    const filled = file('filled.pdf', new TextEncoder().encode('%PDF-1.4 filled in'));
    const m = await ok<ThreadMessage>('interventions.messages.add', { id: x.id, body: 'Signed', attachmentId: filled.id, templateId: tplId });
    expect(m).toMatchObject({ templateId: tplId, templateName: 'Safety checklist' });
    expect((await ok<InterventionDetail>('interventions.get', { id: x.id })).filledTemplateIds).toContain(tplId);
  });

  it('are refused to the read-only auditor', async () => {
    const x = await newIntervention();
    expect((await fails('interventions.messages.add', { id: x.id, body: 'x' }, 'auditor')).code).toBe('forbidden');
    expect(await ok<ThreadMessage[]>('interventions.messages.list', { id: x.id }, 'auditor')).toEqual([]);
  });
});

describe('unread messages, per user', () => {
  type Row = { id: string; unread: number };
  const view = (filters: Record<string, unknown> = {}) => ({ filters, sort: [], groupBy: [], tzOffsetMinutes: 0 });
  const unreadOf = async (id: string, who: Who) =>
    (await ok<{ rows: Row[] }>('interventions.grid.rows', { view: view({ search: 'Unread leaks' }), path: [], position: 0, limit: 100 }, who)).rows.find((r) => r.id === id)?.unread;
  const withUnread = async (who: Who) => (await ok<{ rows: Row[] }>('interventions.grid.rows', { view: view({ unread: true }), path: [], position: 0, limit: 500 }, who)).rows.map((r) => r.id);

  it('counts what others wrote since the user last read the thread; reading clears it; the filter follows', async () => {
    // The demo's clock stands still: the accounts were made, and had read everything, a day before these messages.
    d.app.ctx.raw.prepare("UPDATE users SET created_at = created_at - 86400000, reads_since = reads_since - 86400000 WHERE login IN ('technician', 'operator')").run();
    const x = await newIntervention({ objectText: 'Unread leaks' });
    expect(await unreadOf(x.id, 'technician')).toBe(0);
    await ok('interventions.messages.add', { id: x.id, body: 'Ladder needed' }, 'operator');
    await ok('interventions.messages.add', { id: x.id, body: 'Gate code 1234' }, 'operator');
    expect(await unreadOf(x.id, 'technician')).toBe(2);
    expect(await withUnread('technician')).toContain(x.id);
    // One's own messages are never unread.
    expect(await unreadOf(x.id, 'operator')).toBe(0);
    expect(await withUnread('operator')).not.toContain(x.id);

    const list = await ok<ThreadMessage[]>('interventions.messages.list', { id: x.id }, 'technician');
    const newest = Math.max(...list.map((m) => m.at));
    expect(await ok('interventions.messages.markRead', { id: x.id, upTo: newest }, 'technician')).toEqual({ moved: true });
    expect(await unreadOf(x.id, 'technician')).toBe(0);
    expect(await withUnread('technician')).not.toContain(x.id);
    // The mark never goes back; the same again moves nothing.
    expect(await ok('interventions.messages.markRead', { id: x.id, upTo: newest - 60_000 }, 'technician')).toEqual({ moved: false });
    expect(await unreadOf(x.id, 'technician')).toBe(0);
    // The auditor reads without the write right: reading marks are theirs to keep.
    expect(await ok('interventions.messages.markRead', { id: x.id, upTo: newest }, 'auditor')).toEqual({ moved: true });
  });

  it('answers bad input with a clear refusal and changes nothing', async () => {
    expect(await fails('interventions.messages.markRead', { id: 'no-such', upTo: Date.UTC(2026, 10, 20) }, 'technician')).toMatchObject({ code: 'not_found' });
    expect(await fails('interventions.messages.markRead', { id: 'x', upTo: 'yesterday' }, 'technician')).toMatchObject({ code: 'validation' });
    expect(await fails('interventions.messages.markRead', { id: 'x', upTo: 12 }, 'technician')).toMatchObject({ code: 'validation' });
  });
});

describe('the correspondence register', () => {
  const entry = (extra: Record<string, unknown> = {}) => ({ date: '2026-11-19', direction: 'in', party: 'Apa Nova SA', subject: 'Complaint about the meter', ...extra });

  it('numbers entries from the active register series, in order, never twice', async () => {
    const next = one<{ n: number; prefix: string }>("SELECT next_number AS n, prefix FROM series WHERE doc_type = 'register'");
    const a = await ok<RegisterEntry>('register.create', entry());
    const b = await ok<RegisterEntry>('register.create', entry({ direction: 'out', party: 'Client SRL', subject: 'Our answer' }));
    expect(a.number).toBe(`${next.prefix}-${next.n}`);
    expect(b.number).toBe(`${next.prefix}-${next.n + 1}`);
    expect(await ok<RegisterEntry>('register.get', { id: a.id })).toEqual(a);
  });

  it('keeps the date in the open working period and refuses bad input with field paths', async () => {
    const outside = await fails('register.create', entry({ date: '2019-03-01' }));
    expect(outside).toMatchObject({ code: 'validation', message: 'The date 2019-03-01 is outside the open working period.' });
    expect(outside.issues?.[0]?.path).toBe('date');
    const paths = async (input: unknown) => (await fails('register.create', input)).issues?.map((i) => i.path);
    expect(await paths(entry({ party: '   ' }))).toEqual(['party']);
    expect(await paths(entry({ subject: 'x'.repeat(501) }))).toEqual(['subject']);
    expect(await paths(entry({ date: '2026-02-30' }))).toEqual(['date']);
    expect(await paths(entry({ direction: 'sideways' }))).toEqual(['direction']);
    expect(await paths(entry({ attachmentId: 'nope' }))).toEqual(['attachmentId']);
    expect(await paths({ ...entry(), extra: 1 })).toEqual(['']);
    expect((await fails('register.create', entry(), 'auditor')).code).toBe('forbidden');
  });

  it('says so when there is no active register series', async () => {
    d.app.ctx.raw.prepare("UPDATE series SET active = 0 WHERE doc_type = 'register'").run();
    try {
      const e = await fails('register.create', entry());
      expect(e.message).toContain('no active series for the correspondence register');
      expect(e.issues?.[0]?.path).toBe('number');
    } finally {
      d.app.ctx.raw.prepare("UPDATE series SET active = 1 WHERE doc_type = 'register'").run();
    }
  });

  it('searches by number, party and subject, by date range and direction', async () => {
    const doc = file('letter.pdf', new TextEncoder().encode('%PDF-1.4 letter'));
    const e = await ok<RegisterEntry>('register.create', entry({ date: '2026-10-05', party: 'Ștefan Ionescu PFA', subject: 'Invoice dispute 77', attachmentId: doc.id }));
    expect(e.attachment?.fileName).toBe('letter.pdf');
    const find = (q: Record<string, unknown>) => ok<RegisterEntry[]>('register.list', q);
    expect((await find({ query: 'ionescu' })).map((r) => r.id)).toContain(e.id);
    expect((await find({ query: 'DISPUTE 77' })).map((r) => r.id)).toEqual([e.id]);
    expect((await find({ query: e.number })).map((r) => r.id)).toEqual([e.id]);
    expect((await find({ query: '%' })).map((r) => r.id)).not.toContain(e.id);
    expect((await find({ from: '2026-10-01', to: '2026-10-31' })).map((r) => r.id)).toEqual([e.id]);
    expect((await find({ from: '2026-10-06' })).map((r) => r.id)).not.toContain(e.id);
    expect((await find({ direction: 'out' })).every((r) => r.direction === 'out')).toBe(true);
    expect((await fails('register.list', { from: '2026-10-31', to: '2026-10-01' })).issues?.[0]?.path).toBe('to');
    expect(await ok<RegisterEntry[]>('register.list', {}, 'auditor')).not.toEqual([]);
  });

  it('links an entry to an intervention as a message', async () => {
    const x = await newIntervention();
    const e = await ok<RegisterEntry>('register.create', entry({ subject: 'Linked letter' }));
    const m = await ok<ThreadMessage>('interventions.messages.add', { id: x.id, body: '', registerEntryId: e.id });
    expect(m.registerEntry).toEqual(e);
    expect((await fails('interventions.messages.add', { id: x.id, body: '', registerEntryId: 'nope' })).issues?.[0]?.path).toBe('registerEntryId');
  });
});

describe('the evolution sheet', () => {
  it('holds the intervention, its whole thread and its history', async () => {
    const x = await newIntervention();
    await ok('interventions.messages.add', { id: x.id, body: 'First call' });
    const sheet = await ok<EvolutionSheet>('interventions.sheet', { id: x.id }, 'auditor');
    expect(sheet.detail.id).toBe(x.id);
    expect(sheet.messages.map((m) => m.body)).toEqual(['First call']);
    expect(sheet.history.length).toBeGreaterThan(0);
    expect((await fails('interventions.sheet', { id: 'missing' })).code).toBe('not_found');
  });
});
