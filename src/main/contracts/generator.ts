import { v5 as uuidv5 } from 'uuid';
import { addDays, dayIn, occurrences, zonedInstant } from '../../shared/domain/contract-schedule';
import { SYSTEM, type ServiceContext } from '../core/context';
import { createIntervention } from '../interventions/commands';
import { activeContracts, type ContractRow } from './queries';

/*
 * The contract generator: for each active contract, every occurrence it owes (from its
 * generate_from day up to today + its lead days, within its start and end) that has no
 * intervention yet becomes one, planned for the occurrence's visit. Run at start-up and then
 * periodically (jobs.ts), it catches up whatever fell due while the app was closed.
 *
 * Exactly once: the occurrence's key (contract, day) is unique among interventions, tombstones
 * included (a visit a dispatcher deleted is not made again), and it also makes the intervention's
 * id, so two workstations that make the same occurrence offline make the same row, which the
 * shared store takes once (migrations/pg/0013). A second generator on the same database that
 * gets there first makes this one's insert fail on the key: that occurrence is simply done.
 */

/** Fixed namespace of the occurrence ids (UUIDv5 of "contract/day"). */
const OCCURRENCE_NAMESPACE = '4b7e2a53-6f0d-4f41-9a8e-3c1d2b9a7e10';

export const occurrenceId = (contractId: string, day: string) => uuidv5(`${contractId}/${day}`, OCCURRENCE_NAMESPACE);

export interface GeneratorRound {
  created: number;
  /** Contracts that could not make an occurrence, and why (tried again at the next round). */
  failures: { contractId: string; day: string; message: string }[];
}

function made(s: ServiceContext, contractId: string, from: string, to: string): Set<string> {
  const rows = s.raw
    .prepare('SELECT contract_occurrence FROM interventions WHERE contract_id = ? AND contract_occurrence BETWEEN ? AND ?')
    .pluck()
    .all(contractId, from, to) as string[];
  return new Set(rows);
}

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');

function makeOccurrence(s: ServiceContext, c: ContractRow, day: string, today: string, zone: string): boolean {
  const plannedStart = zonedInstant(day, c.visitTime, zone);
  try {
    createIntervention(
      s,
      SYSTEM,
      {
        docDate: today,
        clientId: c.clientId,
        contactPersonId: c.contactPersonId,
        requestTypeId: c.requestTypeId,
        teamId: c.teamId,
        priority: c.priority,
        ...(c.assetId ? { objectKind: 'asset' as const, assetId: c.assetId, productId: assetProduct(s, c.assetId) } : { objectKind: 'text' as const, objectText: c.objectText ?? c.name }),
        plannedStart,
        plannedEnd: plannedStart + c.durationMinutes * 60_000,
        notes: c.notes,
        source: 'schedule',
        contractId: c.id,
        contractOccurrence: day,
      },
      { id: occurrenceId(c.id, day) },
    );
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

function assetProduct(s: ServiceContext, assetId: string): string | null {
  return (s.raw.prepare('SELECT product_id FROM client_assets WHERE id = ?').pluck().get(assetId) as string | undefined) ?? null;
}

/** One round at the instant `now`, with wall-clock times read in `zone`. */
export function generateDue(s: ServiceContext, now: number, zone: string): GeneratorRound {
  const today = dayIn(now, zone);
  const round: GeneratorRound = { created: 0, failures: [] };
  for (const c of activeContracts(s)) {
    const until = addDays(today, c.leadDays);
    if (until < c.generateFrom) continue;
    const done = made(s, c.id, c.generateFrom, until);
    for (const day of occurrences(c, c.generateFrom, until)) {
      if (done.has(day)) continue;
      try {
        if (makeOccurrence(s, c, day, today, zone)) round.created++;
      } catch (e) {
        // A closed working period, a deleted client: said, and tried again next round; the others go on.
        round.failures.push({ contractId: c.id, day, message: e instanceof Error ? e.message : String(e) });
        break;
      }
    }
  }
  return round;
}
