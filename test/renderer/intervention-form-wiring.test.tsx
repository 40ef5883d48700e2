// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { act } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfoState } from '../../src/renderer/src/kit/use-app-info';
import { InterventionsWindow } from '../../src/renderer/src/features/grid/interventions-window';
import { FakeTransport, INFO, click, flush, giveTheGridASize, gridRow, makeMe, mount, stubBrowser, type Mounted } from './support';
import type { InterventionDetail } from '../../src/shared/api/interventions';
import type { InterventionLookups } from '../../src/shared/api/interventions';

let view: Mounted | null = null;
let undoGridSize: () => void = () => {};

beforeAll(() => {
  stubBrowser();
  undoGridSize = giveTheGridASize();
});
afterAll(() => undoGridSize());
beforeEach(() => {
  window.__missingI18nKeys = [];
  localStorage.clear();
});
afterEach(() => {
  view?.unmount();
  view = null;
  expect(window.__missingI18nKeys).toEqual([]);
});

const row = (i: number) => gridRow(i);

const LOOKUPS: InterventionLookups = {
  personnel: [{ id: 'p1', name: 'Ana Operator', operator: true, technician: false, verifier: true }],
  requestTypes: [{ id: 'rt1', parentId: null, depth: 0, code: 'R', name: 'Repairs', mailClient: false }],
  commercialZones: [],
  teams: [],
};

const DETAIL = {
  id: 'iv-1',
  version: 3,
  status: 'taken',
  valid: true,
  fullNumber: 'INT-1001',
  docDate: '2026-03-07',
  clientId: 'c-1',
  clientName: 'Acme SRL',
  contactPersonId: null,
  contactPersonName: null,
  requestTypeId: 'rt1',
  requestTypePath: ['Repairs'],
  technicians: [],
  extra: {},
  extraFields: [],
  templates: [],
  filledTemplateIds: [],
  priority: 2,
  confirmed: false,
  objectText: 'Boiler',
  verifierId: null,
  verifierName: null,
  takenById: 'p1',
  takenByName: 'Ana Operator',
  plannedStart: null,
  plannedEnd: null,
  notes: null,
  estimate: null,
  vehicle: null,
  resolution: null,
  cancelReason: null,
} as unknown as InterventionDetail;

async function open() {
  const tr = new FakeTransport();
  tr.start();
  tr.answers['interventions.lookups'] = () => ({ ok: true, value: LOOKUPS });
  tr.answers['views.list'] = () => ({ ok: true, value: [] });
  tr.answers['interventions.grid.rows'] = (input) => {
    const { position, limit } = input as { position: number; limit: number };
    const n = Math.max(0, Math.min(limit, 5 - position));
    return { ok: true, value: { rows: Array.from({ length: n }, (_, i) => row(position + i)), position, total: 5 } };
  };
  tr.answers['interventions.get'] = () => ({ ok: true, value: DETAIL });
  tr.answers['clients.list'] = () => ({ ok: true, value: [] });
  tr.answers['clients.get'] = () => ({ ok: false, error: { code: 'not_found', message: 'no' } });
  const appInfo: AppInfoState = { info: INFO, error: null, loading: false, reload: () => {} };
  view = await mount(
    <>
      <Notifications />
      <InterventionsWindow me={makeMe('operator', { personId: 'p1' })} onMeChange={() => {}} appInfo={appInfo} />
    </>,
    tr,
  );
  await flush(5);
  return tr;
}

const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the grid opens the intervention form', () => {
  it('Add opens an empty form, taken by the user’s person, with today’s date', async () => {
    await open();
    await click(q('tb-add')!);
    await flush(3);
    expect(q('ivf-form')).not.toBeNull();
    expect(q('ivf-number')?.textContent).toBe('(no number)');
    expect((q('ivf-field-takenBy') as HTMLInputElement).value).toBe('Ana Operator');
    expect(q('ivf-finalize')).toBeNull();
    await click(q('ivf-close')!);
    expect(q('ivf-form')).toBeNull();
  });

  it('Insert in the grid adds; Enter on a row opens that intervention', async () => {
    const tr = await open();
    const grid = q('grid')!;
    act(() => {
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'Insert', bubbles: true, cancelable: true }));
    });
    await flush(3);
    expect(q('ivf-form')).not.toBeNull();
    await click(q('ivf-close')!);
    for (const k of ['ArrowDown', 'Enter'])
      act(() => {
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
      });
    await flush(5);
    expect(tr.calls.some((c) => c.method === 'interventions.get' && (c.input as { id: string }).id === 'iv-0')).toBe(true);
    expect(q('ivf-number')?.textContent).toBe('INT-1001');
  });
});
