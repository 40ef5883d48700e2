/**
 * The capabilities, as events name them: a change to any of a capability's rows is announced
 * once per user action as 'data.changed' with the capability and the ids of its entities
 * (an intervention's technicians change the intervention, a contact person its client).
 */
export const CAPABILITIES = ['auth', 'settings', 'clients', 'catalogue', 'personnel', 'request-types', 'numbering', 'interventions', 'thread', 'files', 'grid', 'calls', 'contracts'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** What the interventions grid shows comes from these: a change to any of them may change a row. */
export const GRID_SOURCES: readonly Capability[] = ['interventions', 'clients', 'catalogue', 'personnel', 'request-types', 'numbering'];
