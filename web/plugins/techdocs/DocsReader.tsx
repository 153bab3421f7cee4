import { A, useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { ApiError } from '../../api/http';
import { docsStaticBase, techdocsApi, type DocsSiteRef } from '../../api/techdocsApi';
import type { Entity } from '../../api/types';
import { Alert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { LoadingState } from '../../components/LoadingState';
import { SearchField } from '../../components/SearchField';
import { formatDateTime } from '../../lib/dateTime';
import { parseEntityRef } from '../../lib/entityRef';
import { settledValue } from '../../lib/resource';
import { DocsNavTree, navTrail } from './DocsNavTree';
import { DocsSearchResults } from './DocsSearchResults';
import { DocsToc } from './DocsToc';
import { encodeSitePath, pageFile } from './docsPaths';
import { editPageHref } from './editLink';
import { INTERNAL_LINK_ATTR, renderDocsPage } from './renderDocsPage';
import { siteSections } from './siteIndex';
import { searchSections, type DocsSearchHit } from './siteSearch';
import './techdocs.css';

/** Props of the reader; the page lives in the URL, whose shape the host (page or entity tab) decides. */
export interface DocsReaderProps {
  entity: Entity;
  /** Page path as the server keys pages: `""`, `"guides/setup/"`. */
  pagePath: string;
  /** Anchor from the URL, without `#`. */
  hash: string;
  pageHref: (path: string, hash?: string) => string;
  /** Crumbs before the site's own (e.g. "Docs"). */
  crumbs: { label: string; href?: string }[];
  /** Name of the breadcrumb landmark; inside an entity page it must differ from the page's own. */
  crumbsLabel: string;
}

const BUILD_POLL_MS = 4000;
const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The entity's docs: left nav, the page, its table of contents, search, build state, owner and edit link. */
export function DocsReader(props: DocsReaderProps) {
  const navigate = useNavigate();
  const site = createMemo<DocsSiteRef>(
    () => ({ namespace: props.entity.metadata.namespace ?? 'default', kind: props.entity.kind, name: props.entity.metadata.name }),
    { namespace: '', kind: '', name: '' },
    { equals: (a, b) => a.namespace === b.namespace && a.kind === b.kind && a.name === b.name },
  );

  const [status, { refetch: refetchStatus }] = createResource(site, (ref) => techdocsApi.status(ref));
  const [nav, { refetch: refetchNav }] = createResource(site, (ref) => techdocsApi.nav(ref));
  const [metadata, { refetch: refetchMetadata }] = createResource(site, (ref) => techdocsApi.metadata(ref));
  const currentNav = () => settledValue(nav);

  // While a build runs, poll its state; when it ends, show what it produced.
  createEffect(
    on(
      () => settledValue(status)?.state,
      (state, previous) => {
        if (state === 'building') {
          const timer = setTimeout(() => void refetchStatus(), BUILD_POLL_MS);
          onCleanup(() => clearTimeout(timer));
        } else if (previous === 'building') {
          void refetchNav();
          void refetchMetadata();
        }
      },
    ),
  );

  const pageRequest = createMemo(() => {
    const n = currentNav();
    return n ? { ref: site(), file: pageFile(props.pagePath, n), path: props.pagePath, version: settledValue(metadata)?.etag ?? '' } : undefined;
  }, undefined, { equals: (a, b) => a?.file === b?.file && a?.ref === b?.ref && a?.version === b?.version });
  // The path travels with the HTML: while the next page loads, the previous one stays rendered as it was.
  const [html] = createResource(pageRequest, async (r) => ({ path: r.path, ref: r.ref, html: await techdocsApi.pageHtml(r.ref, r.file) }));

  const rendered = createMemo(() => {
    const source = settledValue(html);
    if (!source) return undefined;
    const base = docsStaticBase(source.ref);
    const page = renderDocsPage(source.html, {
      pagePath: source.path,
      pageHref: (path, hash) => props.pageHref(path, hash),
      fileHref: (path) => `${base}${encodeSitePath(path)}`,
    });
    return { ...page, path: source.path };
  });

  const pageInfo = () => currentNav()?.pages[props.pagePath];
  const siteName = () => currentNav()?.site_name ?? settledValue(metadata)?.site_name ?? props.entity.metadata.title ?? props.entity.metadata.name;
  const pageTitle = () => pageInfo()?.title ?? rendered()?.title ?? siteName();
  const editHref = () => editPageHref(props.entity, pageInfo()) ?? rendered()?.editHref;
  const owner = () => {
    const value = props.entity.spec?.owner;
    return typeof value === 'string' ? parseEntityRef(value, { kind: 'Group', namespace: props.entity.metadata.namespace ?? 'default' }) : undefined;
  };
  const builtAt = () => {
    const stamp = settledValue(metadata)?.build_timestamp;
    if (typeof stamp === 'number' && Number.isFinite(stamp)) return new Date(stamp < 1e12 ? stamp * 1000 : stamp);
    const fromStatus = settledValue(status)?.builtAt;
    return fromStatus ? new Date(fromStatus) : undefined;
  };

  // In-site search: the term replaces the page with results until one is picked or the term cleared.
  const [term, setTerm] = createSignal('');
  const [sections] = createResource(
    () => (term() && currentNav() ? { ref: site(), nav: currentNav()!, version: String(settledValue(metadata)?.etag ?? '') } : undefined),
    (r) => siteSections(r.ref, r.nav, r.version),
  );
  const hits = createMemo(() => {
    const all = settledValue(sections);
    return all && term() ? searchSections(all, term()) : undefined;
  });
  const hitHref = (hit: DocsSearchHit) => props.pageHref(hit.section.pagePath, hit.section.anchor);

  // Insert the sanitized article, then scroll: to the anchor if there is one, else to the top on a page change.
  let content: HTMLDivElement | undefined;
  let reader: HTMLDivElement | undefined;
  let navDisclosure: HTMLDetailsElement | undefined;
  // On a phone the page list is folded (at start and after picking a page), so the page is what one sees.
  const narrow = window.matchMedia('(max-width: 800px)');
  let shownPath: string | undefined;
  // One effect, so the article is always in place before looking for the anchor in it.
  createEffect(
    on([rendered, () => props.hash], ([page, hash]) => {
      if (!content || !page) return;
      if (page.article.parentElement !== content) content.replaceChildren(page.article);
      const pageChanged = shownPath !== undefined && shownPath !== page.path;
      const firstShow = shownPath === undefined;
      shownPath = page.path;
      if (pageChanged && narrow.matches && navDisclosure) navDisclosure.open = false;
      const target = hash ? content.querySelector<HTMLElement>(`[id="${CSS.escape(hash)}"]`) : null;
      if (target) {
        target.scrollIntoView({ block: 'start' });
        if (!firstShow) {
          if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
          target.focus({ preventScroll: true });
        }
      } else if (pageChanged) {
        // Back to the top of the reader (not of the window: in a tab, the entity header stays above).
        if (reader && reader.getBoundingClientRect().top < 0) reader.scrollIntoView({ block: 'start' });
        content.focus({ preventScroll: true });
      }
    }),
  );

  const onContentClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.(`a[${INTERNAL_LINK_ATTR}]`);
    if (!link) return;
    const href = link.getAttribute('href');
    if (!href) return;
    event.preventDefault();
    const here = `${location.pathname}${location.search}`;
    const [path, hash = ''] = href.split('#');
    if (path === here && hash && decodeURIComponent(hash) === props.hash) {
      // The URL would not change, so nothing would scroll: do it directly.
      content?.querySelector<HTMLElement>(`[id="${CSS.escape(props.hash)}"]`)?.scrollIntoView({ block: 'start' });
      return;
    }
    navigate(href, { scroll: false });
  };


  const trail = () => navTrail(currentNav()?.nav ?? [], props.pagePath) ?? [];
  const crumbs = (): { label: string; href?: string }[] => [
    ...props.crumbs,
    ...(props.pagePath === '' ? [{ label: siteName() }] : [{ label: siteName(), href: props.pageHref('') }, ...trail().map((label) => ({ label })), { label: pageTitle() }]),
  ];

  const buildFailed = () => {
    const s = settledValue(status);
    return s?.state === 'error' ? s.error : undefined;
  };

  return (
    <div class="docs-reader" ref={reader}>
      <Show when={settledValue(status)?.state === 'building'}>
        <div class="docs-building" role="status">
          <span class="spinner" aria-hidden="true" />
          A new version of these docs is being built; this page updates when it is ready.
        </div>
      </Show>
      <Switch fallback={<LoadingState label="Loading documentation" />}>
        <Match when={nav.error && !nav.loading}>
          <Show
            when={isNotFound(nav.error)}
            fallback={<ErrorPanel title="Could not load these docs" error={nav.error} onRetry={refetchNav} />}
          >
            <Show when={buildFailed()} fallback={
              <EmptyState title={settledValue(status)?.state === 'building' ? 'The first build of these docs is running' : 'No documentation has been published yet'}>
                <p class="muted docs-empty-hint">
                  Docs are built from the Markdown next to the code (<code>backstage.io/techdocs-ref</code>) when it is pushed,
                  or uploaded with <code>npx greenroom docs publish</code>.
                </p>
              </EmptyState>
            }>
              {(error) => (
                <Alert tone="error" title="The docs could not be built">
                  <p class="docs-build-error">{error().message}</p>
                </Alert>
              )}
            </Show>
          </Show>
        </Match>
        <Match when={currentNav()}>
          {(siteNav) => (
            <>
              <Show when={buildFailed()}>
                {(error) => (
                  <Alert tone="warning" title="The latest docs build failed; showing the previous version">
                    <p class="docs-build-error">{error().message}</p>
                    <Show when={builtAt()}>{(at) => <p>The version shown was built {formatDateTime(at())}.</p>}</Show>
                  </Alert>
                )}
              </Show>
              <div class="docs-toolbar">
                <nav class="breadcrumbs" aria-label={props.crumbsLabel}>
                  <ol>
                    <For each={crumbs()}>
                      {(crumb, i) => (
                        <li>
                          <Show when={crumb.href && i() < crumbs().length - 1} fallback={<span aria-current="page">{crumb.label}</span>}>
                            <A href={crumb.href ?? ''}>{crumb.label}</A>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ol>
                </nav>
                <div class="docs-search" role="search">
                  <SearchField label={`Search ${siteName()}`} placeholder={`Search ${siteName()}`} value={term()} onSearch={setTerm} />
                </div>
              </div>
              <div class="docs-layout">
                <div class="docs-sidebar">
                  <details class="docs-nav-disclosure" open={!narrow.matches} ref={navDisclosure}>
                    <summary class="docs-nav-summary">
                      <Icon name="book" size={16} />
                      {siteName()}
                    </summary>
                    <DocsNavTree label={`${siteName()} pages`} items={siteNav().nav} current={props.pagePath} pageHref={(path) => props.pageHref(path)} />
                  </details>
                </div>
                <div class="docs-main">
                  <div class="docs-meta">
                    <Show when={owner()}>
                      {(ref) => (
                        <span class="docs-meta-item">
                          <span class="muted">Owner</span> <EntityRefLink entityRef={ref()} defaultKind="Group" />
                        </span>
                      )}
                    </Show>
                    <Show when={builtAt()}>
                      {(at) => (
                        <span class="docs-meta-item">
                          <span class="muted">Last built</span> <time datetime={at().toISOString()}>{formatDateTime(at())}</time>
                        </span>
                      )}
                    </Show>
                    <Show when={editHref()}>
                      {(href) => (
                        <a class="button button-small docs-edit" href={href()} target="_blank" rel="noopener noreferrer">
                          <Icon name="edit" size={14} />
                          Edit this page
                        </a>
                      )}
                    </Show>
                  </div>
                  <Show when={term()}>
                    <DocsSearchResults
                      term={term()}
                      hits={hits()}
                      loading={sections.loading}
                      error={sections.error}
                      siteName={siteName()}
                      hitHref={hitHref}
                      onPick={() => setTerm('')}
                    />
                  </Show>
                  <div hidden={Boolean(term())}>
                    <Show when={html.error && !html.loading}>
                      <ErrorPanel
                        title={isNotFound(html.error) ? 'This page does not exist in these docs' : 'Could not load this page'}
                        error={html.error}
                      />
                    </Show>
                    <Show when={!rendered() && html.loading}>
                      <LoadingState label="Loading page" />
                    </Show>
                    <div
                      ref={content}
                      class="docs-content"
                      classList={{ stale: html.loading }}
                      aria-busy={html.loading}
                      aria-label={pageTitle()}
                      role="region"
                      tabindex="-1"
                      hidden={Boolean(html.error && !html.loading)}
                      onClick={onContentClick}
                    />
                  </div>
                </div>
                <div class="docs-toc-column">
                  <Show when={!term() && rendered()?.headings.length}>
                    <DocsToc headings={rendered()!.headings} pageHref={(id) => props.pageHref(rendered()!.path, id)} />
                  </Show>
                </div>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
