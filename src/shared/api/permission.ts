import type { ModuleName } from '../domain/permissions';

/**
 * Who may call a method. 'public' needs no login (only the login itself); 'user' any logged-in
 * user; 'module' a right on a module; 'admin' the administration module with write access.
 */
export type Permission =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'module'; module: ModuleName; level: 'read' | 'write' }
  | { kind: 'preference'; module: ModuleName | null };

export const PUBLIC: Permission = { kind: 'public' };
export const USER: Permission = { kind: 'user' };
export const read = (module: ModuleName): Permission => ({ kind: 'module', module, level: 'read' });
export const write = (module: ModuleName): Permission => ({ kind: 'module', module, level: 'write' });
/**
 * Changes the caller's own preferences only, which nobody else sees (language, favourites, start
 * page, their saved views, their read and seen marks). Decided on purpose: a read-only user (read
 * rights, or a session locked for changes) may change these, since they are how one reads; it
 * needs the right to read `module` when one is named. The rights table in docs/security.md lists them.
 */
export const preference = (module: ModuleName | null = null): Permission => ({ kind: 'preference', module });
