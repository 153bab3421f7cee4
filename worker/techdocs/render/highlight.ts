import { highlightHtml } from './hljs-languages.js';
import { escapeHtml } from './site-files';

/** Highlights a fenced code block as markdown-it's `highlight` option expects: a whole `<pre>`, or '' to let it escape the code. */
export function highlightCode(code: string, info: string): string {
  const language = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const html = language ? highlightHtml(code, language) : undefined;
  if (html === undefined) return '';
  return `<pre><code class="hljs language-${escapeHtml(language)}">${html}</code></pre>\n`;
}
