/**
 * A state object that React reads with useSyncExternalStore: each change replaces the snapshot
 * (so React sees a new reference) and tells every subscriber. The softphone's Phone and the call
 * recorder keep their state in one.
 */
export class SnapshotStore<S extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(protected state: S) {}

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getState = (): S => this.state;

  protected set(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    // A copy: a listener may unsubscribe (or subscribe) while it is told.
    for (const l of [...this.listeners]) l();
  }
}
