import { ApiError } from '../../shared/api/result';
import type { Me } from '../../shared/api/auth';
import type { ServiceContext } from '../core/context';

/*
 * The scope of a user's write right on interventions (shared/domain/permissions.ts), enforced
 * here in main before a command runs, whatever the window shows. Reading is not narrowed.
 */

/** Theirs: they are one of its technicians, its verifier, or the operator who took it. */
const OWN = `i.verifier_id = @person OR i.taken_by_id = @person
  OR EXISTS (SELECT 1 FROM intervention_technicians t WHERE t.intervention_id = i.id AND t.person_id = @person AND t.deleted_at IS NULL)`;

/** Their teams': assigned to a team they are in, or to a technician who shares a team with them. */
const TEAM = `${OWN}
  OR i.team_id IN (SELECT m.team_id FROM team_members m WHERE m.person_id = @person AND m.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM intervention_technicians t
             JOIN team_members a ON a.person_id = t.person_id AND a.deleted_at IS NULL
             JOIN team_members b ON b.team_id = a.team_id AND b.person_id = @person AND b.deleted_at IS NULL
             WHERE t.intervention_id = i.id AND t.deleted_at IS NULL)`;

const EXISTS = 'SELECT 1 FROM interventions i WHERE i.id = @id AND i.deleted_at IS NULL';

/**
 * Refuses a change to an intervention outside the user's scope. An intervention that does not
 * exist passes: the command then answers 'not_found' as it does for everyone.
 */
export function requireInScope(s: ServiceContext, me: Me, interventionId: string): void {
  if (me.scope === 'all') return;
  if (!s.raw.prepare(EXISTS).get({ id: interventionId })) return;
  const rule = me.scope === 'own' ? OWN : TEAM;
  const person = me.personId ?? '';
  if (s.raw.prepare(`${EXISTS} AND (${rule})`).get({ id: interventionId, person })) return;
  const whose = me.scope === 'own' ? 'you are assigned to (as technician or verifier) or took' : 'of your teams or assigned to you';
  throw new ApiError('forbidden', `This intervention is not yours to change: you may change only interventions ${whose}.`);
}
