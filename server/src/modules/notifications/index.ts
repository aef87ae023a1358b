import { EventEmitter } from 'node:events';
import type { ResidentEvent } from '../../contracts/index.js';

export type { ResidentEvent } from '../../contracts/index.js';

/**
 * Live notices to a resident's open pages (DESIGN §6: the inbox updates live, every read by a
 * service shows at once). Modules publish after the change has committed; the consent module's
 * `GET /api/events` subscribes per signed-in resident and writes server-sent events.
 *
 * This one is in-process: one vault node. With several nodes (issue 7) the same interface fans out
 * through PostgreSQL LISTEN/NOTIFY (pg-notifier.ts).
 */
export interface ResidentNotifier {
  publish(residentId: string, event: ResidentEvent): void;
  /** Calls `listener` for each event for this resident until the returned function is called. */
  subscribe(residentId: string, listener: (event: ResidentEvent) => void): () => void;
  /** Open subscriptions now (tests, metrics). */
  subscriberCount(): number;
}

/** The most pages one node keeps open at once, all residents together (each is one listener). */
export const MAX_SUBSCRIBERS = 10_000;

export function createResidentNotifier(): ResidentNotifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(MAX_SUBSCRIBERS);
  let count = 0;
  return {
    publish(residentId, event) {
      emitter.emit(residentId, event);
    },
    subscribe(residentId, listener) {
      emitter.on(residentId, listener);
      count += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        count -= 1;
        emitter.off(residentId, listener);
      };
    },
    subscriberCount: () => count,
  };
}
