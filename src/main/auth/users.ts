import { randomBytes } from 'node:crypto';
import { and, count, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Favourite, Me, UserRow, userCreateInput, userPasswordInput, userUpdateInput } from '../../shared/api/auth';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import { MODULES, ROLE_DEFAULT_RIGHTS, ROLE_DEFAULT_SCOPE, effectiveRights, effectiveScope, type AccessLevel, type ModuleName, type Rights, type Role, type Scope } from '../../shared/domain/permissions';
import { isLanguage } from '../../shared/i18n/languages';
import { SYSTEM, type Actor, type ServiceContext } from '../core/context';
import { createRecord, updateRecord } from '../core/records';
import { recordChange, unitOfWork } from '../core/unit';
import { users } from '../db/schema/index';
import { hashPassword, hashPasswordAsync, storeVerifier } from './password';
import type { SessionService } from './sessions';

/*
 * Users: who may log in, with which role and rights; the first administrator; and their
 * administration (the last administrator is protected, a reset password ends other sessions).
 */

export type UserRecord = typeof users.$inferSelect;

function parseRights(json: string): Partial<Rights> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value) : {};
  } catch {
    return {};
  }
}

const isModule = (m: unknown): m is ModuleName => (MODULES as readonly unknown[]).includes(m);

/** The stored favourites; a bare module name (how they were kept before views could be pinned) is that module. */
export function parseFavourites(json: string): Favourite[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((x): Favourite[] => {
    if (isModule(x)) return [{ module: x, view: null, name: null }];
    if (typeof x !== 'object' || x === null) return [];
    const f = x as Record<string, unknown>;
    if (!isModule(f.module)) return [];
    return [{ module: f.module, view: typeof f.view === 'string' ? f.view : null, name: typeof f.name === 'string' ? f.name : null }];
  });
}

export function toMe(u: UserRecord): Me {
  return {
    userId: u.id,
    login: u.login,
    displayName: u.displayName,
    role: u.role,
    language: isLanguage(u.language) ? u.language : 'en',
    rights: effectiveRights(u.role, parseRights(u.rights), u.sessionLocked),
    scope: effectiveScope(u.role, u.scope),
    sessionLocked: u.sessionLocked,
    personId: u.personId,
    favourites: parseFavourites(u.favourites),
    startPage: u.startPage === 'home' ? 'home' : 'module',
  };
}

export function findActiveUserByLogin(s: ServiceContext, login: string): UserRecord | undefined {
  return s.db
    .select()
    .from(users)
    .where(and(eq(users.login, login), isNull(users.deletedAt), eq(users.active, true)))
    .get();
}

export function createUser(
  s: ServiceContext,
  values: { login: string; displayName: string; password: string; role: Role; language?: string; personId?: string | null },
): UserRecord {
  return createRecord(s, SYSTEM, users, {
    login: values.login,
    displayName: values.displayName,
    passwordHash: hashPassword(values.password),
    role: values.role,
    language: values.language ?? 'en',
    personId: values.personId ?? null,
  });
}

/**
 * On a database with no users, creates the administrator. The password comes from
 * CC_ADMIN_PASSWORD when set (tests, scripted installs), otherwise it is random and returned
 * so that start-up can tell the person at the keyboard how to log in.
 */
export function ensureAdmin(s: ServiceContext, envPassword?: string): { login: string; password: string } | null {
  const existing = s.db.select({ n: count() }).from(users).get();
  if (existing && existing.n > 0) return null;
  const password = envPassword && envPassword.length > 0 ? envPassword : randomBytes(9).toString('base64url');
  createUser(s, { login: 'admin', displayName: 'Administrator', password, role: 'admin' });
  return { login: 'admin', password };
}

/*
 * Users and their rights. The dispatcher reads a user's rights from the database on every call
 * (SessionService.resume), so whatever is saved here applies from the user's next call. Two
 * rules keep the system administrable: some active, unlocked user keeps write access to the
 * Administration module, and an administrator never takes that access away from themself.
 */

type Overrides = Partial<Record<ModuleName, AccessLevel>>;

interface Stored {
  id: string;
  version: number;
  login: string;
  display_name: string;
  role: Role;
  language: string;
  person_id: string | null;
  person_name: string | null;
  active: number;
  session_locked: number;
  rights: string;
  scope: Scope | null;
  last_seen_at: number | null;
}

