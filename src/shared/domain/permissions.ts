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
