// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the section starts empty; its owner adds methods with def()
import { def } from './def';

/** Administration of request types: the hierarchy, their extra-field definitions and form templates (admin only). */
export const adminTypesMethods = {};
