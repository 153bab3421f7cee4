import { Show } from 'solid-js';
import { ApiError } from '../../api/http';

/** "Show more" under a paged list, with the failure of the last attempt when there was one. */
export function MoreButton(props: { hasMore: boolean; loading: boolean; error: unknown; onMore: () => void; shown: number; total?: number }) {
  return (
    <Show when={props.hasMore}>
      <div class="more-row">
        <Show when={props.error}>
          <p class="dialog-error" role="alert">
            Loading more failed: {props.error instanceof ApiError ? `${props.error.message} (${props.error.request})` : String(props.error)}
          </p>
        </Show>
        <button type="button" class="button button-small" disabled={props.loading} onClick={() => props.onMore()}>
          {props.loading ? 'Loading…' : `Show more${props.total !== undefined ? ` (${props.shown} of ${props.total})` : ''}`}
        </button>
      </div>
    </Show>
  );
}
