import { For, Match, Show, Switch } from 'solid-js';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { ReaderLink } from './ReaderLink';
import type { DocsSearchHit } from './siteSearch';

/** Results of the in-site search: page and section of each hit, with the matched words marked. */
export function DocsSearchResults(props: {
  term: string;
  hits: DocsSearchHit[] | undefined;
  loading: boolean;
  error: unknown;
  siteName: string;
  hitHref: (hit: DocsSearchHit) => string;
  onPick: () => void;
}) {
  return (
    <section class="docs-search-results" aria-labelledby="docs-search-title">
      <h2 id="docs-search-title" class="docs-search-title" aria-live="polite">
        <Show when={props.hits} fallback={<>Searching {props.siteName} for “{props.term}”</>}>
          {(hits) => (
            <>
              {hits().length === 0 ? 'No' : hits().length} {hits().length === 1 ? 'result' : 'results'} for “{props.term}” in{' '}
              {props.siteName}
            </>
          )}
        </Show>
      </h2>
      <Switch>
        <Match when={props.error}>
          <ErrorPanel title="Could not search these docs" error={props.error} />
        </Match>
        <Match when={props.loading && !props.hits}>
          <LoadingState label="Reading the pages of this site" />
        </Match>
        <Match when={props.hits}>
          {(hits) => (
            <ol class="docs-search-list">
              <For each={hits()}>
                {(hit) => (
                  <li>
                    <ReaderLink href={props.hitHref(hit)} class="docs-search-hit" onClick={() => props.onPick()}>
                      <span class="docs-search-hit-title">
                        {hit.section.pageTitle}
                        <Show when={hit.section.anchor && hit.section.heading !== hit.section.pageTitle}>
                          <span class="docs-search-hit-section"> › {hit.section.heading}</span>
                        </Show>
                      </span>
                      <span class="docs-search-hit-text">
                        <For each={hit.snippet}>{(run) => (run.hit ? <mark>{run.text}</mark> : run.text)}</For>
                      </span>
                    </ReaderLink>
                  </li>
                )}
              </For>
            </ol>
          )}
        </Match>
      </Switch>
    </section>
  );
}
