import { createServer, Socket, type Server } from 'node:net';

/** A TCP proxy on loopback in front of the store: cut() drops every connection and refuses new ones. */
export class Proxy {
  private readonly sockets = new Set<Socket>();
  private cutOff = false;
  private constructor(private readonly server: Server) {}

  /** A proxy in front of the store at `storeUrl`, and that URL through the proxy (without a login, as one joins). */
  static async inFront(storeUrl: string): Promise<{ proxy: Proxy; url: string }> {
    const target = new URL(storeUrl);
    const proxy = await Proxy.start({ host: target.hostname, port: Number(target.port) });
    return { proxy, url: Object.assign(new URL(storeUrl), { port: String(proxy.port), username: '', password: '' }).toString() };
  }

  static async start(target: { host: string; port: number }): Promise<Proxy> {
    const server = createServer();
    const p = new Proxy(server);
    server.on('connection', (inbound) => {
      if (p.cutOff) return inbound.destroy();
      const outbound = new Socket();
      outbound.connect(target.port, target.host);
      for (const s of [inbound, outbound]) {
        p.sockets.add(s);
        s.on('close', () => p.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      inbound.pipe(outbound).pipe(inbound);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return p;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.cutOff = true;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((r) => this.server.close(r));
  }
}
