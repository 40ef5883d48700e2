import { eq } from 'drizzle-orm';
import { users } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import type { Language } from '../../shared/i18n/languages';
import type { ModuleName } from '../../shared/domain/permissions';
import { updateRecord } from '../core/records';
import type { ServiceContext } from '../core/context';
import type { Me } from '../../shared/api/auth';
import { toMe } from './users';

/** Pins a module to the user's favourites, or unpins it. */
export function toggleFavourite(s: ServiceContext, userId: string, module: ModuleName): Me {
  const user = s.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new ApiError('not_found', 'Your user no longer exists.');
  const current = toMe(user).favourites;
  const next = current.includes(module) ? current.filter((m) => m !== module) : [...current, module];
  return toMe(updateRecord(s, { userId }, users, userId, user.version, { favourites: JSON.stringify(next) }, 'favourites'));
}

/** The UI language is the user's own preference: no module right is needed to change it. */
export function setLanguage(s: ServiceContext, userId: string, language: Language): Me {
  const user = s.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new ApiError('not_found', 'Your user no longer exists.');
  return toMe(updateRecord(s, { userId }, users, userId, user.version, { language }, 'set_language'));
}
