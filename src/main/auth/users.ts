import { randomBytes } from 'node:crypto';
import { eq, isNull, and, count } from 'drizzle-orm';
import { users } from '../db/schema/index';
import { effectiveRights, MODULES, type ModuleName, type Rights, type Role } from '../../shared/domain/permissions';
import { isLanguage } from '../../shared/i18n/languages';
import { hashPassword } from './password';
import { createRecord } from '../core/records';
import { SYSTEM, type ServiceContext } from '../core/context';
import type { Me } from '../../shared/api/auth';

export type UserRow = typeof users.$inferSelect;

export function parseRights(json: string): Partial<Rights> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value) : {};
  } catch {
    return {};
  }
}

function parseFavourites(json: string): ModuleName[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((m): m is ModuleName => (MODULES as readonly unknown[]).includes(m)) : [];
  } catch {
    return [];
  }
}

export function toMe(u: UserRow): Me {
  return {
    userId: u.id,
    login: u.login,
    displayName: u.displayName,
    role: u.role,
    language: isLanguage(u.language) ? u.language : 'en',
    rights: effectiveRights(u.role, parseRights(u.rights), u.sessionLocked),
    sessionLocked: u.sessionLocked,
    personId: u.personId,
    favourites: parseFavourites(u.favourites),
  };
}

export function findActiveUserByLogin(s: ServiceContext, login: string): UserRow | undefined {
  return s.db
    .select()
    .from(users)
    .where(and(eq(users.login, login), isNull(users.deletedAt), eq(users.active, true)))
    .get();
}

export function createUser(
  s: ServiceContext,
  values: { login: string; displayName: string; password: string; role: Role; language?: string; personId?: string | null },
): UserRow {
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
