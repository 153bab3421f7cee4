import { createResource, For, Show, type JSX } from 'solid-js';
import hljs from 'highlight.js/lib/core';
import { sourceLanguage } from './sourceLanguage';
import './api-docs.css';

// Only the grammars API definitions use, each its own small chunk fetched when first needed.
const GRAMMARS = {
  yaml: () => import('highlight.js/lib/languages/yaml'),
  json: () => import('highlight.js/lib/languages/json'),
  graphql: () => import('highlight.js/lib/languages/graphql'),
  protobuf: () => import('highlight.js/lib/languages/protobuf'),
};

/** Highlighted code as plain data: text, or a span with highlight.js's classes around more of it. */
type TokenNode = string | { className: string; children: TokenNode[] };

/** The nodes of parsed markup, keeping only text and the classes of spans. */
function toTokens(parent: Node): TokenNode[] {
  return [...parent.childNodes].flatMap((node): TokenNode[] => {
    if (node.nodeType === Node.TEXT_NODE) return [node.textContent ?? ''];
    if (node instanceof HTMLElement) return [{ className: node.className, children: toTokens(node) }];
    return [];
  });
}

/**
 * Highlights with highlight.js's public API. Its HTML escapes the source, and it is only parsed
 * (an inert document runs nothing) to copy text and span classes; it never reaches the page.
 */
async function tokenTree(language: keyof typeof GRAMMARS, text: string): Promise<TokenNode[]> {
  if (!hljs.getLanguage(language)) hljs.registerLanguage(language, (await GRAMMARS[language]()).default);
  const html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  return toTokens(new DOMParser().parseFromString(`<pre>${html}</pre>`, 'text/html').querySelector('pre')!);
}

/** Builds the highlighted code as text nodes inside spans: highlight.js's HTML string is never used. */
function render(nodes: TokenNode[]): JSX.Element {
  return (
    <For each={nodes}>
      {(node) =>
        typeof node === 'string' ? (
          node
        ) : (
          <span class={node.className}>{render(node.children)}</span>
        )
      }
    </For>
  );
}

/** A definition as syntax-highlighted source (AsyncAPI, GraphQL, gRPC, or any other text). */
export default function HighlightedSource(props: { text: string; apiType?: string; label: string }) {
  const language = () => sourceLanguage(props.apiType, props.text);
  const [tokens] = createResource(() => ({ language: language(), text: props.text }), (q) => tokenTree(q.language, q.text).catch(() => undefined));

  return (
    <pre class="code-block hljs" tabindex="0" aria-label={props.label} data-language={language()}>
      <code>
        <Show when={tokens()} fallback={props.text}>
          {(t) => render(t())}
        </Show>
      </code>
    </pre>
  );
}
