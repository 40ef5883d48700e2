import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../../shared/api/contract';

/** Who an event is for when not every window may see it: one user's sessions (their export, their read marks). */
export interface Audience {
  userId: string;
}

export type EventListener = <E extends EventName>(event: E, payload: Events[E], audience: Audience | undefined) => void;

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
}
