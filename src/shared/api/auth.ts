import { z } from 'zod';
import { def } from './def';
import { PUBLIC, USER, preference, read, write } from './permission';
import { empty, id, requiredText, version } from './primitives';
import { MODULES, ROLES, SCOPES, type AccessLevel, type ModuleName, type Rights, type Role, type Scope } from '../domain/permissions';
import { LANGUAGES, type Language } from '../i18n/languages';

/*
 * Auth and users: logging in and out, the session's own user (language, favourites), and the
 * administration of users and their rights (write access to Administration).
 */

const loginInput = z
  .object({
    login: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .strict();

const languageInput = z.object({ language: z.enum(LANGUAGES) }).strict();

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  role: Role;
  language: Language;
  rights: Rights;
  /** Which interventions the write right reaches (shared/domain/permissions.ts). */
  scope: Scope;
  sessionLocked: boolean;
  personId: string | null;
  /** What the user pinned to My page, in the order they were added. */
  favourites: Favourite[];
  /** After login: My page ('home'), or the first module the user may open. */
  startPage: 'home' | 'module';
}

/**
 * A favourite: a module, or one of its views (a built-in one as 'builtin:<id>', a saved one by
 * its id, with the name it had when pinned so My page can show it without asking the module).
 */
export interface Favourite {
  module: ModuleName;
  view: string | null;
  name: string | null;
}

const favouriteInput = z
  .object({
    module: z.enum(MODULES),
    view: z.string().trim().min(1).max(80).nullish().transform((v) => v ?? null),
    name: z.string().trim().min(1).max(100).nullish().transform((v) => v ?? null),
  })
  .strict();

/**
 * What a login answers. The session's token is not in it: main keeps it with the caller (the
 * window's IPC caller, or the browser host's HttpOnly cookie), so page scripts never see it.
 */
export interface LoginResult {
  /** When the session ends if left idle; each call pushes it on. */
  expiresAt: number;
  /** When the session ends however busy it is: the window warns before it comes. */
  endsAt: number;
  me: Me;
  /** The host's clock at the answer (epoch ms): the page dates documents by it, not by its own. */
  now: number;
}

const ACCESS_LEVELS = ['none', 'read', 'write'] as const satisfies readonly AccessLevel[];

export const MIN_PASSWORD_LENGTH = 8;

const MAX_PASSWORD_LENGTH = 256;

/** Per-module overrides of the role's rights; modules not named keep the role's default. */
const rightsOverrides = z.partialRecord(z.enum(MODULES), z.enum(ACCESS_LEVELS));

export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`)
  .refine((p) => p.trim().length > 0, 'not only spaces');

/** A login is typed at every start: no spaces, no characters that look alike across keyboards. */
const login = z
  .string()
  .trim()
  .min(1, { error: 'required', abort: true })
  .max(64, { abort: true })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, 'letters, digits, and . _ @ - only');

const userFields = {
  login,
  displayName: requiredText(100),
  role: z.enum(ROLES),
  language: z.enum(LANGUAGES),
  personId: id.nullish().transform((v) => v ?? null),
  active: z.boolean(),
  sessionLocked: z.boolean(),
  rights: rightsOverrides,
  /** null: the role's default scope. Optional so a caller that does not know scopes leaves it to the role. */
  scope: z.enum(SCOPES).nullish().transform((v) => v ?? null),
};

export const userCreateInput = z
  .object({
    ...userFields,
    language: userFields.language.default('en'),
    active: userFields.active.default(true),
    sessionLocked: userFields.sessionLocked.default(false),
    rights: rightsOverrides.default({}),
    password: newPassword,
  })
  .strict();

export const userUpdateInput = z.object({ id, version, ...userFields }).strict();

export const userPasswordInput = z.object({ id, version, password: newPassword }).strict();

export interface UserRow {
  id: string;
  version: number;
  login: string;
  displayName: string;
  role: Role;
  language: Language;
  personId: string | null;
  personName: string | null;
  active: boolean;
  sessionLocked: boolean;
  /** Only the modules whose right differs from the role's default. */
  rights: Partial<Record<ModuleName, AccessLevel>>;
  /** The scope when it differs from the role's default, else null. */
  scope: Scope | null;
  /** Last activity of any of the user's sessions on this workstation, null when none. */
  lastSeenAt: number | null;
}

/** Logging in and out, the session's own user, and the administration of users (write access to Administration; the last active administrator is protected). */
export const authMethods = {
  'admin.users.list': def<UserRow[]>()(empty, read('admin')),
  'admin.users.create': def<UserRow>()(userCreateInput, write('admin')),
  // The last active administrator, and the caller's own administration right, are protected.
  'admin.users.update': def<UserRow>()(userUpdateInput, write('admin')),
  'admin.users.setPassword': def<UserRow>()(userPasswordInput, write('admin')),
  'auth.login': def<LoginResult>()(loginInput, PUBLIC),
  'auth.logout': def<null>()(empty, USER),
  'session.me': def<Me>()(empty, USER),
  'session.setLanguage': def<Me>()(languageInput, preference()),
  // Pins a module or a view to My page, or unpins it (the same module and view again).
  'session.toggleFavourite': def<Me>()(favouriteInput, preference()),
  'session.setStartPage': def<Me>()(z.object({ startPage: z.enum(['home', 'module']) }).strict(), preference()),
};
