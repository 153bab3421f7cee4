import { createEffect, For, on, Show } from 'solid-js';

/**
 * A step's log lines, following new ones while the reader is at the bottom (and staying put
 * when they scrolled up to read). `role="log"` lets screen readers announce additions politely.
 */
export function TaskLog(props: { lines: string[]; label: string; empty: string }) {
  let box: HTMLDivElement | undefined;
  let pinned = true;
  createEffect(
    on(() => props.lines.length, () => {
      if (box && pinned) box.scrollTop = box.scrollHeight;
    }),
  );
  return (
    <div
      ref={box}
      class="sc-log"
      role="log"
      aria-label={props.label}
      tabindex="0"
      onScroll={() => {
        if (box) pinned = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
      }}
    >
      <Show when={props.lines.length} fallback={<p class="muted sc-log-empty">{props.empty}</p>}>
        <For each={props.lines}>{(line) => <div class="sc-log-line">{line}</div>}</For>
      </Show>
    </div>
  );
}
