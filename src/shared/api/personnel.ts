import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import { country, empty, id, isEmail, optionalText, recordRef, requiredText, version } from './primitives';
import { normalizePhone } from '../domain/phone';

/* Personnel (operators, technicians, verifiers) and teams. */

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

/** Personnel and teams (Administration: read to list, write to change). */
export const personnelMethods = {
  'admin.personnel.list': def<PersonRow[]>()(empty, read('admin')),
  'admin.personnel.create': def<PersonRow>()(personCreateInput, write('admin')),
  'admin.personnel.update': def<PersonRow>()(personUpdateInput, write('admin')),
  // Refused when the person is referenced anywhere: deactivate instead.
  'admin.personnel.delete': def<null>()(recordRef, write('admin')),
  'admin.teams.list': def<TeamRow[]>()(empty, read('admin')),
  'admin.teams.create': def<TeamRow>()(teamCreateInput, write('admin')),
  'admin.teams.update': def<TeamRow>()(teamUpdateInput, write('admin')),
  'admin.teams.delete': def<null>()(recordRef, write('admin')),
};
