/**
 * Decides whether a link the page asks to open may go to the system browser or mail client.
 * Pure (no electron import) so it is tested as a plain function: only http(s) and mailto,
 * no credentials in the URL, nothing else (file:, javascript:, custom schemes are refused).
 */
export function externalUrl(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.href;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.href;
}

/** The app's own pages live under this origin (a privileged custom protocol). */
export const APP_ORIGIN = 'app://bundle';

export function isAppUrl(input: string): boolean {
  try {
    const url = new URL(input);
    return url.protocol === 'app:' && url.host === 'bundle';
  } catch {
    return false;
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A window of ours the page may ask for: the form, the evolution sheet or the quick report, and the page to load in it. */
export interface OwnWindow {
  kind: 'form' | 'sheet' | 'report';
  page: string;
}

/**
 * The window the page asks to open (window.open / target=_blank) when it is one of our own pages:
 * app://bundle/[index.html]?intervention=<id> (the form), ?sheet=<id> (the evolution sheet) or
 * ?report=interventions&view=<json> (the quick report), with nothing else in the URL; null for
 * any other URL. The page to load is rebuilt from the checked parts, never the string given.
 * Pure, so it is tested as a plain function.
 */
export function ownWindowTarget(input: unknown): OwnWindow | null {
  if (typeof input !== 'string' || input.length > 12_000 || !isAppUrl(input)) return null;
  const url = new URL(input);
  if (url.pathname !== '/' && url.pathname !== '/index.html') return null;
  if (url.hash || url.username || url.password || url.port) return null;
  const keys = [...url.searchParams.keys()].sort().join(',');
  const page = (query: Record<string, string>) => `${APP_ORIGIN}/index.html?${new URLSearchParams(query).toString()}`;
  if (keys === 'intervention' || keys === 'sheet') {
    const id = url.searchParams.get(keys) ?? '';
    if (!ID.test(id)) return null;
    return { kind: keys === 'intervention' ? 'form' : 'sheet', page: page({ [keys]: id }) };
  }
  if (keys === 'report,view' && url.searchParams.get('report') === 'interventions') {
    const view = url.searchParams.get('view') ?? '';
    try {
      JSON.parse(view);
    } catch {
      return null;
    }
    return { kind: 'report', page: page({ report: 'interventions', view }) };
  }
  return null;
}
