import { describe, expect, it } from 'vitest';
import { ownWindowTarget } from '../../src/main/electron/external-links';

/** What the desktop app opens as another window of ours: the form, the evolution sheet, the quick report, and nothing else. */
describe('ownWindowTarget', () => {
  it('accepts our own pages, rebuilt from their checked parts', () => {
    expect(ownWindowTarget('app://bundle/?intervention=0193abcd-ef01-7abc-8def-0123456789ab')).toEqual({
      kind: 'form',
      page: 'app://bundle/index.html?intervention=0193abcd-ef01-7abc-8def-0123456789ab',
    });
    expect(ownWindowTarget('app://bundle/index.html?intervention=iv_1')?.kind).toBe('form');
    expect(ownWindowTarget('app://bundle/?sheet=iv_1')).toEqual({ kind: 'sheet', page: 'app://bundle/index.html?sheet=iv_1' });
    const view = JSON.stringify({ filters: [], groupBy: ['status'], columns: ['client'] });
    const report = ownWindowTarget(`app://bundle/?report=interventions&view=${encodeURIComponent(view)}`);
    expect(report?.kind).toBe('report');
    expect(new URL(report!.page).searchParams.get('view')).toBe(view);
  });

  it('refuses anything else', () => {
    for (const url of [
      'https://example.com/?intervention=iv-1',
      'http://127.0.0.1:4460/?intervention=iv-1',
      'app://other/?intervention=iv-1',
      'app://bundle/exports/x?intervention=iv-1',
      'app://bundle/?intervention=iv-1&report=interventions',
      'app://bundle/?intervention=iv-1&sheet=iv-2',
      'app://bundle/?intervention=iv-1#x',
      'app://bundle/?intervention=',
      'app://bundle/?sheet=%3Cscript%3E',
      'app://bundle/?intervention=%3Cscript%3E',
      `app://bundle/?intervention=${'a'.repeat(65)}`,
      'app://bundle/?report=interventions',
      'app://bundle/?report=clients&view=%7B%7D',
      'app://bundle/?report=interventions&view=not-json',
      'app://bundle/?report=interventions&view=%7B%7D&x=1',
      'app://bundle/',
      'javascript:alert(1)',
      'file:///etc/passwd?intervention=x',
    ]) {
      expect(ownWindowTarget(url), url).toBeNull();
    }
    expect(ownWindowTarget(42)).toBeNull();
    expect(ownWindowTarget(null)).toBeNull();
    expect(ownWindowTarget(`app://bundle/?report=interventions&view=${'1'.repeat(13_000)}`)).toBeNull();
  });
});
