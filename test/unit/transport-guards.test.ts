import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { externalUrl, isAppUrl } from '../../src/main/electron/external-links';
import { resolveStatic } from '../../src/main/transport/static-files';
import { OriginPolicy } from '../../src/main/transport/origin';
import { readCookie } from '../../src/main/transport/cookies';
import { parseAppArgs } from '../../src/main/app/options';
import { cspSources } from '../../src/main/transport/csp';

describe('links the page may open outside the app', () => {
  it('lets http(s) and mailto through, nothing else', () => {
    expect(externalUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(externalUrl('mailto:ana@example.com')).toBe('mailto:ana@example.com');
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'app://bundle/x', 'smb://host/share', 'https://user:pw@example.com', 'not a url', 42, null, 'https://' + 'a'.repeat(5000)]) {
      expect(externalUrl(bad), String(bad)).toBeNull();
    }
  });
  it('recognises only our own origin as the app', () => {
    expect(isAppUrl('app://bundle/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://bundle/')).toBe(false);
  });
});

describe('static files', () => {
  const root = mkdtempSync(join(tmpdir(), 'cc-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), 'i');
  writeFileSync(join(root, 'assets', 'x.js'), 'x');
  it('resolves files under the root with their type', () => {
    expect(resolveStatic(root, '/')).toMatchObject({ file: join(root, 'index.html'), type: 'text/html; charset=utf-8' });
    expect(resolveStatic(root, '/assets/x.js?v=1')).toMatchObject({ type: 'text/javascript; charset=utf-8' });
  });
  it('refuses traversal, encoded or not, NUL bytes and folders', () => {
    for (const p of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../x', '/%00', '/%E0%A4%A', '/assets']) {
      expect(resolveStatic(root, p), p).toBeNull();
    }
  });
});

describe('origin policy of the browser-mode host', () => {
  const p = new OriginPolicy(4310, ['desk.example.lan']);
  it('accepts our own loopback names and configured ones', () => {
    expect(p.hostAllowed('127.0.0.1:4310')).toBe(true);
    expect(p.hostAllowed('localhost:4310')).toBe(true);
    expect(p.hostAllowed('desk.example.lan:4310')).toBe(true);
    expect(p.originAllowed('http://127.0.0.1:4310')).toBe(true);
  });
  it('refuses other hosts, ports, schemes and null origins', () => {
    expect(p.hostAllowed('evil.example:4310')).toBe(false);
    expect(p.hostAllowed('127.0.0.1:4311')).toBe(false);
    expect(p.hostAllowed(undefined)).toBe(false);
    for (const o of ['http://evil.example', 'https://127.0.0.1:4310', 'null', 'http://127.0.0.1:4310.evil.example', undefined]) {
      expect(p.originAllowed(o), String(o)).toBe(false);
    }
  });
  it('reads the session cookie among others', () => {
    expect(readCookie('a=1; cc_session=tok; b=2', 'cc_session')).toBe('tok');
    expect(readCookie('cc_session=', 'cc_session')).toBeNull();
    expect(readCookie(undefined, 'cc_session')).toBeNull();
  });
});

describe('host command line', () => {
  it('defaults to 127.0.0.1:4310 and validates the port', () => {
    expect(parseAppArgs([], {})).toMatchObject({ host: '127.0.0.1', port: 4310, open: false });
    expect(parseAppArgs(['--port', '0', '--db', 'x.sqlite'], {})).toMatchObject({ port: 0, dbPath: 'x.sqlite' });
    expect(() => parseAppArgs(['--port', 'eighty'], {})).toThrow(/--port must be a number/);
    expect(() => parseAppArgs(['--port', '70000'], {})).toThrow(/--port/);
    expect(() => parseAppArgs(['--bogus'], {})).toThrow();
  });
});

describe('CSP sources from settings', () => {
  it('keeps ws/wss addresses only, without anything that could widen the policy', () => {
    expect(cspSources(['wss://pbx.example.com:8089/ws', 'ws://127.0.0.1:5066/', 'https://x.example.com', 'not a url', "wss://a.example.com/x;script-src 'unsafe-inline'", 'wss://b.example.com/a b'])).toEqual([
      'wss://pbx.example.com:8089/ws',
      'ws://127.0.0.1:5066',
      'wss://b.example.com/a%20b',
    ]);
  });
});
