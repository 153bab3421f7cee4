/** A centred spinner announced to screen readers, for content whose shape is not known yet. */
export function LoadingState(props: { label: string }) {
  return (
    <div class="loading-state" role="status">
      <span class="spinner" aria-hidden="true" />
      <span>{props.label}…</span>
    </div>
  );
}
