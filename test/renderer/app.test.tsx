// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useEffect, useState } from 'react';
import { App } from '../../src/renderer/src/shell/app';
import { MODULE_INFO } from '../../src/renderer/src/shell/modules';
import { Shell } from '../../src/renderer/src/shell/shell';
import { FakeTransport, click, flush, makeMe, mount, stubBrowser, typeInto, type Mounted } from './support';

let view: Mounted | null = null;

beforeAll(stubBrowser);
beforeEach(() => {
  window.__missingI18nKeys = [];
  window.location.hash = '';
  localStorage.clear();
});
afterEach(() => {
  view?.unmount();
  view = null;
  expect(window.__missingI18nKeys).toEqual([]);
});

describe('login screen', () => {
  it('shows a clear message on a wrong password and keeps the login', async () => {
    const transport = new FakeTransport();
    view = await mount(<App />, transport);
    const login = view.get('login-user');
    expect(login.tagName).toBe('INPUT');
    expect(view.get('login-password').tagName).toBe('INPUT');
    await typeInto(login, 'operator');
    await typeInto(view.get('login-password'), 'nope');
    await click(view.get('login-submit'));
    expect(transport.logins).toEqual([{ login: 'operator', password: 'nope' }]);
    expect(view.get('login-error').textContent).toBe('Wrong login or password.');
    expect((view.get('login-user') as HTMLInputElement).value).toBe('operator');
    expect((view.get('login-password') as HTMLInputElement).value).toBe('');
    expect((view.get('login-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks for the fields before sending anything', async () => {
    const transport = new FakeTransport();
    view = await mount(<App />, transport);
    await click(view.get('login-submit'));
    expect(transport.logins).toEqual([]);
    expect(view.container.ownerDocument.body.textContent).toContain('Enter your login.');
  });

  it('a login that takes long says why, in Romanian, and the notice goes when it ends', async () => {
    const transport = new FakeTransport();
    let answer: (r: Awaited<ReturnType<FakeTransport['login']>>) => void = () => undefined;
    transport.login = () => new Promise((resolve) => (answer = resolve));
    view = await mount(<App />, transport, 'ro');
    await typeInto(view.get('login-user'), 'operator');
    await typeInto(view.get('login-password'), 'demo');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const submit = view.get('login-submit');
      act(() => submit.click());
      await act(() => vi.advanceTimersByTimeAsync(2900));
      expect(view.query('login-slow')).toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(200));
      expect(view.get('login-slow').textContent).toContain('stația își termină datele');
    } finally {
      vi.useRealTimers();
    }
    act(() => answer({ ok: false, error: { code: 'unauthenticated', message: 'Wrong login or password.' } }));
    await flush();
    expect(view.query('login-slow')).toBeNull();
    expect(view.get('login-error').textContent).toBe('Utilizator sau parolă greșită.');
  });

  it('counts the lockout down with the button disabled, in Romanian', async () => {
    const transport = new FakeTransport();
    transport.loginAnswer = { ok: false, error: { code: 'forbidden', message: 'Too many failed attempts. Try again in 25 s.' } };
    view = await mount(<App />, transport, 'ro');
    await typeInto(view.get('login-user'), 'operator');
    await typeInto(view.get('login-password'), 'x');
    await click(view.get('login-submit'));
    expect(view.get('login-error').textContent).toBe('Prea multe încercări eșuate. Încercați din nou peste 25 de secunde.');
    expect((view.get('login-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('shell', () => {
  async function loggedIn(role: 'operator' | 'admin' | 'technician', language: 'en' | 'ro' = 'en', endsAt: number | null = null) {
    const transport = new FakeTransport();
    transport.session = { me: makeMe(role, { language }), expiresAt: null, endsAt, hostNow: null };
    transport.answers['session.setLanguage'] = (input) => ({ ok: true, value: makeMe(role, { language: (input as { language: 'ro' }).language }) });
    view = await mount(<App />, transport, language);
    await flush();
    return { transport, view };
  }

  it('says when the session ends in its last quarter of an hour, and nothing before', async () => {
    const early = await loggedIn('operator', 'en', Date.now() + 3 * 3600_000);
    expect(early.view.query('session-ends')).toBeNull();
    view?.unmount();
    const late = await loggedIn('operator', 'ro', Date.now() + 10 * 60_000 - 1000);
    expect(late.view.get('session-ends').textContent).toMatch(/^Sesiunea se încheie la \d\d:\d\d, peste 10 minute: /);
  });

  it('shows only the modules the user may read', async () => {
    const { view } = await loggedIn('technician');
    expect(view.query('nav-interventions')).not.toBeNull();
    expect(view.query('nav-calendar')).not.toBeNull();
    expect(view.query('nav-calls')).toBeNull();
    expect(view.query('nav-recordings')).toBeNull();
    expect(view.query('nav-admin')).toBeNull();
  });

  it('shows Administration to an administrator', async () => {
    const { view } = await loggedIn('admin');
    expect(view.get('nav-admin').textContent).toContain('Administration');
  });

  it('shows the real counts, the database and the mode', async () => {
    const { view } = await loggedIn('operator');
    expect(view.get('count-interventions').textContent).toBe('1,234,567');
    expect(view.get('count-clients').textContent).toBe('2,000');
    expect(view.get('count-personnel').textContent).toBe('1');
    expect(view.get('overview').textContent).toContain('employee');
    expect(view.get('overview').textContent).not.toContain('employees');
    expect(view.get('statusbar-user').textContent).toContain('Ion Operator');
    expect(view.get('statusbar-user').textContent).toContain('Operator');
    expect(view.get('statusbar-database').textContent).toContain('callcenter-demo.sqlite');
    expect(view.get('statusbar-database').textContent).toContain('48.5 MB');
    expect(view.get('statusbar-demo').textContent).toBe('demo');
    expect(view.get('statusbar-mode').textContent).toBe('Browser');
    expect(view.get('statusbar-sip').textContent).toContain('not configured');
  });

  it('formats the counts in the UI language', async () => {
    const { view } = await loggedIn('operator', 'ro');
    expect(view.get('count-interventions').textContent).toBe('1.234.567');
    expect(view.get('overview').textContent).toContain('de intervenții');
    expect(view.get('nav-clients').textContent).toContain('Clienți');
  });

  it('keeps an engine mounted, with its state, while the user switches modules (a call survives)', async () => {
    let mounts = 0;
    // An engine as the softphone will be: state of its own, mounted once for the session.
    function CallEngine() {
      const [seconds, setSeconds] = useState(0);
      useEffect(() => {
        mounts++;
      }, []);
      return (
        <button type="button" data-testid="engine-call" onClick={() => setSeconds((n) => n + 1)}>
          {seconds}
        </button>
      );
    }
    const Screen = ({ label }: { label: string }) => <div data-testid="screen">{label}</div>;
    const modules = {
      ...MODULE_INFO,
      interventions: { ...MODULE_INFO.interventions, screen: () => <Screen label="grid" /> },
      clients: { ...MODULE_INFO.clients, screen: () => <Screen label="clients" /> },
    };
    const transport = new FakeTransport();
    const me = makeMe('operator');
    view = await mount(<Shell me={me} onMeChange={() => {}} onLogout={() => {}} modules={modules} engines={[{ id: 'call', component: CallEngine }]} />, transport);
    await flush();
    await click(view.get('engine-call'));
    await click(view.get('engine-call'));
    for (const nav of ['nav-clients', 'nav-calendar', 'nav-interventions']) {
      await click(view.get(nav));
      await flush();
    }
    expect(view.get('screen').textContent).toBe('grid');
    expect(view.get('engine-call').textContent).toBe('2');
    expect(mounts).toBe(1);
  });

  it('opens a not-built module from the navigation with its release', async () => {
    const { view } = await loggedIn('operator');
    await click(view.get('nav-reports'));
    await flush();
    expect(view.get('not-built-release').textContent).toBe('Reports arrives in release 0.5.');
    expect(view.get('current-module').textContent).toBe('Reports');
  });

  it('switches the language from the user menu and saves it', async () => {
    const { view, transport } = await loggedIn('operator');
    await click(view.get('user-menu'));
    await click(view.get('lang-ro'));
    await flush();
    expect(transport.calls).toContainEqual({ method: 'session.setLanguage', input: { language: 'ro' } });
    expect(view.get('nav-interventions').textContent).toContain('Intervenții');
    expect(document.documentElement.lang).toBe('ro');
  });

  it('returns to the login screen when the session ends', async () => {
    const { view, transport } = await loggedIn('operator');
    act(() => transport.loseSession('expired'));
    await flush();
    expect(view.get('login-notice').textContent).toBe('Your session has ended. Log in again to continue.');
  });

  it('logs out from the user menu', async () => {
    const { view } = await loggedIn('operator');
    await click(view.get('user-menu'));
    await click(view.get('logout'));
    await flush();
    expect(view.get('login-notice').textContent).toBe('You have logged out.');
  });
});
