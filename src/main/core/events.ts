import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../../shared/api/contract';
import type { Capability } from '../../shared/api/capabilities';

/** Who an event is for when not every window may see it: one user's sessions (their export, their read marks). */
export interface Audience {
  userId: string;
}

export type EventListener = <E extends EventName>(event: E, payload: Events[E], audience: Audience | undefined) => void;

/**
 * What one committed unit of work wrote, row by row with the columns it changed: for main's own
 * caches (the grid keeps every answer a write cannot change). Never sent to windows.
 */
export interface Committed {
  /**
   * `rowId` and `before` (the changed columns' values before the unit) come with the rows the
   * unit wrote itself; a derived column kept by the write path has neither, but `ids`: the
   * rows whose derived column changed.
   */
  rows: { table: string; op: 'insert' | 'update' | 'delete'; columns: string[]; rowId?: string; before?: Record<string, unknown>; ids?: string[] }[];
  /** Capabilities changed without a row write of their own (derived columns): columns unknown. */
  touched: Capability[];
  /** The unit wrote changes of this workstation's own (to push), not only rows pulled from the store. */
  local?: boolean;
  /** Every replicated table may have changed (a store joined replaced them): cached answers are all dropped. */
  reset?: boolean;
}

/**
 * Events from the services to the connected windows, typed by the contract's Events map. The
 * dispatcher's subscription (api/dispatcher.ts) decides which window may see which.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open window or WebSocket; dozens are normal for a busy host.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: Events[E], audience?: Audience): void {
    this.emitter.emit('event', event, payload, audience);
  }

  /** Listens to all events; returns the function that stops listening. */
  subscribe(listener: EventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Tells main's caches what a unit of work wrote; called after its commit, before its events. */
  committed(notice: Committed): void {
    this.emitter.emit('committed', notice);
  }

  onCommitted(listener: (notice: Committed) => void): () => void {
    this.emitter.on('committed', listener);
    return () => this.emitter.off('committed', listener);
  }
}
