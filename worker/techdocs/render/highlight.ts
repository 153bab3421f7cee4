import { highlightHtml } from './hljs-languages.js';
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Highlights a fenced code block as markdown-it's `highlight` option expects: a whole `<pre>`, or '' to let it escape the code. */
export function highlightCode(code: string, info: string): string {
  const language = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const html = language ? highlightHtml(code, language) : undefined;
  if (html === undefined) return '';
  return `<pre><code class="hljs language-${escapeHtml(language)}">${html}</code></pre>\n`;
}
