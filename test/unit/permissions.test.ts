import { describe, expect, it } from 'vitest';
import { allows, effectiveRights, MODULES } from '../../src/shared/domain/permissions';

describe('rights', () => {
  it('gives the administrator everything and nobody else the administration', () => {
    expect(MODULES.every((m) => allows(effectiveRights('admin', {}, false), m, 'write'))).toBe(true);
    for (const role of ['operator', 'supervisor', 'technician'] as const) {
      expect(allows(effectiveRights(role, {}, false), 'admin', 'read'), role).toBe(false);
    }
  });
  it('lets per-module overrides narrow or widen a role', () => {
    const r = effectiveRights('operator', { clients: 'read', admin: 'read' }, false);
    expect(allows(r, 'clients', 'write')).toBe(false);
    expect(allows(r, 'clients', 'read')).toBe(true);
    expect(allows(r, 'admin', 'read')).toBe(true);
  });
  it('a session locked for changes reads everything it could, writes nothing', () => {
    const r = effectiveRights('admin', {}, true);
    expect(MODULES.every((m) => allows(r, m, 'read') && !allows(r, m, 'write'))).toBe(true);
  });
});
