import { Show, type JSX } from 'solid-js';
import { ApiError } from '../api/http';
import { Icon } from './Icon';

function readable(request: string): string {
  try {
    return decodeURIComponent(request);
  } catch {
    return request;
  }
}

/** Explains a failed load: what was asked, what the server answered, and what to do next (`children`, or retry). */
export function ErrorPanel(props: { title: string; error: unknown; onRetry?: () => void; children?: JSX.Element }) {
  const apiError = () => (props.error instanceof ApiError ? props.error : undefined);
  const message = () => (props.error instanceof Error ? props.error.message : String(props.error));

  return (
    <div class="error-panel" role="alert">
      <Icon name="error" size={28} class="error-panel-icon" />
      <h2>{props.title}</h2>
      <p class="error-message">{message()}</p>
      <Show when={apiError()}>
        {(e) => (
          <p class="error-details">
            <span>
              {e().status ? `${e().status} · ` : ''}
              {e().errorName}
            </span>
            <code>{readable(e().request)}</code>
          </p>
        )}
      </Show>
      <div class="error-actions">
        {props.children}
        <Show when={props.onRetry}>
          {(retry) => (
            <button type="button" class="button" onClick={() => retry()()}>
              <Icon name="refresh" />
              Try again
            </button>
          )}
        </Show>
      </div>
    </div>
  );
}
