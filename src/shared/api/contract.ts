import type { z } from 'zod';
import { PUBLIC, USER, read, write, type Permission } from './permission';
import {
  clientInput,
  clientListInput,
  empty,
  languageInput,
  loginInput,
  settingsPatch,
} from './schemas';
import type { AppInfo, ClientRow, LoginResult, Me, Settings } from './types';

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  permission: Permission;
  /** Phantom: carries the output type; never read at run time. */
  output?: O;
}

/** `def<Output>()(input, permission)`: the output type is named, the input inferred. */
const def =
  <O>() =>
  <I extends z.ZodType>(input: I, permission: Permission): MethodSpec<I, O> => ({ input, permission });

/**
 * Every method of the API, once. Both transports (Electron IPC, WebSocket) dispatch these;
 * src/main/api must implement each one and the renderer's client is typed from this map.
 */
export const methods = {
  'auth.login': def<LoginResult>()(loginInput, PUBLIC),
  'auth.logout': def<null>()(empty, USER),
  'session.me': def<Me>()(empty, USER),
  'session.setLanguage': def<Me>()(languageInput, USER),
  'app.info': def<AppInfo>()(empty, USER),
  'settings.get': def<Settings>()(empty, USER),
  'settings.update': def<Settings>()(settingsPatch, write('admin')),
  'clients.list': def<ClientRow[]>()(clientListInput, read('clients')),
  'clients.create': def<ClientRow>()(clientInput, write('clients')),
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (before defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (validated, defaults applied, transformed). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<Methods[M]['output'], undefined>;

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(methods, x);
}

/** Events pushed from main to every logged-in window. */
export interface Events {
  /** Rows changed (by this or another window, later by sync); lists refresh what they show. */
  'data.changed': { table: string; ids: string[] };
  /** The session ended (logout elsewhere, expiry); the window returns to the login screen. */
  'session.ended': { reason: 'logout' | 'expired' };
}
export type EventName = keyof Events;
