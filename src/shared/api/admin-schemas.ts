import { z } from 'zod';
import { MODULES, ROLES, type AccessLevel, type ModuleName, type Role } from '../domain/permissions';
import { normalizePhone } from '../domain/phone';
import { LANGUAGES, type Language } from '../i18n/languages';
import { country, id, isEmail, isoDate, optionalText, requiredText, version } from './primitives';
/*
 * Inputs of the Administration module (series, working periods, personnel and teams, users).
 * Shape and form are checked here; the rules that need the database (a number already given,
 * overlapping periods, the last administrator…) are checked by the services in main.
 */


export const DOC_TYPES = ['intervention', 'register'] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** The largest number a series may reach: far beyond any call center, well inside SQLite's integers. */
export const MAX_SERIES_NUMBER = 999_999_999;
const seriesNumber = z.number().int().min(1).max(MAX_SERIES_NUMBER);

/** A prefix is printed before the number on documents: letters, digits and a few separators. */
const prefix = requiredText(20).pipe(z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u, 'letters, digits, and . / _ - only'));

const endNotBeforeNext = { message: 'the end number is below the next number', path: ['endNumber'] };

export const seriesCreateInput = z
  .object({
    docType: z.enum(DOC_TYPES),
    prefix,
    nextNumber: seriesNumber.default(1),
    endNumber: seriesNumber,
    active: z.boolean().default(true),
  })
  .strict()
  .refine((s) => s.endNumber >= s.nextNumber, endNotBeforeNext);

export const seriesUpdateInput = z
  .object({
    id,
    version,
    prefix,
    nextNumber: seriesNumber,
    endNumber: seriesNumber,
    active: z.boolean(),
  })
  .strict()
  .refine((s) => s.endNumber >= s.nextNumber, endNotBeforeNext);

const endNotBeforeStart = { message: 'the end is before the start', path: ['endDate'] };

export const periodCreateInput = z
  .object({ startDate: isoDate, endDate: isoDate, open: z.boolean().default(true) })
  .strict()
  .refine((p) => p.endDate >= p.startDate, endNotBeforeStart);

export const periodUpdateInput = z
  .object({ id, version, startDate: isoDate, endDate: isoDate, open: z.boolean() })
  .strict()
  .refine((p) => p.endDate >= p.startDate, endNotBeforeStart);




const personFields = {
  name: requiredText(200),
  jobTitle: optionalText(100),
  phone: optionalText(40),
  /** The country a phone typed without "+" belongs to; not stored (the phone is kept as E.164). */
  phoneCountry: country.default('RO'),
  email: optionalText(254),
  isOperator: z.boolean().default(false),
  isTechnician: z.boolean().default(false),
  isVerifier: z.boolean().default(false),
  active: z.boolean().default(true),
};

type PersonFieldsOut = { phone: string | null; phoneCountry: string; email: string | null };

/** Phone to E.164 with libphonenumber, e-mail checked; issues name the field. */
function checkPerson<T extends PersonFieldsOut>(p: T, ctx: z.RefinementCtx): Omit<T, 'phoneCountry'> {
  const { phoneCountry, ...rest } = p;
  let phone: string | null = null;
  if (p.phone) {
    const r = normalizePhone(p.phone, phoneCountry);
    if (r.ok) phone = r.e164;
    else ctx.addIssue({ code: 'custom', path: ['phone'], message: 'not a valid phone number' });
  }
  if (p.email && !isEmail(p.email)) ctx.addIssue({ code: 'custom', path: ['email'], message: 'not a valid e-mail address' });
  return { ...rest, phone, email: p.email ? p.email.toLowerCase() : null };
}

export const personCreateInput = z.object(personFields).strict().transform(checkPerson);
export const personUpdateInput = z
  .object({ id, version, ...personFields })
  .strict()
  .transform(checkPerson);

const memberIds = z.array(id).max(200);

export const teamCreateInput = z
  .object({ name: requiredText(100), leaderId: id.nullish().transform((v) => v ?? null), memberIds, active: z.boolean().default(true) })
  .strict();
export const teamUpdateInput = z
  .object({ id, version, name: requiredText(100), leaderId: id.nullish().transform((v) => v ?? null), memberIds, active: z.boolean() })
  .strict();

export const ACCESS_LEVELS = ['none', 'read', 'write'] as const satisfies readonly AccessLevel[];
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** Per-module overrides of the role's rights; modules not named keep the role's default. */
export const rightsOverrides = z.partialRecord(z.enum(MODULES), z.enum(ACCESS_LEVELS));

const password = z
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
};

export const userCreateInput = z
  .object({
    ...userFields,
    language: userFields.language.default('en'),
    active: userFields.active.default(true),
    sessionLocked: userFields.sessionLocked.default(false),
    rights: rightsOverrides.default({}),
    password,
  })
  .strict();

export const userUpdateInput = z.object({ id, version, ...userFields }).strict();

export const userPasswordInput = z.object({ id, version, password }).strict();

// ---- outputs ----

export interface SeriesRow {
  id: string;
  version: number;
  docType: DocType;
  prefix: string;
  nextNumber: number;
  endNumber: number;
  active: boolean;
  /** Numbers still to give: endNumber - nextNumber + 1 (0 when run out). */
  remaining: number;
  /** The highest number a document of this series carries, null when none has one yet. */
  lastUsed: number | null;
}

export interface PeriodRow {
  id: string;
  version: number;
  startDate: string;
  endDate: string;
  open: boolean;
  /** Interventions dated inside the period. */
  documents: number;
}

export interface PersonRow {
  id: string;
  version: number;
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  isOperator: boolean;
  isTechnician: boolean;
  isVerifier: boolean;
  active: boolean;
  /** Teams the person is a member of (names). */
  teams: string[];
  /** The login linked to the person, if any. */
  login: string | null;
}

export interface TeamRow {
  id: string;
  version: number;
  name: string;
  leaderId: string | null;
  active: boolean;
  memberIds: string[];
}

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
  /** Last activity of any of the user's sessions on this workstation, null when none. */
  lastSeenAt: number | null;
}
