import type { adminTypesMethods } from '../../shared/api/contract-admin-types';
import type { Handlers } from './dispatcher';

/** The handlers of contract-admin-types.ts (one section, one owner). */
export const adminTypesHandlers: Pick<Handlers, keyof typeof adminTypesMethods> = {};
