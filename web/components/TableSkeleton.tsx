import { Index } from 'solid-js';

/** Placeholder rows shaped like a table, so the page does not jump when data arrives. */
export function TableSkeleton(props: { rows: number; label: string }) {
  return (
    <div class="table-skeleton" role="status">
      <span class="sr-only">{props.label}…</span>
      <Index each={Array.from({ length: props.rows })}>
        {() => (
          <div class="skeleton-row" aria-hidden="true">
            {/* Widths come from classes: the CSP (web/public/_headers) refuses inline style attributes. */}
            <span class="skeleton skeleton-name" />
            <span class="skeleton skeleton-short" />
            <span class="skeleton skeleton-short" />
            <span class="skeleton skeleton-long" />
          </div>
        )}
      </Index>
    </div>
  );
}
