import { and, asc, eq, isNull } from 'drizzle-orm';
import { clients, contactPersons } from '../db/schema/index';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import { normalizePhone } from '../../shared/domain/phone';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import { contactFields, type ContactFields, type ContactRow } from '../../shared/api/clients';

/*
 * Contact persons act for a client (GLOSSARY: persoană de contact / delegat). Their phone is
 * normalised with the client's country, so a caller's number finds them however it was typed.
 */

type ContactDbRow = typeof contactPersons.$inferSelect;

function toContactRow(c: ContactDbRow): ContactRow {
  return {
    id: c.id,
    version: c.version,
    clientId: c.clientId,
    name: c.name,
    jobFunction: c.jobFunction,
    role: c.role,
    phone: c.phone,
    email: c.email,
    preferredContact: c.preferredContact,
  };
}

export function listContacts(s: ServiceContext, clientId: string): ContactRow[] {
  return s.db
    .select()
    .from(contactPersons)
    .where(and(eq(contactPersons.clientId, clientId), isNull(contactPersons.deletedAt)))
    .orderBy(asc(contactPersons.name))
    .all()
    .map(toContactRow);
}

function clientCountry(s: ServiceContext, clientId: string): string {
  const row = s.db
    .select({ country: clients.country })
    .from(clients)
    .where(and(eq(clients.id, clientId), isNull(clients.deletedAt)))
    .get();
  if (!row) throw new ApiError('not_found', 'This client does not exist or was deleted.');
  return row.country;
}

function liveContact(s: ServiceContext, id: string): ContactDbRow {
  const row = s.db
    .select()
    .from(contactPersons)
    .where(and(eq(contactPersons.id, id), isNull(contactPersons.deletedAt)))
    .get();
  if (!row) throw new ApiError('not_found', 'This contact person does not exist or was deleted.');
  return row;
}

function withPhone(c: ContactFields, country: string): ContactFields {
  if (!c.phone) return c;
  const checked = normalizePhone(c.phone, country);
  if (!checked.ok) throw new ApiError('validation', 'Some fields are not valid.', [{ path: 'phone', message: 'not a valid phone number' }]);
  return { ...c, phone: checked.e164 };
}

export function createContact(s: ServiceContext, actor: Actor, input: ContactFields & { clientId: string }): ContactRow {
  const { clientId, ...fields } = input;
  const checked = withPhone(fields, clientCountry(s, clientId));
  return toContactRow(createRecord(s, actor, contactPersons, { clientId, ...checked }));
}

const CONTACT_KEYS = ['name', 'jobFunction', 'role', 'phone', 'email', 'preferredContact'] as const;

export function updateContact(
  s: ServiceContext,
  actor: Actor,
  id: string,
  version: number,
  patch: Partial<Record<(typeof CONTACT_KEYS)[number], string | null>>,
): ContactRow {
  const current = liveContact(s, id);
  if (current.version !== version) {
    const issues: FieldIssue[] = [{ path: 'version', message: String(current.version) }];
    for (const key of CONTACT_KEYS) if (key in patch) issues.push({ path: key, message: JSON.stringify(current[key]) });
    throw new ApiError('conflict', `This contact person was changed by someone else since you opened it (version ${current.version}, yours ${version}).`, issues);
  }
  const merged: Record<string, unknown> = {};
  for (const key of CONTACT_KEYS) merged[key] = key in patch ? patch[key] : current[key];
  const parsed = contactFields.safeParse(merged);
  if (!parsed.success) {
    throw new ApiError(
      'validation',
      'Some fields are not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const checked = withPhone(parsed.data, clientCountry(s, current.clientId));
  return toContactRow(updateRecord(s, actor, contactPersons, id, version, checked));
}

export function deleteContact(s: ServiceContext, actor: Actor, id: string, version: number): void {
  liveContact(s, id);
  deleteRecord(s, actor, contactPersons, id, version);
}
