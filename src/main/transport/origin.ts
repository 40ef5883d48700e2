/**
 * Which Host headers and Origins the browser-mode host answers. Checking Host defeats DNS
 * rebinding (a hostile name resolving to 127.0.0.1); checking Origin stops another site's page
 * from opening our WebSocket with the user's cookie (cross-site WebSocket hijacking).
 */
export class OriginPolicy {
  private readonly hosts: Set<string>;

  constructor(port: number, extraHosts: string[] = []) {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...extraHosts.map((h) => (h.includes(':') ? h : `${h}:${port}`))]);
  }

  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  originAllowed(origin: string | undefined): boolean {
    if (!origin) return false;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return url.protocol === 'http:' && url.pathname === '/' && this.hosts.has(url.host.toLowerCase());
  }

  /** The ws:// origins the page may connect to, for its CSP (Chromium rejects IPv6 literals there). */
  webSocketOrigins(): string[] {
    return [...this.hosts].filter((h) => !h.startsWith('[')).map((h) => `ws://${h}`);
  }
}
