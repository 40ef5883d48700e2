import type { Capability } from '../../shared/api/capabilities';

/**
 * Which capability each replicated table belongs to, and which column names the entity its
 * events speak of (a technician row changes its intervention). Tables map to capabilities here,
 * in main, so the renderer never keeps a list of table names.
 */
export const TABLES: Record<string, { capability: Capability; entity?: string }> = {
  users: { capability: 'auth' },
  clients: { capability: 'clients' },
  contact_persons: { capability: 'clients', entity: 'client_id' },
  products: { capability: 'catalogue' },
  client_assets: { capability: 'catalogue' },
  personnel: { capability: 'personnel' },
  teams: { capability: 'personnel' },
  team_members: { capability: 'personnel', entity: 'team_id' },
  request_types: { capability: 'request-types' },
  request_type_fields: { capability: 'request-types', entity: 'request_type_id' },
  request_type_templates: { capability: 'request-types', entity: 'request_type_id' },
  series: { capability: 'numbering' },
  working_periods: { capability: 'numbering' },
  interventions: { capability: 'interventions' },
  intervention_technicians: { capability: 'interventions', entity: 'intervention_id' },
  intervention_messages: { capability: 'thread', entity: 'intervention_id' },
  message_mentions: { capability: 'thread', entity: 'intervention_id' },
  correspondence_register: { capability: 'thread' },
  attachments: { capability: 'files' },
  saved_views: { capability: 'grid' },
  service_contracts: { capability: 'contracts' },
};

export function capabilityOf(table: string): Capability {
  const found = TABLES[table];
  if (!found) throw new Error(`No capability owns the table ${table} (core/tables.ts).`);
  return found.capability;
}

/** The tables a capability owns (the grid asks which answers a derived change may touch). */
export function tablesOf(capability: Capability): string[] {
  return Object.entries(TABLES)
    .filter(([, t]) => t.capability === capability)
    .map(([name]) => name);
}
