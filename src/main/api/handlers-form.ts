import type { formMethods } from '../../shared/api/contract-form';
import type { Handlers } from './dispatcher';

/** The handlers of contract-form.ts (one section, one owner). */
export const formHandlers: Pick<Handlers, keyof typeof formMethods> = {};
