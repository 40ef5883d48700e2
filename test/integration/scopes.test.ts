import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Caller, type Dispatch } from '../../src/main/api/dispatcher';
import { methods } from '../../src/shared/api/contract';
import type { UserRow } from '../../src/shared/api/auth';
import { ROLE_DEFAULT_SCOPE } from '../../src/shared/domain/permissions';
import { demoApp, type DemoApp } from '../support/demo-app';

/*
 * Rights with a scope (own / team / all), enforced in main for each role and per user, and the
 * preferences a read-only user may change on purpose (docs/security.md).
 */

let d: DemoApp;
let dispatch: Dispatch;
const callers: Record<string, Caller> = {};

beforeAll(async () => {
  d = demoApp(400);
  dispatch = createDispatcher(d.app, { log: (e) => console.error(e) }).call;
  for (const login of ['admin', 'operator', 'supervisor', 'technician', 'auditor']) {
    const c: Caller = { transport: 'ipc', token: null };
    const r = await dispatch(c, 'auth.login', { login, password: 'demo' });
    if (!r.ok) throw new Error(r.error.message);
    callers[login] = c;
  }
}, 60_000);
afterAll(() => d.dispose());

const one = <T>(sql: string, ...p: unknown[]) => d.app.ctx.raw.prepare(sql).get(...p) as T;
const personOf = (login: string) => one<{ person_id: string }>('SELECT person_id FROM users WHERE login = ?', login).person_id;
const versionOf = (id: string) => one<{ version: number }>('SELECT version FROM interventions WHERE id = ?', id).version;

/** A live, open intervention (taken or allocated) matching `where`, about the person `@p`. */
function pick(where: string, person: string): string {
  const row = one<{ id: string } | undefined>(
    `SELECT i.id FROM interventions i WHERE i.deleted_at IS NULL AND i.status IN ('taken', 'allocated') AND ${where} ORDER BY i.id LIMIT 1`,
    { p: person },
  );
  if (!row) throw new Error(`no intervention where ${where}`);
  return row.id;
}
const HAS_TECH = 'EXISTS (SELECT 1 FROM intervention_technicians t WHERE t.intervention_id = i.id AND t.person_id = @p AND t.deleted_at IS NULL)';
const NOT_MINE = `NOT ${HAS_TECH} AND coalesce(i.verifier_id, '') <> @p AND coalesce(i.taken_by_id, '') <> @p`;
/** A technician of it shares a team with @p. */
const TEAMMATE_ON_IT = `EXISTS (SELECT 1 FROM intervention_technicians t JOIN team_members a ON a.person_id = t.person_id AND a.deleted_at IS NULL
  JOIN team_members b ON b.team_id = a.team_id AND b.person_id = @p AND b.deleted_at IS NULL WHERE t.intervention_id = i.id AND t.deleted_at IS NULL)`;

