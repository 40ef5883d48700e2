import { ApiError } from '../../shared/api/result';
import type { Me } from '../../shared/api/types';

/** Every method but the public login has a logged-in user; this narrows the type once. */
export function user(me: Me | null): Me {
  if (!me) throw new ApiError('unauthenticated', 'Please log in.');
  return me;
}

/** Who is looking, as the grid and lookups need it (language for names, person for "mine"). */
export const viewer = (me: Me | null) => {
  const u = user(me);
  return { language: u.language, personId: u.personId, userId: u.userId };
};
