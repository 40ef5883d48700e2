import type { Page } from '@playwright/test';
import { api } from './api';
import { TEST_DAY, testTime } from './clock';

type Lookups = {
  personnel: { id: string; verifier: boolean }[];
  teams: { id: string; memberIds: string[] }[];
};

/**
 * A planned intervention (team, verifier, start and end) with the given technician on it, and a
 * colleague of their team too when asked: each answer pending, the status allocated.
 */
export async function plannedIntervention<T>(page: Page, technicianId: string, object: string, { withColleague = false, inDays = 2 } = {}): Promise<T> {
  const lookups = await api<Lookups>(page, 'interventions.lookups', {});
  const team = lookups.teams.find((x) => x.memberIds.includes(technicianId) && (!withColleague || x.memberIds.length > 1))!;
  const colleague = team.memberIds.find((m) => m !== technicianId);
  const verifier = lookups.personnel.find((p) => p.verifier)!;
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const start = testTime(inDays, 8);
  return api<T>(page, 'interventions.create', {
    docDate: TEST_DAY,
    clientId: client!.id,
    objectText: object,
    teamId: team.id,
    verifierId: verifier.id,
    plannedStart: start,
    plannedEnd: start + 2 * 3_600_000,
    technicianIds: withColleague && colleague ? [technicianId, colleague] : [technicianId],
  });
}
