import type { ModuleName } from '../domain/permissions';

/**
 * Who may call a method. 'public' needs no login (only the login itself); 'user' any logged-in
 * user; 'module' a right on a module; 'admin' the administration module with write access.
 */
export type Permission =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'module'; module: ModuleName; level: 'read' | 'write' };

export const PUBLIC: Permission = { kind: 'public' };
export const USER: Permission = { kind: 'user' };
export const read = (module: ModuleName): Permission => ({ kind: 'module', module, level: 'read' });
export const write = (module: ModuleName): Permission => ({ kind: 'module', module, level: 'write' });
