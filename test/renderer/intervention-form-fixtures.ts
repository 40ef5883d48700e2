import { act, type ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { MethodName } from '../../src/shared/api/contract';
import type { Language } from '../../src/shared/i18n/languages';
import { FakeTransport, click, flush, mount, stubBrowser, type Mounted } from './support';
import type { ClientDetail } from '../../src/shared/api/clients';
import type { InterventionDetail } from '../../src/shared/api/interventions';
import type { InterventionLookups } from '../../src/shared/api/interventions';

/*
 * What the intervention form's renderer tests share: the lookups, an intervention and its client,
 * a transport that serves them, the per-test setup, and the ways a test types and picks.
 */

export const LOOKUPS: InterventionLookups = {
  personnel: [
    { id: 'p-1', name: 'Ana Pop', operator: true, technician: false, verifier: true },
    { id: 'p-2', name: 'Dan Ion', operator: false, technician: true, verifier: false },
    { id: 'p-3', name: 'Ilie Mihai', operator: false, technician: true, verifier: false },
  ],
  requestTypes: [
    { id: 'rt-1', parentId: null, depth: 0, code: 'HEAT', name: 'Heating', mailClient: true },
    { id: 'rt-2', parentId: 'rt-1', depth: 1, code: 'BOIL', name: 'Boiler', mailClient: true },
  ],
  commercialZones: [],
  // p-1 is in the team but no technician: picking the team proposes Dan Ion only.
  teams: [{ id: 't-1', name: 'North crew', memberIds: ['p-1', 'p-2'] }],
};

/** A taken, unplanned intervention of Acme SRL (Heating › Boiler), version 3; `over` changes what a test needs. */
export function interventionDetail(over: Partial<InterventionDetail> = {}): InterventionDetail {
  return {
    id: 'iv-1',
    version: 3,
    createdAt: Date.UTC(2026, 10, 1),
    updatedAt: Date.UTC(2026, 10, 1),
    status: 'taken',
    valid: false,
    seriesId: 's-1',
    seriesPrefix: 'INT',
    number: null,
    fullNumber: null,
    docDate: '2026-11-20',
    clientId: 'c-1',
    clientName: 'Acme SRL',
    contactPersonId: null,
    contactPersonName: null,
    requestTypeId: 'rt-2',
    requestTypePath: ['Heating', 'Boiler'],
    class1Id: null,
    class2Id: null,
    class3Id: null,
    priority: 2,
    confirmed: false,
    objectKind: 'text',
    objectText: 'Boiler leaks',
    productId: null,
    productName: null,
    assetId: null,
    serialLot: null,
    verifierId: null,
    verifierName: null,
    takenById: 'p-1',
    takenByName: 'Ana Pop',
    teamId: null,
    teamName: null,
    plannedStart: null,
    plannedEnd: null,
    finalizedAt: null,
    resolution: null,
    cancelledAt: null,
    cancelReason: null,
    notes: null,
    contractId: null,
    contract: null,
    estimate: null,
    vehicle: null,
    source: 'phone',
    mailClient: null,
    awaitingReply: false,
    technicians: [],
    extra: {},
    extraFields: [],
    templates: [],
    filledTemplateIds: [],
    ...over,
  };
}

export const CLIENT: ClientDetail = {
  client: {
    id: 'c-1',
    version: 1,
    kind: 'company',
    name: 'Acme SRL',
    fiscalCode: 'RO14399840',
    address: 'Str. Lungă 5',
    locality: 'Brașov',
    county: 'Brașov',
    country: 'RO',
    commercialZone: 'Centru',
    phone: '+40722000001',
    workPhone: null,
    email: null,
    notes: null,
  },
  contacts: [{ id: 'cp-1', version: 1, clientId: 'c-1', name: 'Maria Ionescu', jobFunction: 'Admin', role: null, phone: null, email: null, preferredContact: 'phone' }],
  interventions: { open: 2, total: 7 },
  contracts: 1,
};

type Answers = FakeTransport['answers'];

/** A connected transport serving the intervention `d` and CLIENT; `more` adds or replaces answers. */
export function formTransport(d: InterventionDetail = interventionDetail(), more: Answers = {}): FakeTransport {
  const tr = new FakeTransport();
  tr.state = 'connected';
  const answers: Answers = {
    'interventions.get': () => ({ ok: true, value: d }),
    'clients.list': () => ({ ok: true, value: [CLIENT.client] }),
    'clients.get': () => ({ ok: true, value: CLIENT }),
    ...more,
  };
  for (const [method, answer] of Object.entries(answers) as [MethodName, Answers[MethodName]][]) tr.answers[method] = answer;
  return tr;
}

/**
 * Registers the setup of a form test file (browser stubs; no i18n key missing after any test)
 * and gives the mount to use: a test's view is unmounted after it, or when it mounts another.
 */
export function formTestSetup(): (ui: ReactNode, transport: FakeTransport, language?: Language) => Promise<Mounted> {
  let current: Mounted | null = null;
  const close = () => {
    current?.unmount();
    current = null;
  };
  beforeAll(stubBrowser);
  beforeEach(() => {
    window.__missingI18nKeys = [];
  });
  afterEach(() => {
    close();
    expect(window.__missingI18nKeys).toEqual([]);
  });
  return async (ui, transport, language) => {
    close();
    current = await mount(ui, transport, language);
    return current;
  };
}

export const q = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
export const input = (testId: string) => q(testId) as HTMLInputElement;

/** Types into a textarea as a person does (React tracks the value it set; the prototype's setter goes around it). */
export async function typeArea(area: HTMLTextAreaElement, value: string): Promise<void> {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(area, value);
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush(1);
}

/** Opens the Select of that test id and clicks the option with that text. */
export async function pickOption(field: string, text: string | RegExp): Promise<void> {
  await click(input(field));
  await flush(2);
  const option = [...document.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => (typeof text === 'string' ? o.textContent === text : text.test(o.textContent ?? '')));
  if (!option) throw new Error(`no option ${String(text)} in ${field}`);
  await click(option);
  await flush(2);
}

/** A key pressed on an element (bubbling, cancelable, as the browser sends it). */
export function pressKey(el: Element, key: string, extra: KeyboardEventInit = {}): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...extra }));
  });
}
