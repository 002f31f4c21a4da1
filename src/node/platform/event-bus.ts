import type { EventName, Events } from '../../common/contract';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** Push events from services to whoever shows them: the Electron window, the e2e page, the CLI. */
export function createEventBus() {
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  return {
    emit<E extends EventName>(event: E, payload: Events[E]): void {
      for (const l of listeners) l(event, payload);
    },
    /** Every event, for forwarding to a window. Returns the unsubscribe function. */
    forward(listener: (event: EventName, payload: unknown) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on<E extends EventName>(event: E, listener: Listener<E>): () => void {
      const wrapped = (name: EventName, payload: unknown) => {
        if (name === event) listener(payload as Events[E]);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
}

export type EventBus = ReturnType<typeof createEventBus>;
