import { app, net, protocol, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy, cspSources } from '../transport/csp';
import { resolveStatic } from '../transport/static-files';
import { externalUrl, ownWindowTarget, isAppUrl, type OwnWindow } from './external-links';
import { grantsCheck, grantsRequest } from './permission-rules';

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
export function serveAppScheme(rendererDir: string, transfer: (url: URL) => Promise<Response>, connectSources: () => string[] = () => []): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== 'bundle') return new Response('Not found', { status: 404 });
    // Attachments (download and preview) and finished exports, through the dispatcher's guard (files-ipc.ts).
    if (url.pathname.startsWith('/files/') || url.pathname.startsWith('/exports/') || url.pathname.startsWith('/recordings/')) return transfer(url);
    const found = resolveStatic(rendererDir, url.pathname) ?? resolveStatic(rendererDir, '/index.html');
    if (!found) return new Response('Not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(found.file).toString());
    return new Response(file.body, {
      status: 200,
      headers: { 'Content-Type': found.type, 'Content-Security-Policy': contentSecurityPolicy(cspSources(connectSources())), 'X-Content-Type-Options': 'nosniff' },
    });
  });
}

/** Only the microphone (for the softphone), and only for our own page's top frame (permission-rules.ts). */
export function lockPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    callback(
      grantsRequest({
        permission,
        topUrl: wc.getURL(),
        requestingUrl: details.requestingUrl,
        isMainFrame: details.isMainFrame,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    );
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    grantsCheck({ permission, requestingOrigin, isMainFrame: details.isMainFrame, mediaType: details.mediaType }),
  );
}

/** Opens one of our pages (form, sheet, report) in a window of ours; set by main once the app is open. */
let ownWindowOpener: ((opener: WebContents, target: OwnWindow) => void) | null = null;

export function setOwnWindowOpener(open: (opener: WebContents, target: OwnWindow) => void): void {
  ownWindowOpener = open;
}

/**
 * The page never leaves the app: navigation and new windows are refused, safe links open outside.
 * The windows the page may open are its own pages (the form, the evolution sheet, the quick
 * report: external-links.ts), asked by our own page: main creates them (same web preferences,
 * same checks), never Electron's default child window.
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
    const own = ownWindowTarget(url);
    if (own !== null) {
      if (ownWindowOpener && isAppUrl(contents.getURL())) ownWindowOpener(contents, own);
      return { action: 'deny' };
    }
    const safe = externalUrl(url);
    if (safe) void shell.openExternal(safe);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** `devTools`: only in a development run; a packaged app has no DevTools (nor the menu items that open them). */
export function secureWebPreferences(preloadDir: string, devTools: boolean) {
  return {
    devTools,
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
