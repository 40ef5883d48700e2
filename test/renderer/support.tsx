import { MantineProvider } from '@mantine/core';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { EventName, Events, MethodName } from '../../src/shared/api/contract';
import type { ApiResult } from '../../src/shared/api/result';
import type { GridRow } from '../../src/shared/grid/columns';
import { ROLE_DEFAULT_RIGHTS, ROLE_DEFAULT_SCOPE, type Role } from '../../src/shared/domain/permissions';
import type { Language } from '../../src/shared/i18n/languages';
import { ApiClient } from '../../src/renderer/src/api/client';
import { ApiProvider } from '../../src/renderer/src/api/context';
import { SlotsProvider } from '../../src/renderer/src/kit/slots';
import { slots } from '../../src/renderer/src/shell/slots';
import { Emitter, type ConnectionState, type SessionEndReason, type SessionInfo, type Transport } from '../../src/renderer/src/api/transport';
import { theme } from '../../src/renderer/src/shell/theme';
import { createRendererI18n } from '../../src/renderer/src/i18n/setup';
import type { AppInfo } from '../../src/shared/api/settings';
import type { Me } from '../../src/shared/api/auth';

/** What jsdom lacks and Mantine needs. */
export function stubBrowser(): void {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  if (typeof window.matchMedia !== 'function') {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }),
    });
  }
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  window.scrollTo = () => {};
  // Mantine's inputs and comboboxes ask for these; jsdom has neither.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { configurable: true, value: { addEventListener() {}, removeEventListener() {} } });
  if (!('scrollIntoView' in Element.prototype)) Object.defineProperty(Element.prototype, 'scrollIntoView', { configurable: true, value: () => {} });
}

/** jsdom has no layout: the grid gets a 1000 × 630 viewport (header 30 + 21 rows of 28). Returns the undo. */
export function giveTheGridASize(): () => void {
  const restore: (() => void)[] = [];
  for (const [prop, size] of [
    ['clientHeight', 630],
    ['clientWidth', 1000],
  ] as const) {
    const original = Object.getOwnPropertyDescriptor(Element.prototype, prop)!;
    Object.defineProperty(Element.prototype, prop, {
      configurable: true,
      get(this: Element) {
        return this.classList.contains('ivg-grid') ? size : (original.get?.call(this) as number);
      },
    });
    restore.push(() => Object.defineProperty(Element.prototype, prop, original));
  }
  return () => restore.forEach((r) => r());
}

/** A grid row with every column filled with something plausible; tests override what they check. */
export function gridRow(i: number, over: Partial<GridRow> = {}): GridRow {
  return {
    id: `iv-${i}`,
    version: 3,
    unread: 0,
    series: 'INT',
    number: 1000 + i,
    docDate: '2026-03-07',
    client: 'Acme SRL',
    requestType: 'Repair',
    object: 'Boiler',
    plannedStart: null,
    plannedEnd: null,
    technicians: `Technician ${i % 7}`,
    status: 'taken',
    priority: 2,
    source: 'phone',
    takenBy: 'Ana',
    valid: 1,
    cancelled: 0,
    notes: null,
    vehicle: null,
    fiscalCode: null,
    phone: null,
    email: null,
    address: null,
    locality: null,
    county: null,
    country: 'RO',
    commercialZone: null,
    class1: null,
    class2: null,
    class3: null,
    serialLot: null,
    verifier: null,
    contactPerson: null,
    ...over,
  };
}

export function makeMe(role: Role, over: Partial<Me> = {}): Me {
  return {
    userId: `u-${role}`,
    login: role,
    displayName: role === 'admin' ? 'Ana Admin' : 'Ion Operator',
    role,
    language: 'en',
    rights: ROLE_DEFAULT_RIGHTS[role],
    scope: ROLE_DEFAULT_SCOPE[role],
    sessionLocked: false,
    favourites: [],
    startPage: 'module',
    personId: null,
    ...over,
  };
}

