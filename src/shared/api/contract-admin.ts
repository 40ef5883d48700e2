// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the section starts empty; its owner adds methods with def()
import { def } from './def';

/** Administration: series, working periods, personnel and teams, users and rights, settings (admin only). */
export const adminMethods = {};
