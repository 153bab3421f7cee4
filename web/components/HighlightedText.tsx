import { For } from 'solid-js';
import { splitHighlight } from '../lib/searchHighlight';

/**
 * A search highlight rendered as text and `<mark>` nodes. The string is split, never parsed as
 * HTML, so an entity's name or description can not inject markup whatever it contains.
 */
export function HighlightedText(props: { value: string; preTag?: string; postTag?: string }) {
  const runs = () => splitHighlight(props.value, props.preTag ?? '', props.postTag ?? '');
  return (
    <For each={runs()}>{(run) => (run.hit ? <mark class="search-hit">{run.text}</mark> : <>{run.text}</>)}</For>
  );
}
