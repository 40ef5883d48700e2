/*
 * Work the app does in the background (sync loop, mail sender and watcher, contract generator,
 * retention jobs, the read workers): started and stopped with the app, the same way by the
 * desktop and the browser-mode entry points. Stopping leaves no timer, socket or worker behind.
 */
export interface BackgroundService {
  readonly name: string;
  start?(): void;
  stop(): void | Promise<void>;
}

export class Lifecycle {
  private readonly services: BackgroundService[] = [];
  private running = false;

  constructor(private readonly log: (line: string) => void = console.error) {}

  /** Adds a service; one added to a running app starts at once. */
  add<T extends BackgroundService>(service: T): T {
    this.services.push(service);
    if (this.running) service.start?.();
    return service;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const service of this.services) service.start?.();
  }

  /** Stops every service, the last added first; one that fails to stop does not keep the others running. */
  async stop(): Promise<void> {
    this.running = false;
    for (const service of [...this.services].reverse()) {
      try {
        await service.stop();
      } catch (e) {
        this.log(`${service.name} did not stop cleanly: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}
