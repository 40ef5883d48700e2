import { and, asc, isNull, like, or } from 'drizzle-orm';
import { clients } from '../db/schema';
import type { ClientInput } from '../../shared/api/schemas';
import type { ClientRow } from '../../shared/api/types';
import { createRecord } from './records';
import type { Actor, ServiceContext } from './context';

type ClientDbRow = typeof clients.$inferSelect;

export function toClientRow(c: ClientDbRow): ClientRow {
  return {
    id: c.id,
    version: c.version,
    kind: c.kind,
    name: c.name,
    fiscalCode: c.fiscalCode,
    address: c.address,
    locality: c.locality,
    county: c.county,
    country: c.country,
    commercialZone: c.commercialZone,
    phone: c.phone,
    workPhone: c.workPhone,
    email: c.email,
    notes: c.notes,
  };
}

/** LIKE treats % and _ as wildcards; a search for "50%" means the characters. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listClients(s: ServiceContext, query: string | undefined, limit: number): ClientRow[] {
  const where = [isNull(clients.deletedAt)];
  if (query) {
    const prefix = `${escapeLike(query)}%`;
    const cond = or(like(clients.name, prefix), like(clients.fiscalCode, prefix), like(clients.phone, `%${escapeLike(query)}%`));
    if (cond) where.push(cond);
  }
  return s.db
    .select()
    .from(clients)
    .where(and(...where))
    .orderBy(asc(clients.name))
    .limit(limit)
    .all()
    .map(toClientRow);
}

export function createClient(s: ServiceContext, actor: Actor, input: ClientInput): ClientRow {
  return toClientRow(createRecord(s, actor, clients, input));
}