export const INFO: AppInfo = {
  version: '0.1.0',
  mode: 'browser',
  database: { name: 'callcenter-demo.sqlite', path: '/data/callcenter-demo.sqlite', sizeBytes: 48_500_000, demo: true },
  counts: { interventions: 1_234_567, clients: 2_000, personnel: 1 },
};

/** A transport whose answers the test writes; it records what the UI asked. */
export class FakeTransport implements Transport {
  readonly mode = 'browser';
  state: ConnectionState = 'offline';
  session: SessionInfo | null = null;
  loginAnswer: ApiResult<SessionInfo> = { ok: false, error: { code: 'unauthenticated', message: 'Wrong login or password.' } };
  answers: Partial<Record<MethodName, (input: unknown) => ApiResult<unknown>>> = {
    'app.info': () => ({ ok: true, value: INFO }),
  };
  calls: { method: MethodName; input: unknown }[] = [];
  logins: { login: string; password: string }[] = [];
  private readonly stateChanges = new Emitter<ConnectionState>();
  private readonly lost = new Emitter<SessionEndReason>();
  private readonly events = new Map<string, Emitter<unknown>>();

  call(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ method, input });
    const answer = this.answers[method];
    return Promise.resolve(answer ? answer(input) : { ok: false, error: { code: 'internal', message: `no fake for ${method}` } });
  }
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
    if (!this.events.has(event)) this.events.set(event, new Emitter());
    return this.events.get(event)!.add(listener as (p: unknown) => void);
  }
  push<E extends EventName>(event: E, payload: Events[E]) {
    this.events.get(event)?.emit(payload);
  }
  login(login: string, password: string) {
    this.logins.push({ login, password });
    return Promise.resolve(this.loginAnswer);
  }
  logout() {
    return Promise.resolve();
  }
  currentSession() {
    return Promise.resolve(this.session);
  }
  start() {
    this.setState('connected');
  }
  stop() {
    this.setState('offline');
  }
  setState(state: ConnectionState) {
    this.state = state;
    this.stateChanges.emit(state);
  }
  loseSession(reason: SessionEndReason) {
    this.lost.emit(reason);
  }
  onStateChange(listener: (s: ConnectionState) => void) {
    return this.stateChanges.add(listener);
  }
  onSessionLost(listener: (r: SessionEndReason) => void) {
    return this.lost.add(listener);
  }
}

export interface Mounted {
  container: HTMLElement;
  client: ApiClient;
  i18n: ReturnType<typeof createRendererI18n>;
  get: (testId: string) => HTMLElement;
  query: (testId: string) => HTMLElement | null;
  unmount: () => void;
}

export async function mount(ui: ReactNode, transport: Transport, language: Language = 'en'): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const client = new ApiClient(transport);
  const i18n = createRendererI18n(language);
  let root: Root;
  act(() => {
    root = createRoot(container);
    root.render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider theme={theme} env="test">
          <ApiProvider client={client}>
            <SlotsProvider slots={slots}>{ui}</SlotsProvider>
          </ApiProvider>
        </MantineProvider>
      </I18nextProvider>,
    );
  });
  await flush();
  const query = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  return {
    container,
    client,
    i18n,
    query,
    get: (id) => {
      const el = query(id);
      if (!el) throw new Error(`no element with data-testid="${id}"`);
      return el;
    },
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Lets promises, effects and timers of 0 ms run. */
export async function flush(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

/** Types into a React-controlled input the way a browser does. */
export async function typeInto(input: HTMLElement, value: string): Promise<void> {
  const el = input instanceof HTMLInputElement ? input : input.querySelector('input');
  if (!el) throw new Error('not an input');
  // React tracks the value it set; the prototype's setter goes around that, as typing does.
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  act(() => {
    descriptor?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await flush(1);
}

export async function click(el: HTMLElement): Promise<void> {
  act(() => {
    el.click();
  });
  await flush();
}
