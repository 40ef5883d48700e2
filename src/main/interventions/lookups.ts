import type { Language } from '../../shared/i18n/languages';
import { NAME_COLUMN } from '../grid/columns-sql';
import type { ServiceContext } from '../core/context';
import type { InterventionLookups } from '../../shared/api/interventions';

/** What the filter pickers of the interventions window choose from. Small tables: read directly. */
export function interventionLookups(s: ServiceContext, language: Language): InterventionLookups {
  const personnel = s.raw
    .prepare(
      `SELECT id, name, is_operator AS operator, is_technician AS technician, is_verifier AS verifier
       FROM personnel WHERE deleted_at IS NULL AND active = 1 ORDER BY name COLLATE NOCASE`,
    )
    .all() as { id: string; name: string; operator: number; technician: number; verifier: number }[];
  const requestTypes = s.raw
    .prepare(
      `SELECT id, parent_id AS parentId, depth, code, ${NAME_COLUMN[language]} AS name
       FROM request_types WHERE deleted_at IS NULL AND active = 1 ORDER BY depth, sequence, name`,
    )
    .all() as InterventionLookups['requestTypes'];
  const zones = s.raw
    .prepare('SELECT DISTINCT commercial_zone AS z FROM clients WHERE deleted_at IS NULL AND commercial_zone IS NOT NULL ORDER BY 1')
    .pluck()
    .all() as string[];
  const teams = s.raw
    .prepare('SELECT id, name FROM teams WHERE deleted_at IS NULL AND active = 1 ORDER BY name COLLATE NOCASE')
    .all() as { id: string; name: string }[];
  const members = s.raw
    .prepare(
      `SELECT m.team_id AS teamId, m.person_id AS personId
       FROM team_members m JOIN personnel p ON p.id = m.person_id
       WHERE m.deleted_at IS NULL AND p.deleted_at IS NULL AND p.active = 1
       ORDER BY p.name COLLATE NOCASE`,
    )
    .all() as { teamId: string; personId: string }[];
  const memberIds = new Map<string, string[]>();
  for (const m of members) memberIds.set(m.teamId, [...(memberIds.get(m.teamId) ?? []), m.personId]);
  return {
    personnel: personnel.map((p) => ({ id: p.id, name: p.name, operator: p.operator === 1, technician: p.technician === 1, verifier: p.verifier === 1 })),
    requestTypes,
    commercialZones: zones,
    teams: teams.map((t) => ({ id: t.id, name: t.name, memberIds: memberIds.get(t.id) ?? [] })),
  };
}
