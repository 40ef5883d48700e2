/**
 * The Content-Security-Policy of the app page, the same in both modes: scripts only from the
 * app itself, no eval, no plugins, no framing. Mantine sets style attributes, hence
 * 'unsafe-inline' for styles only. `connect` names the API WebSocket in browser mode.
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
