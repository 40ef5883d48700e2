import { describe, expect, it } from 'vitest';
import { formWindowTarget } from '../../src/main/electron/external-links';

/** What the desktop app opens as a second window of ours: the form's own page, and nothing else. */
describe('formWindowTarget', () => {
  it('accepts the app page with only ?intervention=<id>', () => {
    expect(formWindowTarget('app://bundle/?intervention=0193abcd-ef01-7abc-8def-0123456789ab')).toBe('0193abcd-ef01-7abc-8def-0123456789ab');
    expect(formWindowTarget('app://bundle/index.html?intervention=iv_1')).toBe('iv_1');
  });

  it('refuses anything else', () => {
    for (const url of [
      'https://example.com/?intervention=iv-1',
      'http://127.0.0.1:4460/?intervention=iv-1',
      'app://other/?intervention=iv-1',
      'app://bundle/exports/x?intervention=iv-1',
      'app://bundle/?intervention=iv-1&report=interventions',
      'app://bundle/?intervention=iv-1#x',
      'app://bundle/?intervention=',
      'app://bundle/?intervention=%3Cscript%3E',
      `app://bundle/?intervention=${'a'.repeat(65)}`,
      'app://bundle/?report=interventions',
      'app://bundle/',
      'javascript:alert(1)',
      'file:///etc/passwd?intervention=x',
    ]) {
      expect(formWindowTarget(url), url).toBeNull();
    }
    expect(formWindowTarget(42)).toBeNull();
    expect(formWindowTarget(null)).toBeNull();
    expect(formWindowTarget(`app://bundle/?intervention=x${'y'.repeat(400)}`)).toBeNull();
  });
});
