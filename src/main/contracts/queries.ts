import type { ContractPreview, ServiceContract } from '../../shared/api/contracts';
import { ApiError } from '../../shared/api/result';
import { addDays, dayIn, occurrences, zonedInstant } from '../../shared/domain/contract-schedule';
import type { Language } from '../../shared/i18n/languages';
import type { ServiceContext } from '../core/context';
import { NAME_COLUMN } from '../grid/columns-sql';

/* What the Contracts screen, the client card and the calendar read about service contracts. */

/** A contract as stored and joined; the API's shape adds the next visit and the generator's problem. */
export type ContractRow = Omit<ServiceContract, 'active' | 'next' | 'problem'> & { active: number; generateFrom: string };

const SELECT = (language: Language) => `
  SELECT c.id, c.version, c.name, c.client_id AS clientId, cl.name AS clientName, c.contact_person_id AS contactPersonId,
    c.asset_id AS assetId, CASE WHEN a.id IS NULL THEN NULL ELSE p.name || coalesce(' · ' || a.serial, '') END AS assetLabel,
    c.object_text AS objectText, c.request_type_id AS requestTypeId, rt.${NAME_COLUMN[language]} AS requestTypeName,
    c.team_id AS teamId, t.name AS teamName, c.priority, c.rule, c.start_date AS startDate, c.end_date AS endDate,
    c.visit_time AS visitTime, c.duration_minutes AS durationMinutes, c.lead_days AS leadDays, c.active,
    c.generate_from AS generateFrom, c.notes,
    (SELECT count(*) FROM interventions i WHERE i.contract_id = c.id AND i.deleted_at IS NULL) AS generated
  FROM service_contracts c JOIN clients cl ON cl.id = c.client_id JOIN request_types rt ON rt.id = c.request_type_id
  LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN client_assets a ON a.id = c.asset_id LEFT JOIN products p ON p.id = a.product_id
  WHERE c.deleted_at IS NULL`;

/** Whether the contract made this occurrence already (a deleted one counts: it is not made again). */
function isGenerated(s: ServiceContext, contractId: string, day: string): boolean {
  return s.raw.prepare('SELECT 1 FROM interventions WHERE contract_id = ? AND contract_occurrence = ?').get(contractId, day) !== undefined;
}

/** Why the generator could not make a contract's visit at its last round (jobs.ts), by contract id. */
export type ProblemOf = (contractId: string) => { day: string; message: string } | null;

function asContract(s: ServiceContext, row: ContractRow, today: string, problemOf: ProblemOf): ServiceContract {
  const { active, generateFrom: _from, ...rest } = row;
  // The next visit within two years (a yearly contract's next is at most a year away).
  const day = occurrences(row, today, addDays(today, 2 * 366)).at(0) ?? null;
  return { ...rest, active: active === 1, next: day ? { day, generated: isGenerated(s, row.id, day) } : null, problem: problemOf(row.id) };
}

export function listContracts(s: ServiceContext, language: Language, today: string, problemOf: ProblemOf, clientId?: string): ServiceContract[] {
  const rows = s.raw
    .prepare(`${SELECT(language)} ${clientId ? 'AND c.client_id = ?' : ''} ORDER BY c.name COLLATE NOCASE, c.id`)
    .all(...(clientId ? [clientId] : [])) as ContractRow[];
  return rows.map((r) => asContract(s, r, today, problemOf));
}

export function contractRow(s: ServiceContext, id: string, language: Language = 'en'): ContractRow {
  const row = s.raw.prepare(`${SELECT(language)} AND c.id = ?`).get(id) as ContractRow | undefined;
  if (!row) throw new ApiError('not_found', 'This contract does not exist or was deleted.');
  return row;
}

export function getContract(s: ServiceContext, id: string, language: Language, today: string, problemOf: ProblemOf): ServiceContract {
  return asContract(s, contractRow(s, id, language), today, problemOf);
}

/** The live, active contracts, as the generator and the preview walk them. */
export function activeContracts(s: ServiceContext): ContractRow[] {
  return s.raw.prepare(`${SELECT('en')} AND c.active = 1 ORDER BY c.id`).all() as ContractRow[];
}

/**
 * The occurrences in [from, to] (instants) that the generator has not made yet and still owes
 * (from the day it owes them on), each with the day it will be made.
 */
export function contractPreviews(s: ServiceContext, from: number, to: number, zone: string): ContractPreview[] {
  const out: ContractPreview[] = [];
  const first = dayIn(from, zone);
  const last = dayIn(to, zone);
  for (const c of activeContracts(s)) {
    const owedFrom = first > c.generateFrom ? first : c.generateFrom;
    for (const day of occurrences(c, owedFrom, last)) {
      if (isGenerated(s, c.id, day)) continue;
      const start = zonedInstant(day, c.visitTime, zone);
      out.push({ contractId: c.id, contractName: c.name, clientName: c.clientName, day, start, end: start + c.durationMinutes * 60_000, createsOn: addDays(day, -c.leadDays) });
    }
  }
  return out.sort((a, b) => a.start - b.start || a.contractId.localeCompare(b.contractId));
}
