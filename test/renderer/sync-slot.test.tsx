// @vitest-environment jsdom
import { act } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../src/shared/api/sync';
import { SyncSlotText } from '../../src/renderer/src/shell/sync-slot';
import { FakeTransport, flush, mount, stubBrowser } from './support';

beforeAll(stubBrowser);

const slot = (c: HTMLElement) => c.querySelector('[data-sync]')?.textContent;
const state = (over: Partial<SyncState>): SyncState => ({ status: 'online', store: 'postgres://store.test/cc', pending: 0, lastSyncAt: Date.UTC(2026, 10, 16, 12, 5), message: null, rejected: 0, conflicts: 0, ...over });

describe('the status bar’s sync slot', () => {
  it('says standalone, then follows the store’s state as it changes, in the user’s language', async () => {
    const t = new FakeTransport();
    t.answers['sync.status'] = () => ({ ok: true, value: state({ status: 'standalone', store: null, lastSyncAt: null }) });
    const view = await mount(<SyncSlotText />, t, 'en');
    await flush();
    expect(slot(view.container)).toBe('Sync: not configured');
    act(() => t.push('sync.state', state({ status: 'offline', pending: 3, message: 'connect ECONNREFUSED' })));
    expect(slot(view.container)).toMatch(/^Offline: changes wait · 3 changes to send · last \d\d:\d\d/);
    expect(view.container.querySelector('[data-sync="offline"]')?.getAttribute('title')).toBe('connect ECONNREFUSED');
    view.unmount();

    const ro = await mount(<SyncSlotText />, t, 'ro');
    act(() => t.push('sync.state', state({ status: 'online', pending: 1 })));
    expect(slot(ro.container)).toMatch(/^Sincronizat · 1 modificare de trimis · ultima la/);
    ro.unmount();
  });
});