async function answer(who: string, method: string, input: unknown) {
  return dispatch(callers[who]!, method, input);
}
const patch = (id: string, notes: string) => ({ id, version: versionOf(id), patch: { notes } });
/** A user as admin.users.update takes it, with changes. */
const edit = ({ personName: _n, lastSeenAt: _l, ...row }: UserRow, change: Partial<UserRow>) => ({ ...row, ...change });
async function userRow(login: string): Promise<UserRow> {
  const r = await answer('admin', 'admin.users.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as UserRow[]).find((u) => u.login === login)!;
}

describe('scopes of the write right on interventions', () => {
  it('gives field technicians their own work and everyone else all of it, by default', () => {
    expect(ROLE_DEFAULT_SCOPE).toEqual({ admin: 'all', supervisor: 'all', operator: 'all', technician: 'own' });
  });

  it('lets a technician change their own intervention, and nothing of anyone else’s: update, delete, cancel, finalize, reassign, validate, note', async () => {
    const me = personOf('technician');
    // Assigned to them by an operator (the demo's technician may have nothing open).
    const mine = pick(NOT_MINE, me);
    expect(await answer('operator', 'interventions.assignTechnicians', { id: mine, version: versionOf(mine), personIds: [me] })).toMatchObject({ ok: true });
    expect(await answer('technician', 'interventions.update', patch(mine, 'on my way'))).toMatchObject({ ok: true });
    expect(await answer('technician', 'interventions.messages.add', { id: mine, body: 'arrived' })).toMatchObject({ ok: true });

    const theirs = pick(NOT_MINE, me);
    const refusals = await Promise.all([
      answer('technician', 'interventions.update', patch(theirs, 'not mine')),
      answer('technician', 'interventions.delete', { id: theirs, version: versionOf(theirs) }),
      answer('technician', 'interventions.cancel', { id: theirs, version: versionOf(theirs), reason: 'x' }),
      answer('technician', 'interventions.finalize', { id: theirs, version: versionOf(theirs), resolution: 'x' }),
      answer('technician', 'interventions.assignTechnicians', { id: theirs, version: versionOf(theirs), personIds: [me] }),
      answer('technician', 'interventions.validate', { id: theirs, version: versionOf(theirs) }),
      answer('technician', 'interventions.messages.add', { id: theirs, body: 'hello' }),
    ]);
    for (const r of refusals) expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('not yours to change') as string } });
    // Nothing was written by the refused calls.
    expect(one<{ n: number }>('SELECT count(*) AS n FROM intervention_messages WHERE intervention_id = ? AND body = ?', theirs, 'hello').n).toBe(0);
    expect(one<{ deleted_at: number | null }>('SELECT deleted_at FROM interventions WHERE id = ?', theirs).deleted_at).toBeNull();
    // A missing intervention is missing for everyone, not "not yours".
    expect(await answer('technician', 'interventions.update', { id: 'no-such-id', version: 1, patch: { notes: 'x' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('lets a technician create only work that is theirs', async () => {
    const me = personOf('technician');
    const clientId = one<{ id: string }>('SELECT id FROM clients WHERE deleted_at IS NULL ORDER BY id LIMIT 1').id;
    const before = one<{ n: number }>('SELECT count(*) AS n FROM interventions').n;
    const foreign = await answer('technician', 'interventions.create', { docDate: '2026-11-20', clientId, notes: 'for someone else', validate: false });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(one<{ n: number }>('SELECT count(*) AS n FROM interventions').n).toBe(before); // rolled back whole
    const own = await answer('technician', 'interventions.create', { docDate: '2026-11-20', clientId, notes: 'follow-up visit', validate: false, technicianIds: [me] });
    expect(own).toMatchObject({ ok: true });
  });

  it('lets operators, supervisors and administrators change any intervention', async () => {
    for (const who of ['operator', 'supervisor', 'admin']) {
      const theirs = pick(NOT_MINE, personOf(who));
      expect(await answer(who, 'interventions.update', patch(theirs, `changed by ${who}`)), who).toMatchObject({ ok: true });
    }
  });

  it('takes a scope per user: a technician given their team’s work, an operator narrowed to their own', async () => {
    const me = personOf('technician');
    const teammateJob = pick(`${NOT_MINE} AND ${TEAMMATE_ON_IT}`, me);
    expect(await answer('technician', 'interventions.update', patch(teammateJob, 'helping'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const saved = await answer('admin', 'admin.users.update', edit(await userRow('technician'), { scope: 'team' }));
    expect(saved).toMatchObject({ ok: true, value: { scope: 'team' } });
    // Applies from the next call, like every right.
    expect(await answer('technician', 'interventions.update', patch(teammateJob, 'helping'))).toMatchObject({ ok: true });
    const outsider = pick(
      `${NOT_MINE} AND NOT ${TEAMMATE_ON_IT} AND coalesce(i.team_id, '') NOT IN (SELECT team_id FROM team_members WHERE person_id = @p AND deleted_at IS NULL)
       AND coalesce(i.verifier_id, '') <> @p AND coalesce(i.taken_by_id, '') <> @p`,
      me,
    );
    expect(await answer('technician', 'interventions.update', patch(outsider, 'not my team'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await answer('admin', 'admin.users.update', edit(await userRow('operator'), { scope: 'own' }))).toMatchObject({ ok: true, value: { scope: 'own' } });
    expect(await answer('operator', 'interventions.update', patch(outsider, 'narrowed'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Back to the role's default: stored as no override.
    expect(await answer('admin', 'admin.users.update', edit(await userRow('operator'), { scope: 'all' }))).toMatchObject({ ok: true, value: { scope: null } });
  });
});

describe('what a read-only user may change: their own preferences, on purpose', () => {
  const PREFERENCES = Object.entries(methods)
    .filter(([, spec]) => spec.permission.kind === 'preference')
    .map(([name]) => name)
    .sort();

  it('lists every preference method in the rights table of docs/security.md', () => {
    expect(PREFERENCES).toEqual(['interventions.messages.markRead', 'mentions.markSeen', 'session.setLanguage', 'session.setStartPage', 'session.toggleFavourite', 'views.delete', 'views.save']);
    const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    for (const name of PREFERENCES) expect(doc, name).toContain(`\`${name}\``);
  });

  it('lets the read-only auditor and a session locked for changes change them, and nothing else', async () => {
    expect(await answer('admin', 'admin.users.update', edit(await userRow('supervisor'), { sessionLocked: true }))).toMatchObject({ ok: true });
    const id = one<{ id: string }>("SELECT id FROM interventions WHERE deleted_at IS NULL AND status = 'taken' ORDER BY id LIMIT 1").id;
    for (const who of ['auditor', 'supervisor']) {
      expect(await answer(who, 'session.setLanguage', { language: 'ro' }), who).toMatchObject({ ok: true });
      expect(await answer(who, 'session.toggleFavourite', { module: 'interventions', view: null, name: null }), who).toMatchObject({ ok: true });
      expect(await answer(who, 'session.setStartPage', { startPage: 'home' }), who).toMatchObject({ ok: true });
      expect(await answer(who, 'interventions.messages.markRead', { id, upTo: 1_800_000_000_000 }), who).toMatchObject({ ok: true });
      expect(await answer(who, 'mentions.markSeen', { all: true }), who).toMatchObject({ ok: true });
      // …and no shared data: a note, a client, an intervention.
      expect(await answer(who, 'interventions.messages.add', { id, body: 'x' }), who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await answer(who, 'interventions.update', patch(id, 'x')), who).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});
