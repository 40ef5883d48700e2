/**
 * The Content-Security-Policy of the app page, the same in both modes: scripts only from the
 * app itself, no eval, no plugins, no framing. Mantine sets style attributes, hence
 * 'unsafe-inline' for styles only. `connect` names the API WebSocket in browser mode, and the
 * SIP servers the softphone may reach.
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * URLs as CSP sources: scheme, host, port and path only; anything that is not a ws/wss URL, or
 * holds characters a policy gives meaning to, is left out rather than widen the policy.
 */
export function cspSources(urls: readonly string[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    let url: URL;
    try {
      url = new URL(u);
    } catch {
      continue;
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') continue;
    const source = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
    if (/[\s;,'*]/.test(source)) continue;
    out.push(source);
  }
  return out;
}
