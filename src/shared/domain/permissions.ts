export const ROLES = ['operator', 'supervisor', 'technician', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The modules a right can be given on; matches the navigation of the app. */
export const MODULES = [
  'interventions',
  'calendar',
  'clients',
  'calls',
  'recordings',
  'reports',
  'admin',
] as const;
export type ModuleName = (typeof MODULES)[number];

export type AccessLevel = 'none' | 'read' | 'write';
export type Rights = Record<ModuleName, AccessLevel>;

const all = (level: AccessLevel): Rights =>
  Object.fromEntries(MODULES.map((m) => [m, level])) as Rights;

export const ROLE_DEFAULT_RIGHTS: Record<Role, Rights> = {
  admin: all('write'),
  supervisor: { ...all('write'), admin: 'none' },
  operator: { ...all('write'), recordings: 'read', reports: 'read', admin: 'none' },
  technician: {
    ...all('read'),
    interventions: 'write',
    calls: 'none',
    recordings: 'none',
    admin: 'none',
  },
};

/**
 * Which interventions a user's write right reaches: 'own' (those they are a technician, the
 * verifier or the operator of), 'team' (also those of their teams and teammates), or 'all'.
 * Reading is not narrowed (yet): the scope says what one may change.
 */
export const SCOPES = ['own', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

/** Field technicians act on their own work; everyone else on all of it, unless a user is given otherwise. */
export const ROLE_DEFAULT_SCOPE: Record<Role, Scope> = { admin: 'all', supervisor: 'all', operator: 'all', technician: 'own' };

export const effectiveScope = (role: Role, override: Scope | null): Scope => override ?? ROLE_DEFAULT_SCOPE[role];

/** A user's effective rights: the role's defaults with per-module overrides on top. */
export function effectiveRights(role: Role, overrides: Partial<Rights>, sessionLocked: boolean): Rights {
  const rights = { ...ROLE_DEFAULT_RIGHTS[role], ...overrides };
  if (sessionLocked) {
    for (const m of MODULES) if (rights[m] === 'write') rights[m] = 'read';
  }
  return rights;
}

export function allows(rights: Rights, module: ModuleName, level: 'read' | 'write'): boolean {
  const have = rights[module];
  return level === 'read' ? have === 'read' || have === 'write' : have === 'write';
}
