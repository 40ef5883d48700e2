import type { Me } from '../../../../shared/api/types';

/** Being built in this session (its owner replaces this file). */
export function UsersAdmin(_props: { me: Me }) {
  return null;
}
