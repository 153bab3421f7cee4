import { Match, Switch, type JSX } from 'solid-js';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { MoreButton } from './MoreButton';
import type { usePagedQuery } from './usePagedQuery';

/**
 * A paged catalog query's states: the first page's failure (with retry), its loading, an empty
 * result, else the list given as children followed by "Show more".
 */
export function PagedEntityList(props: {
  query: ReturnType<typeof usePagedQuery>;
  errorTitle: string;
  loadingLabel: string;
  empty: string;
  children: JSX.Element;
}) {
  const q = () => props.query;
  return (
    <Switch>
      <Match when={q().first.error && !q().first.loading}>
        <ErrorPanel title={props.errorTitle} error={q().first.error} onRetry={q().refetch} />
      </Match>
      <Match when={q().first.state === 'pending' || (q().first.loading && !q().items().length)}>
        <LoadingState label={props.loadingLabel} />
      </Match>
      <Match when={!q().items().length}>
        <p class="muted">{props.empty}</p>
      </Match>
      <Match when={true}>
        {props.children}
        <MoreButton
          hasMore={q().hasMore()}
          loading={q().loadingMore()}
          error={q().moreError()}
          onMore={() => void q().more()}
          shown={q().items().length}
          total={q().total()}
        />
      </Match>
    </Switch>
  );
}
