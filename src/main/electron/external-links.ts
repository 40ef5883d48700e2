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

const FORM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The intervention id when the page asks to open the form as a window of its own
 * (app://bundle/?intervention=<id> or app://bundle/index.html?intervention=<id>, nothing else
 * in the URL); null for any other URL. Pure, so it is tested as a plain function.
 */
export function formWindowTarget(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 300 || !isAppUrl(input)) return null;
  const url = new URL(input);
  if (url.pathname !== '/' && url.pathname !== '/index.html') return null;
  if (url.hash || url.username || url.password || url.port) return null;
  const keys = [...url.searchParams.keys()];
  if (keys.length !== 1 || keys[0] !== 'intervention') return null;
  const id = url.searchParams.get('intervention') ?? '';
  return FORM_ID.test(id) ? id : null;
}
