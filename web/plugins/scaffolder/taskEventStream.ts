import { onCleanup } from 'solid-js';
import { scaffolderApi, type TaskEvent } from '../../api/scaffolderApi';

const EVENT_TYPES = ['log', 'completion', 'cancelled', 'recovered'] as const;

/** The state of the live connection, for the page to show. */
export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

/**
 * Follows a task's server-sent events. The browser's EventSource resumes by itself with
 * `Last-Event-ID`; when it gives up (an HTTP error closes it) we reopen with `?after=` the last
 * event seen, backing off, so a dropped connection loses and repeats nothing. Stops after the
 * `completion` event and when the owner is disposed.
 */
export function followTaskEvents(
  taskId: string,
  after: number | undefined,
  handlers: { onEvent: (event: TaskEvent) => void; onState: (state: StreamState) => void },
): { stop: () => void } {
  let source: EventSource | undefined;
  let lastId = after;
  let stopped = false;
  let retryDelay = 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    handlers.onState('ended');
  };
  const open = () => {
    if (stopped) return;
    handlers.onState(lastId === after ? 'connecting' : 'reconnecting');
    source = new EventSource(scaffolderApi.eventStreamUrl(taskId, lastId));
    source.onopen = () => {
      retryDelay = 1000;
      handlers.onState('live');
    };
    const receive = (message: MessageEvent) => {
      let event: TaskEvent;
      try {
        event = JSON.parse(String(message.data)) as TaskEvent;
      } catch {
        return;
      }
      if (lastId !== undefined && event.id <= lastId) return;
      lastId = event.id;
      handlers.onEvent(event);
      if (event.type === 'completion') stop();
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, receive);
    source.onmessage = receive;
    source.onerror = () => {
      if (stopped) return;
      if (source?.readyState === EventSource.CONNECTING) {
        handlers.onState('reconnecting');
        return;
      }
      source?.close();
      handlers.onState('reconnecting');
      timer = setTimeout(open, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15_000);
    };
  };
  open();
  onCleanup(stop);
  return { stop };
}
