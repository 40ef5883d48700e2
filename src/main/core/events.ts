import { EventEmitter } from 'node:events';
import type { EventName, Events } from '../../shared/api/contract';

/** Events from the services to every connected window, typed by the contract's Events map. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open window or WebSocket; dozens are normal for a busy host.
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit('event', event, payload);
  }

  /** Listens to all events; returns the function that stops listening. */
  subscribe(listener: <E extends EventName>(event: E, payload: Events[E]) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
