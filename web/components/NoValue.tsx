/** Marks an empty cell or field: a dash to the eye, "none" to a screen reader. */
export function NoValue() {
  return (
    <span class="muted">
      <span aria-hidden="true">—</span>
      <span class="sr-only">none</span>
    </span>
  );
}