const SELECT = `SELECT u.id, u.version, u.login, u.display_name, u.role, u.language, u.person_id, p.name AS person_name,
         u.active, u.session_locked, u.rights, u.scope,
         (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at
       FROM users u LEFT JOIN personnel p ON p.id = u.person_id WHERE u.deleted_at IS NULL`;

/** Only what differs from the role's defaults is stored: a later change of role starts clean. */
function normalizeOverrides(role: Role, rights: Overrides): Overrides {
  const out: Overrides = {};
  for (const m of MODULES) {
    const level = rights[m];
    if (level && level !== ROLE_DEFAULT_RIGHTS[role][m]) out[m] = level;
  }
  return out;
}

/** Only a scope that differs from the role's is stored, as with rights. */
const normalizeScope = (role: Role, scope: Scope | null): Scope | null => (scope === ROLE_DEFAULT_SCOPE[role] ? null : scope);

function toRow(r: Stored): UserRow {
  return {
    id: r.id,
    version: r.version,
    login: r.login,
    displayName: r.display_name,
    role: r.role,
    language: isLanguage(r.language) ? r.language : 'en',
    personId: r.person_id,
    personName: r.person_name,
    active: r.active === 1,
    sessionLocked: r.session_locked === 1,
    rights: normalizeOverrides(r.role, parseRights(r.rights)),
    scope: normalizeScope(r.role, r.scope),
    lastSeenAt: r.last_seen_at,
  };
}

export function listUsers(s: ServiceContext): UserRow[] {
  return (s.raw.prepare(`${SELECT} ORDER BY u.login COLLATE NOCASE`).all() as Stored[]).map(toRow);
}

function getUser(s: ServiceContext, id: string): UserRow {
  const r = s.raw.prepare(`${SELECT} AND u.id = ?`).get(id) as Stored | undefined;
  if (!r) throw new ApiError('not_found', 'The user no longer exists.');
  return toRow(r);
}

interface AdminState {
  role: Role;
  rights: Overrides;
  active: boolean;
  sessionLocked: boolean;
}

const administers = (u: AdminState) => u.active && effectiveRights(u.role, u.rights, u.sessionLocked).admin === 'write';

/** The field that takes the right away, for the message under it. */
function lostBy(u: AdminState): string {
  if (!u.active) return 'active';
  if (u.sessionLocked) return 'sessionLocked';
  if (u.rights.admin && u.rights.admin !== 'write') return 'rights.admin';
  return 'role';
}

/**
 * Refuses a change that would leave nobody able to administer, or that takes the administration
 * right from the administrator making it. `next` is the user's state after the change.
 */
function checkAdministrable(s: ServiceContext, actor: Actor, userId: string, before: AdminState, next: AdminState): void {
  if (!administers(before) || administers(next)) return;
  const field = lostBy(next);
  if (actor.userId === userId) {
    throw new ApiError('validation', 'You cannot take away your own right to administer (deactivate, lock, demote or remove the Administration right). Ask another administrator.', [
      { path: field, message: 'you would lock yourself out' },
    ]);
  }
  const others = (s.raw.prepare(`${SELECT} AND u.id <> ?`).all(userId) as Stored[]).map(toRow);
  if (!others.some(administers)) {
    throw new ApiError('validation', 'This is the last active administrator: it cannot be deactivated, locked, demoted or lose the Administration right.', [
      { path: field, message: 'the last active administrator' },
    ]);
  }
}

/** Logins are compared without case (the unique index covers deleted users too). */
function checkLinks(s: ServiceContext, login: string, personId: string | null, exceptId: string | null): void {
  const issues: FieldIssue[] = [];
  const same = s.raw.prepare('SELECT deleted_at FROM users WHERE login = ? COLLATE NOCASE AND id <> ?').get(login, exceptId ?? '') as { deleted_at: number | null } | undefined;
  if (same) issues.push({ path: 'login', message: same.deleted_at === null ? 'another user has this login' : 'a deleted user had this login; choose another' });
  if (personId) {
    const person = s.raw.prepare('SELECT name FROM personnel WHERE id = ? AND deleted_at IS NULL').get(personId) as { name: string } | undefined;
    if (!person) issues.push({ path: 'personId', message: 'the person no longer exists' });
    const other = s.raw
      .prepare('SELECT login FROM users WHERE person_id = ? AND deleted_at IS NULL AND id <> ?')
      .get(personId, exceptId ?? '') as { login: string } | undefined;
    if (other) issues.push({ path: 'personId', message: `already linked to the user ${other.login}` });
  }
  if (issues.length > 0) {
    throw new ApiError('validation', issues.length === 1 ? `The user cannot be saved: ${issues[0]?.message}.` : 'Some fields of the user are not valid.', issues);
  }
}

