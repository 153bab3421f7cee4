import { A } from '@solidjs/router';
import { Match, Show, Switch } from 'solid-js';
import type { SearchResult } from '../../api/searchApi';
import { Badge } from '../../components/Badge';
import { HighlightedText } from '../../components/HighlightedText';
import { kindLabel } from '../../lib/kinds';
import { highlightedField, resultTarget, resultTypeLabel } from './results';

/** One search hit: its highlighted title as a link, what it is, and the highlighted text around the match. */
export function SearchResultItem(props: { result: SearchResult }) {
  const title = () => highlightedField(props.result, 'title');
  const text = () => highlightedField(props.result, 'text');
  const target = () => resultTarget(props.result.document.location);
  const internal = () => {
    const t = target();
    return t && 'internal' in t ? t.internal : undefined;
  };
  const external = () => {
    const t = target();
    return t && 'external' in t ? t.external : undefined;
  };
  const label = () => <HighlightedText {...title()} />;
  const kind = () =>
    props.result.type === 'software-catalog' && typeof props.result.document.kind === 'string' ? kindLabel(props.result.document.kind) : undefined;
  // A docs page names the entity whose documentation it is part of.
  const within = () => (typeof props.result.document.entityTitle === 'string' ? props.result.document.entityTitle : undefined);

  return (
    <article class="search-result">
      <h3 class="search-result-title">
        <Switch fallback={<span>{label()}</span>}>
          <Match when={internal()}>
            {(href) => <A href={href()}>{label()}</A>}
          </Match>
          <Match when={external()}>
            {(href) => (
              <a href={href()} target="_blank" rel="noopener noreferrer">
                {label()}
              </a>
            )}
          </Match>
        </Switch>
      </h3>
      <p class="search-result-meta">
        <Badge tone="accent">{kind() ?? resultTypeLabel(props.result.type)}</Badge>
        <Show when={within()}>{(title) => <span>in {title()}</span>}</Show>
        <Show when={typeof props.result.document.componentType === 'string' && props.result.document.componentType}>
          {(type) => <span>{type()}</span>}
        </Show>
        <Show when={typeof props.result.document.owner === 'string' && props.result.document.owner}>
          {(owner) => <span>owned by {owner()}</span>}
        </Show>
      </p>
      <Show when={text().value}>
        <p class="search-result-text">
          <HighlightedText {...text()} />
        </p>
      </Show>
    </article>
  );
}
