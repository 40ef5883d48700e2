import { eq } from 'drizzle-orm';
import { users } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import type { Language } from '../../shared/i18n/languages';
import { updateRecord } from '../core/records';
import type { ServiceContext } from '../core/context';
import type { Favourite, Me } from '../../shared/api/auth';
import { parseFavourites, toMe } from './users';

/** At most this many favourites: My page is a short list, not a second menu. */
const MAX_FAVOURITES = 40;

/** Pins a module or one of its views to My page, or unpins it (the same module and view again). */
export function toggleFavourite(s: ServiceContext, userId: string, wanted: Favourite): Me {
  const user = s.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new ApiError('not_found', 'Your user no longer exists.');
  const current = parseFavourites(user.favourites);
  const same = (f: Favourite) => f.module === wanted.module && f.view === wanted.view;
  if (!current.some(same) && current.length >= MAX_FAVOURITES) throw new ApiError('validation', `At most ${MAX_FAVOURITES} favourites.`);
  const next = current.some(same) ? current.filter((f) => !same(f)) : [...current, wanted];
  return toMe(updateRecord(s, { userId }, users, userId, user.version, { favourites: JSON.stringify(next) }, 'favourites'));
}

/** What the user sees first after login: My page, or their first module. */
export function setStartPage(s: ServiceContext, userId: string, startPage: 'home' | 'module'): Me {
  const user = s.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new ApiError('not_found', 'Your user no longer exists.');
  return toMe(updateRecord(s, { userId }, users, userId, user.version, { startPage }, 'start_page'));
}

/** The UI language is the user's own preference: no module right is needed to change it. */
export function setLanguage(s: ServiceContext, userId: string, language: Language): Me {
  const user = s.db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw new ApiError('not_found', 'Your user no longer exists.');
  return toMe(updateRecord(s, { userId }, users, userId, user.version, { language }, 'set_language'));
}
