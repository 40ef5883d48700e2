import { and, asc, eq, isNull, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { clients, contactPersons, interventions } from '../db/schema/index';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import { validateFiscalCode } from '../../shared/domain/fiscal-code/index';
import { normalizePhone } from '../../shared/domain/phone';
import { createRecord, deleteRecord, updateRecord } from '../core/records';
import { listContacts } from './contacts';
import type { Actor, ServiceContext } from '../core/context';
import type { ClientFields } from '../../shared/api/clients';
import type { ClientRow } from '../../shared/api/clients';
import { clientFields, type ClientDetail, type ClientDuplicate, type ClientPatch, type DuplicateKey } from '../../shared/api/clients';
import { unitOfWork } from '../core/unit';

type ClientDbRow = typeof clients.$inferSelect;

function toClientRow(c: ClientDbRow): ClientRow {
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
const likeEsc = (col: AnyColumn | SQL, pattern: string): SQL => sql`${col} LIKE ${pattern} ESCAPE '\\'`;

/** Calling codes of the countries we serve, for numbers typed without one ("0722…", "912…"). */
const CALLING_CODES: { code: string; trunkZero: boolean }[] = [
  { code: '40', trunkZero: true },
  { code: '351', trunkZero: false },
  { code: '55', trunkZero: true },
  { code: '34', trunkZero: false },
];

/**
 * The E.164 prefixes a typed phone fragment can stand for: "+40 722" and "0040722" as they are,
 * "0722" as +40722 (and other countries with a trunk zero), "912" as +351912 and so on.
 */
export function phonePrefixes(query: string): string[] {
  if (!/^[+\d][\d\s().-]*$/.test(query)) return [];
  const digits = query.replace(/\D/g, '');
  if (digits.length < 3) return [];
  if (query.startsWith('+')) return [`+${digits}`];
  if (digits.startsWith('00')) return [`+${digits.slice(2)}`];
  if (digits.startsWith('0')) return CALLING_CODES.filter((c) => c.trunkZero).map((c) => `+${c.code}${digits.slice(1)}`);
  return [...CALLING_CODES.map((c) => `+${c.code}${digits}`), `+${digits}`];
}

export function listClients(s: ServiceContext, query: string | undefined, limit: number): ClientRow[] {
  const where: SQL[] = [isNull(clients.deletedAt)];
  if (query) {
    const prefix = `${escapeLike(query)}%`;
    const conds: SQL[] = [likeEsc(clients.name, prefix), likeEsc(clients.name, `% ${escapeLike(query)}%`), likeEsc(clients.email, prefix)];
    const code = query.toUpperCase().replace(/[\s./-]+/g, '');
    if (code.length >= 2) {
      conds.push(likeEsc(clients.fiscalCode, `${escapeLike(code)}%`));
      const bare = code.replace(/^[A-Z]{2}(?=\d)/, '');
      if (bare !== code && bare.length >= 2) conds.push(likeEsc(clients.fiscalCode, `${escapeLike(bare)}%`));
    }
    for (const p of phonePrefixes(query)) {
      conds.push(likeEsc(clients.phone, `${escapeLike(p)}%`), likeEsc(clients.workPhone, `${escapeLike(p)}%`));
    }
    const cond = or(...conds);
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

export function createClient(s: ServiceContext, actor: Actor, input: ClientFields): ClientRow {
  return toClientRow(createRecord(s, actor, clients, input));
}

function liveClient(s: ServiceContext, id: string): ClientDbRow {
  const row = s.db.select().from(clients).where(and(eq(clients.id, id), isNull(clients.deletedAt))).get();
  if (!row) throw new ApiError('not_found', 'This client does not exist or was deleted.');
  return row;
}

function interventionCounts(s: ServiceContext, clientId: string): { open: number; total: number } {
  const row = s.db
    .select({
      total: sql<number>`count(*)`,
      open: sql<number>`coalesce(sum(case when ${interventions.status} in ('finalized', 'cancelled') then 0 else 1 end), 0)`,
    })
    .from(interventions)
    .where(and(eq(interventions.clientId, clientId), isNull(interventions.deletedAt)))
    .get();
  return { open: Number(row?.open ?? 0), total: Number(row?.total ?? 0) };
}

export function getClient(s: ServiceContext, id: string): ClientDetail {
  const client = toClientRow(liveClient(s, id));
  const contracts = s.raw.prepare('SELECT count(*) FROM service_contracts WHERE client_id = ? AND deleted_at IS NULL').pluck().get(id) as number;
  return { client, contacts: listContacts(s, id), interventions: interventionCounts(s, id), contracts };
}

const CLIENT_KEYS = ['kind', 'name', 'fiscalCode', 'address', 'locality', 'county', 'country', 'commercialZone', 'phone', 'workPhone', 'email', 'notes'] as const;

/**
 * Applies a patch over the stored client and checks the result as a whole (a new country changes
 * which fiscal-code and phone rules apply). A stale version is a conflict that carries the
 * current values of the fields the caller changed (issues: path = field, message = JSON value).
 */
export function updateClient(s: ServiceContext, actor: Actor, id: string, version: number, patch: ClientPatch): ClientRow {
  const current = liveClient(s, id);
  if (current.version !== version) {
    const issues: FieldIssue[] = [{ path: 'version', message: String(current.version) }];
    for (const key of CLIENT_KEYS) if (key in patch) issues.push({ path: key, message: JSON.stringify(current[key]) });
    throw new ApiError('conflict', `This client was changed by someone else since you opened it (version ${current.version}, yours ${version}).`, issues);
  }
  const merged: Record<string, unknown> = {};
  for (const key of CLIENT_KEYS) merged[key] = key in patch ? patch[key] : current[key];
  const parsed = clientFields.safeParse(merged);
  if (!parsed.success) {
    throw new ApiError(
      'validation',
      'Some fields are not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return toClientRow(updateRecord(s, actor, clients, id, version, parsed.data));
}

/** Soft delete, with its contact persons; refused while interventions refer to the client. */
export function deleteClient(s: ServiceContext, actor: Actor, id: string, version: number): void {
  const current = liveClient(s, id);
  const { total } = interventionCounts(s, id);
  if (total > 0) {
    throw new ApiError(
      'validation',
      `${current.name} has ${total} intervention${total === 1 ? '' : 's'} and cannot be deleted; its history would lose its client.`,
    );
  }
  if (current.version !== version) throw new ApiError('conflict', 'This client was changed by someone else since you opened it.');
  unitOfWork(s, actor, () => {
        for (const c of listContacts(s, id)) deleteRecord(s, actor, contactPersons, c.id, c.version);
        deleteRecord(s, actor, clients, id, version);
      });
}

export interface DuplicateQuery {
  fiscalCode?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  country: string;
  excludeId?: string | null | undefined;
}

/** Clients that share the normalised fiscal code, a phone (E.164, either phone) or the e-mail. */
export function findDuplicates(s: ServiceContext, q: DuplicateQuery): ClientDuplicate[] {
  const keys: { key: DuplicateKey; cond: SQL; test: (c: ClientDbRow) => boolean }[] = [];
  if (q.fiscalCode?.trim()) {
    const checked = validateFiscalCode(q.country, q.fiscalCode);
    const code = checked.ok ? checked.normalized : q.fiscalCode.trim().toUpperCase().replace(/[\s./-]+/g, '');
    keys.push({ key: 'fiscalCode', cond: eq(clients.fiscalCode, code), test: (c) => c.fiscalCode === code });
  }
  if (q.phone?.trim()) {
    const checked = normalizePhone(q.phone, q.country);
    if (checked.ok) {
      const e164 = checked.e164;
      const cond = or(eq(clients.phone, e164), eq(clients.workPhone, e164));
      if (cond) keys.push({ key: 'phone', cond, test: (c) => c.phone === e164 || c.workPhone === e164 });
    }
  }
  if (q.email?.trim()) {
    const email = q.email.trim().toLowerCase();
    keys.push({ key: 'email', cond: sql`lower(${clients.email}) = ${email}`, test: (c) => c.email?.toLowerCase() === email });
  }
  if (keys.length === 0) return [];
  const where: (SQL | undefined)[] = [isNull(clients.deletedAt), or(...keys.map((k) => k.cond))];
  if (q.excludeId) where.push(ne(clients.id, q.excludeId));
  return s.db
    .select()
    .from(clients)
    .where(and(...where))
    .orderBy(asc(clients.name))
    .limit(20)
    .all()
    .map((c) => ({ ...toClientRow(c), matched: keys.filter((k) => k.test(c)).map((k) => k.key) }));
}
