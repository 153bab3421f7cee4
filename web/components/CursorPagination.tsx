import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { Icon } from './Icon';

/** Previous/next page links (shareable, unlike buttons); a missing href means there is no such page. */
export function CursorPagination(props: { prevHref?: string; nextHref?: string; summary?: JSX.Element }) {
  return (
    <nav class="pagination" aria-label="Pagination">
      <span class="pagination-summary">{props.summary}</span>
      <Show
        when={props.prevHref}
        fallback={
          <span class="button button-ghost" aria-disabled="true">
            <Icon name="chevronLeft" />
            Previous
          </span>
        }
      >
        {(href) => (
          <A href={href()} class="button button-ghost" rel="prev">
            <Icon name="chevronLeft" />
            Previous
          </A>
        )}
      </Show>
      <Show
        when={props.nextHref}
        fallback={
          <span class="button button-ghost" aria-disabled="true">
            Next
            <Icon name="chevronRight" />
          </span>
        }
      >
        {(href) => (
          <A href={href()} class="button button-ghost" rel="next">
            Next
            <Icon name="chevronRight" />
          </A>
        )}
      </Show>
    </nav>
  );
}
