import { act } from 'react';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { ReactNode } from 'react';
import type { Language } from '../../src/shared/i18n/languages';
import { mount, stubBrowser, type Mounted } from './support';
import type { Transport } from '../../src/renderer/src/api/transport';

/**
 * What every administration page test sets up: the browser stubs, one mounted page at a time
 * (unmounted after each test), and no i18n key missing from the catalogue on any of them.
 */
export function adminPageTests() {
  const holder: { view: Mounted | null } = { view: null };
  beforeAll(stubBrowser);
  beforeEach(() => {
    window.__missingI18nKeys = [];
  });
  afterEach(() => {
    holder.view?.unmount();
    holder.view = null;
    expect(window.__missingI18nKeys).toEqual([]);
  });
  return {
    /** Mounts the page of this test; it is unmounted after it. */
    mount: async (ui: ReactNode, transport: Transport, language?: Language) => (holder.view = await mount(ui, transport, language)),
  };
}

/** A key pressed in an element, bubbling as the browser's does (lists and editors listen above). */
export function pressKey(el: HTMLElement, key: string, extra: KeyboardEventInit = {}) {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...extra }));
  });
}
