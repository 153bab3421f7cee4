import { Index } from 'solid-js';

/** Placeholder rows shaped like a table, so the page does not jump when data arrives. */
export function TableSkeleton(props: { rows: number; label: string }) {
  return (
    <div class="table-skeleton" role="status">
      <span class="sr-only">{props.label}…</span>
      <Index each={Array.from({ length: props.rows })}>
        {() => (
          <div class="skeleton-row" aria-hidden="true">
            <span class="skeleton" style={{ width: '18%' }} />
            <span class="skeleton" style={{ width: '12%' }} />
            <span class="skeleton" style={{ width: '12%' }} />
            <span class="skeleton" style={{ width: '38%' }} />
          </div>
        )}
      </Index>
    </div>
  );
}
