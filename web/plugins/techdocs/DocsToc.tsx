import { createEffect, createSignal, For, on, onCleanup, onMount } from 'solid-js';
import { ReaderLink } from './ReaderLink';
import type { DocsHeading } from './renderDocsPage';

// A heading counts as "being read" once it has scrolled above this line (below the sticky top bar).
const READING_LINE_PX = 96;

/** The page's table of contents (h2/h3), marking the section being read. */
export function DocsToc(props: { headings: DocsHeading[]; pageHref: (id: string) => string }) {
  const [active, setActive] = createSignal<string>();
  let frame = 0;
  const update = () => {
    frame = 0;
    let current: string | undefined;
    for (const heading of props.headings) {
      const el = document.getElementById(heading.id);
      if (el && el.getBoundingClientRect().top <= READING_LINE_PX) current = heading.id;
    }
    setActive(current ?? props.headings[0]?.id);
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  onMount(() => window.addEventListener('scroll', schedule, { passive: true }));
  // A new page brings new headings; measure once they are in the document.
  createEffect(on(() => props.headings, schedule));
  onCleanup(() => {
    window.removeEventListener('scroll', schedule);
    cancelAnimationFrame(frame);
  });

  return (
    <nav class="docs-toc" aria-labelledby="docs-toc-title">
      <h2 id="docs-toc-title" class="docs-toc-title">
        On this page
      </h2>
      <ul>
        <For each={props.headings}>
          {(heading) => (
            <li classList={{ 'docs-toc-nested': heading.level > 2 }}>
              <ReaderLink href={props.pageHref(heading.id)} class="docs-toc-link" current={active() === heading.id ? 'location' : undefined}>
                {heading.title}
              </ReaderLink>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
