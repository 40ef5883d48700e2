import { z } from 'zod';
import { def } from './def';
import { read, write } from './permission';
import { country, id, isEmail, optionalText, recordRef, text, version } from './primitives';
import { cleanFiscalCode, validateFiscalCode } from '../domain/fiscal-code';
import { normalizePhone } from '../domain/phone';

/* Clients and their contact persons. */

/*
 * Inputs of the Clients module (clients.get/update/delete/duplicates, contacts.*). Every text is
 * trimmed, bounded and free of control characters (text() from schemas.ts); phones become E.164
 * with the client's country; fiscal codes are checked with the country's rule, and a refusal
 * names that rule ("not a valid Romanian CIF: check digit").
 */



const CLIENT_KINDS = ['company', 'person'] as const;

export const PREFERRED_CONTACTS = ['phone', 'email', 'sms', 'any'] as const;

export type PreferredContact = (typeof PREFERRED_CONTACTS)[number];

const COUNTRY_ADJECTIVE: Record<string, string> = { RO: 'Romanian', PT: 'Portuguese', BR: 'Brazilian', ES: 'Spanish' };

/**
 * Which code of the country a typed fiscal code is meant to be, for the message: decided by its
 * shape where the shape tells (a 13-digit Romanian code is a CNP), else by the client's kind.
 */
export function fiscalCodeKind(countryCode: string, code: string, kind: 'company' | 'person' = 'company'): string {
  const c = cleanFiscalCode(code);
  switch (countryCode) {
    case 'RO':
      return /^\d{13}$/.test(c) ? 'CNP' : 'CIF';
    case 'PT':
      return /^[5-9]/.test(c) || kind === 'company' ? 'NIPC' : 'NIF';
    case 'BR':
      return c.length === 11 ? 'CPF' : c.length === 14 ? 'CNPJ' : kind === 'company' ? 'CNPJ' : 'CPF';
    case 'ES':
      // K, L and M numbers are people's (DNI-style), not companies'.
      return /^[XYZ]/.test(c) ? 'NIE' : /^[A-JN-W]/.test(c) ? 'CIF' : 'NIF';
    default:
      return 'fiscal code';
  }
}

const REASON_TEXT = { empty: 'empty', format: 'wrong format', check_digit: 'check digit', unsupported_country: 'unknown country' } as const;

/** "not a valid Romanian CIF: check digit", or null when the code is valid (or empty). */
function fiscalCodeProblem(countryCode: string, code: string, kind: 'company' | 'person' = 'company'): string | null {
  if (!code.trim()) return null;
  const r = validateFiscalCode(countryCode, code);
  if (r.ok) return null;
  const adjective = COUNTRY_ADJECTIVE[countryCode];
  const what = adjective ? `${adjective} ${fiscalCodeKind(countryCode, code, kind)}` : 'fiscal code';
  return `not a valid ${what}: ${REASON_TEXT[r.reason]}`;
}

/** A client's fields, one shape for create and for an update merged over the stored row. */
export const clientFields = z
  .object({
    kind: z.enum(CLIENT_KINDS),
    name: text(200).pipe(z.string().min(1, 'required')),
    fiscalCode: optionalText(32),
    address: optionalText(300),
    locality: optionalText(100),
    county: optionalText(100),
    country,
    commercialZone: optionalText(100),
    phone: optionalText(40),
    workPhone: optionalText(40),
    email: optionalText(254),
    notes: optionalText(4000),
  })
  .strict()
  .transform((c, ctx) => {
    let fiscalCode = c.fiscalCode;
    if (fiscalCode) {
      const checked = validateFiscalCode(c.country, fiscalCode);
      if (checked.ok) fiscalCode = checked.normalized;
      else ctx.addIssue({ code: 'custom', path: ['fiscalCode'], message: fiscalCodeProblem(c.country, fiscalCode, c.kind) ?? 'not valid' });
    }
    const phones: Record<'phone' | 'workPhone', string | null> = { phone: null, workPhone: null };
    for (const key of ['phone', 'workPhone'] as const) {
      const raw = c[key];
      if (!raw) continue;
      const checked = normalizePhone(raw, c.country);
      if (checked.ok) phones[key] = checked.e164;
      else ctx.addIssue({ code: 'custom', path: [key], message: 'not a valid phone number' });
    }
    let email = c.email;
    if (email) {
      if (isEmail(email)) email = email.toLowerCase();
      else ctx.addIssue({ code: 'custom', path: ['email'], message: 'not a valid e-mail address' });
    }
    return { ...c, fiscalCode, ...phones, email };
  });

export type ClientFields = z.output<typeof clientFields>;

