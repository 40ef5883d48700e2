import { app, net, protocol, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../transport/csp';
import { resolveStatic } from '../transport/static-files';
import { externalUrl, formWindowTarget, isAppUrl } from './external-links';

/** Must run before app ready: app:// behaves like a secure origin (fetch, media devices). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * Serves the built renderer under app://bundle/ with the CSP header, from a folder only: the
 * path is resolved and kept inside rendererDir (no traversal), and only GET is answered.
 */
export function serveAppScheme(rendererDir: string, transfer: (url: URL) => Promise<Response>): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== 'bundle') return new Response('Not found', { status: 404 });
    // Attachments (download and preview) and finished exports, through the dispatcher's guard (files-ipc.ts).
    if (url.pathname.startsWith('/files/') || url.pathname.startsWith('/exports/')) return transfer(url);
    const found = resolveStatic(rendererDir, url.pathname) ?? resolveStatic(rendererDir, '/index.html');
    if (!found) return new Response('Not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(found.file).toString());
    return new Response(file.body, {
      status: 200,
      headers: { 'Content-Type': found.type, 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

/** Only the microphone (for the softphone), and only for our own page. */
export function lockPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const audioOnly = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'audio') === true;
    callback(audioOnly && isAppUrl(wc.getURL()));
  });
  ses.setPermissionCheckHandler((_wc, permission, origin) => permission === 'media' && isAppUrl(origin));
}

/** Opens the intervention form in a window of ours; set by main once the app is open. */
let formWindowOpener: ((opener: WebContents, interventionId: string) => void) | null = null;

export function setFormWindowOpener(open: (opener: WebContents, interventionId: string) => void): void {
  formWindowOpener = open;
}

/**
 * The page never leaves the app: navigation and new windows are refused, safe links open outside.
 * The one window the page may open is its own form (?intervention=<id>), asked by our own page:
 * main creates it (same web preferences, same checks), never Electron's default child window.
 */
function lockNavigation(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // Hit when middle-clicking links or <a target="_blank">: hand safe ones to the system.
  contents.setWindowOpenHandler(({ url }) => {
    const formId = formWindowTarget(url);
    if (formId !== null) {
      if (formWindowOpener && isAppUrl(contents.getURL())) formWindowOpener(contents, formId);
      return { action: 'deny' };
    }
    const safe = externalUrl(url);
    if (safe) void shell.openExternal(safe);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function secureWebPreferences(preloadDir: string) {
  return {
    preload: join(preloadDir, 'index.js'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Sandbox every renderer, and lock every web contents ever created, not only ours. */
export function hardenApp(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_e, contents) => lockNavigation(contents));
}
