import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Md, Token } from 'markdown-it';
import admonition from 'markdown-it-admon';
import anchor from 'markdown-it-anchor';
import { highlightCode } from './highlight';
import { rewriteReference } from './links';

/** What rendering one page needs to know about the rest of the site. */
export interface PageEnv {
  /** The page's Markdown path, relative to the docs folder. */
  mdPath: string;
  /** Every Markdown page of the site (docs-relative paths), for link rewriting. */
  pages: ReadonlySet<string>;
}

/** A heading of a page, for the table of contents. */
export interface Heading {
  id: string;
  title: string;
  level: number;
}

/** One page rendered: its HTML (not yet sanitized), first h1, headings and plain text. */
export interface RenderedPage {
  html: string;
  h1?: string;
  headings: Heading[];
  text: string;
}

/** Heading ids as MkDocs' `toc` extension makes them: lowercase, punctuation dropped, runs of blanks and dashes joined by `-`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}_\s-]/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/** GitHub-style task list items: `- [ ]` / `- [x]` become disabled checkboxes. */
function taskLists(md: Md): void {
  md.core.ruler.after('inline', 'task-lists', (state) => {
    const tokens = state.tokens;
    for (let i = 2; i < tokens.length; i++) {
      const inline = tokens[i]!;
      if (inline.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open' || tokens[i - 2]?.type !== 'list_item_open') continue;
      const first = inline.children?.[0];
      const m = first?.type === 'text' ? /^\[([ xX])\]\s+/.exec(first.content) : null;
      if (!first || !m) continue;
      first.content = first.content.slice(m[0].length);
      const box = new state.Token('html_inline', '', 0);
      box.content = `<input type="checkbox" disabled${m[1] === ' ' ? '' : ' checked'}> `;
      inline.children!.unshift(box);
      tokens[i - 2]!.attrJoin('class', 'task-list-item');
    }
  });
}

/** MkDocs writes admonition titles in quotes (`!!! note "Title"`); the quotes are not part of the title. */
function admonitionTitles(md: Md): void {
  md.core.ruler.before('inline', 'admonition-titles', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type === 'inline' && state.tokens[i - 1]?.type === 'admonition_title_open') token.content = token.content.replace(/^"(.*)"$/, '$1');
    });
  });
}

/** Relative links and images point at where their targets are in the built site. */
function rewriteLinks(md: Md): void {
  md.core.ruler.push('rewrite-links', (state) => {
    const env = state.env as unknown as PageEnv;
    const visit = (tokens: Token[]) => {
      for (const token of tokens) {
        if (token.children) visit(token.children);
        const attr = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
        const found = attr && token.attrGet(attr);
        if (!attr || found === null || found === undefined) continue;
        const value = String(found);
        token.attrSet(attr, rewriteReference(env.mdPath, value, env.pages));
        if (attr === 'href' && /^(https?:)?\/\//i.test(value)) token.attrSet('rel', 'noopener noreferrer');
      }
    };
    visit(state.tokens);
  });
}

const inlineText = (token: Token | undefined) =>
  (token?.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
    .map((t) => t.content)
    .join('');

/** The Markdown renderer every page goes through, in the Worker and in the CLI alike. */
function createMarkdown(): Md {
  // Raw HTML is passed through as MkDocs does (docs rely on <details>, <kbd>, <br>…); every page
  // is sanitized with the strict allow-list afterwards, so this adds no way to run code.
  const md = new MarkdownIt({ html: true, linkify: true, typographer: false, highlight: highlightCode });
  md.use(admonition);
  md.use(admonitionTitles);
  md.use(anchor, {
    slugify,
    tabIndex: false,
    permalink: anchor.permalink.linkInsideHeader({ symbol: '¶', class: 'headerlink', placement: 'after', ariaHidden: false }),
  });
  md.use(taskLists);
  md.use(rewriteLinks);
  return md;
}

let shared: Md | undefined;

/** Renders one Markdown page of a site. */
export function renderPage(source: string, env: PageEnv): RenderedPage {
  shared ??= createMarkdown();
  const tokens = shared.parse(source, { ...env });
  const headings: Heading[] = [];
  let h1: string | undefined;
  const text: string[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') {
      const title = inlineText(tokens[i + 1]).replace(/\s*¶$/, '').trim();
      const level = Number(token.tag.slice(1));
      if (level === 1) h1 ??= title;
      const id = token.attrGet('id');
      if (id) headings.push({ id: String(id), title, level });
    }
    if (token.type === 'inline') text.push(inlineText(token));
  });
  return { html: shared.renderer.render(tokens, shared.options, { ...env }), h1, headings, text: text.join(' ').replace(/¶/g, '').replace(/\s+/g, ' ').trim() };
}
