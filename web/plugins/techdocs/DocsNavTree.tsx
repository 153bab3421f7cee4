import { createEffect, createSignal, For, Match, Switch } from 'solid-js';
import type { DocsNavItem } from '../../api/techdocsApi';
import { ExternalLink } from '../../components/ExternalLink';
import { Icon } from '../../components/Icon';
import { safeHref } from '../../lib/safeHref';
import { ReaderLink } from './ReaderLink';

/** Whether a nav item is, or contains, the page at `path`. */
function navContains(item: DocsNavItem, path: string): boolean {
  if ('path' in item) return item.path === path;
  if ('children' in item) return item.children.some((child) => navContains(child, path));
  return false;
}

/** Titles of the sections leading to the page at `path`, outermost first; `undefined` when it is not in the nav. */
export function navTrail(items: DocsNavItem[], path: string): string[] | undefined {
  for (const item of items) {
    if ('path' in item && item.path === path) return [];
    if ('children' in item) {
      const inner = navTrail(item.children, path);
      if (inner) return [item.title, ...inner];
    }
  }
  return undefined;
}

function NavSection(props: { item: Extract<DocsNavItem, { children: DocsNavItem[] }>; current: string; pageHref: (path: string) => string }) {
  // Sections holding the current page start open; others stay closed until asked for.
  const [open, setOpen] = createSignal(false);
  createEffect(() => {
    if (navContains(props.item, props.current)) setOpen(true);
  });
  return (
    <li class="docs-nav-section">
      <button
        type="button"
        class="docs-nav-toggle"
        aria-expanded={open()}
        onClick={() => setOpen(!open())}
      >
        <Icon name="chevronRight" size={14} class="docs-nav-chevron" />
        <span>{props.item.title}</span>
      </button>
      <ul hidden={!open()}>
        <NavItems items={props.item.children} current={props.current} pageHref={props.pageHref} />
      </ul>
    </li>
  );
}

function NavItems(props: { items: DocsNavItem[]; current: string; pageHref: (path: string) => string }) {
  return (
    <For each={props.items}>
      {(item) => (
        <Switch>
          <Match when={'children' in item && item}>
            {(section) => <NavSection item={section()} current={props.current} pageHref={props.pageHref} />}
          </Match>
          <Match when={'path' in item && item}>
            {(page) => (
              <li>
                <ReaderLink href={props.pageHref(page().path)} class="docs-nav-link" current={page().path === props.current ? 'page' : undefined}>
                  {page().title}
                </ReaderLink>
              </li>
            )}
          </Match>
          <Match when={'url' in item && safeHref(item.url)}>
            {(url) => (
              <li>
                <ExternalLink href={url()} class="docs-nav-link">
                  {item.title}
                </ExternalLink>
              </li>
            )}
          </Match>
        </Switch>
      )}
    </For>
  );
}

/** The site's left navigation (from `mkdocs.yml` `nav`), with the current page marked. */
export function DocsNavTree(props: { label: string; items: DocsNavItem[]; current: string; pageHref: (path: string) => string }) {
  return (
    <nav class="docs-nav" aria-label={props.label}>
      <ul>
        <NavItems items={props.items} current={props.current} pageHref={props.pageHref} />
      </ul>
    </nav>
  );
}