/**
 * Replaces the password hash. The outbox records the change, but sync never pushes the hash
 * (sync/outbox.ts): in the shared store a user is known by their own store login, and a
 * workstation keeps the hash only of a user who logged in there. What the outbox carries to the
 * store is the store login's SCRAM verifier: the store sets the login's password from it in the
 * same mutation, so a user made or reset here logs in on every workstation. The audit log never holds it,
 * whatever its level: it records only that the password changed.
 */
function writePassword(s: ServiceContext, actor: Actor, id: string, baseVersion: number, hash: string, verifier: string): void {
  const now = s.now();
  const r = s.raw.prepare('UPDATE users SET password_hash = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ? AND deleted_at IS NULL').run(hash, now, id, baseVersion);
  if (r.changes === 0) throw new ApiError('conflict', 'The user was changed by someone else meanwhile. Reload it and try again.');
  recordChange(s, { table: 'users', rowId: id, op: 'update', changes: { password_hash: hash, store_verifier: verifier }, before: null, baseVersion }, 'set_password');
}

export async function createUserAdmin(s: ServiceContext, actor: Actor, input: z.output<typeof userCreateInput>): Promise<UserRow> {
  // scrypt takes ~50 ms: hashed off the host's thread, before the transaction so the write lock is not held meanwhile.
  const [hash, verifier] = await Promise.all([hashPasswordAsync(input.password), storeVerifier(input.password)]);
  const result = unitOfWork(s, actor, () => {
      checkLinks(s, input.login, input.personId, null);
      // Made with an unusable hash first (verifyPassword refuses it), then the real one is set
      // through writePassword, the same path as a reset (the audit never shows a hash: core/unit.ts).
      const row = createRecord(s, actor, users, {
        login: input.login,
        displayName: input.displayName,
        passwordHash: '!',
        role: input.role,
        rights: JSON.stringify(normalizeOverrides(input.role, input.rights)),
        scope: normalizeScope(input.role, input.scope),
        language: input.language,
        personId: input.personId,
        active: input.active,
        sessionLocked: input.sessionLocked,
      });
      writePassword(s, actor, row.id, row.version, hash, verifier);
      return row.id;
    });
  return getUser(s, result);
}

export function updateUserAdmin(s: ServiceContext, sessions: SessionService, actor: Actor, input: z.output<typeof userUpdateInput>): UserRow {
  const row = unitOfWork(s, actor, () => {
      const before = getUser(s, input.id);
      if (before.version !== input.version) throw new ApiError('conflict', `The user ${before.login} was changed by someone else meanwhile. Reload it and try again.`);
      checkLinks(s, input.login, input.personId, input.id);
      const rights = normalizeOverrides(input.role, input.rights);
      checkAdministrable(s, actor, input.id, before, { role: input.role, rights, active: input.active, sessionLocked: input.sessionLocked });
      updateRecord(s, actor, users, input.id, input.version, {
        login: input.login,
        displayName: input.displayName,
        role: input.role,
        rights: JSON.stringify(rights),
        scope: normalizeScope(input.role, input.scope),
        language: input.language,
        personId: input.personId,
        active: input.active,
        sessionLocked: input.sessionLocked,
      });
      // A deactivated user is out at once: their open windows fail their next call.
      if (before.active && !input.active) sessions.endSessionsOf(input.id);
      return getUser(s, input.id);
    });
  return row;
}

/**
 * Sets a user's password. Their other sessions end (a reset is usually because the password
 * leaked); an administrator setting their own keeps the session they are using.
 */
export async function setUserPassword(s: ServiceContext, sessions: SessionService, actor: Actor, input: z.output<typeof userPasswordInput>, callerTokenHash: string | null): Promise<UserRow> {
  const [hash, verifier] = await Promise.all([hashPasswordAsync(input.password), storeVerifier(input.password)]);
  unitOfWork(s, actor, () => {
    getUser(s, input.id);
    writePassword(s, actor, input.id, input.version, hash, verifier);
    sessions.endSessionsOf(input.id, actor.userId === input.id ? callerTokenHash : null);
  });
  return getUser(s, input.id);
}
