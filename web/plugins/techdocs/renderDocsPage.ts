import { safeHref } from '../../lib/safeHref';
import { sanitizeDocsHtml } from '../../lib/sanitizeDocsHtml';
import { resolveDocsLink } from './docsPaths';
import type { DocsSection } from './siteSearch';

/** A heading of the rendered page, for the table of contents. */
export interface DocsHeading {
  id: string;
  title: string;
  level: number;
}

/** A docs page ready to insert: its article element and what the reader shows beside it. */
export interface RenderedDocsPage {
  article: HTMLElement;
  title: string;
  headings: DocsHeading[];
  /** The "edit this page" URL a techdocs-cli (mkdocs-material) page carries, if any. */
  editHref?: string;
}

/** How links of a page become URLs of the portal. */
export interface DocsLinkContext {
  pagePath: string;
  /** The reader URL of a page of this site, with an optional anchor. */
  pageHref: (path: string, hash: string) => string;
  /** The URL of a file of this site (images, downloads). */
  fileHref: (path: string) => string;
}

/** Marks links the reader handles itself, so a click navigates in the app instead of reloading. */
export const INTERNAL_LINK_ATTR = 'data-docs-link';

const headingText = (h: Element) =>
  [...h.childNodes]
    .filter((n) => !(n instanceof HTMLElement && n.classList.contains('headerlink')))
    .map((n) => n.textContent ?? '')
    .join('')
    .replace(/\s+/g, ' ')
    .trim();

/** The page's article from sanitized HTML: the server's `article.md-content__inner`, else everything. */
function extractArticle(html: string): HTMLElement {
  const fragment = sanitizeDocsHtml(html);
  const found = fragment.querySelector('article.md-content__inner');
  if (found instanceof HTMLElement) return found;
  const article = document.createElement('article');
  article.append(fragment);
  return article;
}

function rewriteLinks(article: HTMLElement, context: DocsLinkContext): void {
  for (const a of article.querySelectorAll('a[href]')) {
    const target = resolveDocsLink(a.getAttribute('href') ?? '', context.pagePath);
    a.removeAttribute(INTERNAL_LINK_ATTR);
    if (!target) {
      a.removeAttribute('href');
      continue;
    }
    switch (target.type) {
      case 'page':
        a.setAttribute('href', context.pageHref(target.path, target.hash));
        a.setAttribute(INTERNAL_LINK_ATTR, '');
        // The router also handles plain links; the reader does the scrolling once the page is in.
        a.setAttribute('noscroll', '');
        break;
      case 'app':
        a.setAttribute('href', target.path);
        a.setAttribute(INTERNAL_LINK_ATTR, '');
        break;
      case 'file':
        a.setAttribute('href', context.fileHref(target.path));
        break;
      case 'external':
        a.setAttribute('href', target.url);
        if (!target.url.startsWith('mailto:')) a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
        break;
    }
  }
  for (const link of article.querySelectorAll('a.headerlink')) {
    const heading = link.parentElement;
    if (heading) link.setAttribute('aria-label', `Link to section “${headingText(heading)}”`);
  }
}

function rewriteImages(article: HTMLElement, context: DocsLinkContext): void {
  for (const img of article.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    img.setAttribute('loading', 'lazy');
    img.setAttribute('decoding', 'async');
    if (/^data:image\//i.test(src)) continue;
    const target = resolveDocsLink(src, context.pagePath);
    if (target?.type === 'file' || target?.type === 'page') img.setAttribute('src', context.fileHref(target.path));
    else if (target?.type === 'external' && target.url.startsWith('https:')) img.setAttribute('src', target.url);
    else img.removeAttribute('src');
  }
}

/**
 * Pages built by techdocs-cli carry mkdocs-material's edit/view buttons as icon links inside the
 * article; their icons are gone after sanitizing, so they are taken out and the edit URL kept
 * for the reader's own "Edit this page" link.
 */
function takeThemeButtons(article: HTMLElement): string | undefined {
  let editHref: string | undefined;
  for (const button of article.querySelectorAll('a.md-content__button')) {
    const title = button.getAttribute('title') ?? '';
    if (!editHref && /edit/i.test(title)) editHref = safeHref(button.getAttribute('href'));
    button.remove();
  }
  return editHref;
}

/** Wide content scrolls inside itself on narrow screens instead of widening the page. */
function makeScrollable(article: HTMLElement): void {
  for (const table of article.querySelectorAll('table')) {
    if (table.parentElement?.classList.contains('docs-table-scroll')) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'docs-table-scroll';
    wrapper.tabIndex = 0;
    table.replaceWith(wrapper);
    wrapper.append(table);
  }
  for (const pre of article.querySelectorAll('pre')) pre.tabIndex = 0;
}

/**
 * Turns the HTML of a docs page into an article for the reader: sanitized again with DOMPurify,
 * links rewritten to reader URLs (internal ones marked for client-side navigation), images
 * pointed at the site's files, and its headings collected for the table of contents.
 */
export function renderDocsPage(html: string, context: DocsLinkContext): RenderedDocsPage {
  const article = extractArticle(html);
  article.classList.add('docs-article');
  const editHref = takeThemeButtons(article);
  rewriteLinks(article, context);
  rewriteImages(article, context);
  makeScrollable(article);
  const headings = [...article.querySelectorAll('h2[id], h3[id]')].map((h) => ({
    id: h.id,
    title: headingText(h),
    level: Number(h.tagName.slice(1)),
  }));
  const h1 = article.querySelector('h1');
  return { article, title: h1 ? headingText(h1) : '', headings, editHref };
}

/** Splits a page's HTML into searchable sections at its h1–h3 headings. */
export function pageSections(html: string, pagePath: string, pageTitle: string): DocsSection[] {
  const article = extractArticle(html);
  takeThemeButtons(article);
  const sections: DocsSection[] = [];
  let current: DocsSection = { pagePath, pageTitle, anchor: '', heading: pageTitle, text: '' };
  const flush = () => {
    current.text = current.text.replace(/\s+/g, ' ').trim();
    if (current.text || current.anchor) sections.push(current);
  };
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child instanceof HTMLElement && /^H[1-3]$/.test(child.tagName)) {
        flush();
        current = { pagePath, pageTitle, anchor: child.id, heading: headingText(child), text: '' };
      } else if (child instanceof HTMLElement) {
        if (!child.classList.contains('headerlink')) walk(child);
        if (/^(P|LI|PRE|TR|DIV|H[4-6]|BLOCKQUOTE|DT|DD)$/.test(child.tagName)) current.text += ' ';
      } else if (child.nodeType === Node.TEXT_NODE) {
        current.text += child.textContent ?? '';
      }
    }
  };
  walk(article);
  flush();
  return sections;
}