/** The patch of clients.update: checked for shape here, and as a whole after merging in main. */
const clientPatch = z
  .object({
    kind: z.enum(CLIENT_KINDS),
    name: z.string().max(1000),
    fiscalCode: z.string().max(1000).nullable(),
    address: z.string().max(1000).nullable(),
    locality: z.string().max(1000).nullable(),
    county: z.string().max(1000).nullable(),
    country: z.string().max(10),
    commercialZone: z.string().max(1000).nullable(),
    phone: z.string().max(1000).nullable(),
    workPhone: z.string().max(1000).nullable(),
    email: z.string().max(1000).nullable(),
    notes: z.string().max(10000).nullable(),
  })
  .partial()
  .strict();

export type ClientPatch = z.output<typeof clientPatch>;

const clientGetInput = z.object({ id }).strict();

const clientUpdateInput = z.object({ id, version, patch: clientPatch }).strict();

const clientDuplicatesInput = z
  .object({
    fiscalCode: z.string().max(100).nullish(),
    phone: z.string().max(100).nullish(),
    email: z.string().max(300).nullish(),
    country,
    excludeId: id.nullish(),
  })
  .strict();

/** A contact person's fields; the phone is normalised in main, with the client's country. */
const contactShape = {
  name: text(200).pipe(z.string().min(1, 'required')),
  jobFunction: optionalText(100),
  role: optionalText(100),
  phone: optionalText(40),
  email: optionalText(254),
  preferredContact: z.enum(PREFERRED_CONTACTS).default('any'),
};

function checkContactEmail<T extends { email: string | null }>(c: T, ctx: z.RefinementCtx): T {
  if (c.email && !isEmail(c.email)) ctx.addIssue({ code: 'custom', path: ['email'], message: 'not a valid e-mail address' });
  return { ...c, email: c.email ? c.email.toLowerCase() : null };
}

export const contactFields = z.object(contactShape).strict().transform(checkContactEmail);

export type ContactFields = z.output<typeof contactFields>;

const contactCreateInput = z
  .object({ clientId: id, ...contactShape })
  .strict()
  .transform(checkContactEmail);

const contactPatch = z
  .object({
    name: z.string().max(1000),
    jobFunction: z.string().max(1000).nullable(),
    role: z.string().max(1000).nullable(),
    phone: z.string().max(1000).nullable(),
    email: z.string().max(1000).nullable(),
    preferredContact: z.enum(PREFERRED_CONTACTS),
  })
  .partial()
  .strict();

const contactUpdateInput = z.object({ id, version, patch: contactPatch }).strict();

export interface ContactRow {
  id: string;
  version: number;
  clientId: string;
  name: string;
  jobFunction: string | null;
  role: string | null;
  /** E.164. */
  phone: string | null;
  email: string | null;
  preferredContact: PreferredContact;
}

/** One client as the editor shows it: its fields, its contact persons, its interventions. */
export interface ClientDetail {
  client: ClientRow;
  contacts: ContactRow[];
  interventions: { open: number; total: number };
  /** Its live service contracts (paused ones too). */
  contracts: number;
}

export type DuplicateKey = 'fiscalCode' | 'phone' | 'email';

/** A likely duplicate: the client, and which of the given keys it shares. */
export type ClientDuplicate = ClientRow & { matched: DuplicateKey[] };

const clientListInput = z
  .object({
    query: text(100).optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export interface ClientRow {
  id: string;
  version: number;
  kind: 'company' | 'person';
  name: string;
  fiscalCode: string | null;
  address: string | null;
  locality: string | null;
  county: string | null;
  country: string;
  commercialZone: string | null;
  phone: string | null;
  workPhone: string | null;
  email: string | null;
  notes: string | null;
}

/** Clients and contact persons: read and write rights on the Clients module. */
export const clientsMethods = {
  'clients.list': def<ClientRow[]>()(clientListInput, read('clients')),
  // A refused fiscal code names the country's rule ("not a valid Romanian CIF: check digit").
  'clients.create': def<ClientRow>()(clientFields, write('clients')),
  'clients.get': def<ClientDetail>()(clientGetInput, read('clients')),
  'clients.update': def<ClientRow>()(clientUpdateInput, write('clients')),
  'clients.delete': def<null>()(recordRef, write('clients')),
  'clients.duplicates': def<ClientDuplicate[]>()(clientDuplicatesInput, read('clients')),
  'contacts.create': def<ContactRow>()(contactCreateInput, write('clients')),
  'contacts.update': def<ContactRow>()(contactUpdateInput, write('clients')),
  'contacts.delete': def<null>()(recordRef, write('clients')),
};
