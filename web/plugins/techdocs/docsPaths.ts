import type { TechDocsNav } from '../../api/techdocsApi';

/**
 * A page path as the server keys pages (`""` for home, `"guides/setup/"`, or `"page.html"`),
 * from whatever the URL carried: leading slashes, `index.html` and `.`/`..` segments are dropped.
 */
export function normalizePagePath(raw: string | undefined): string {
  const segments = (raw ?? '').split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  if (segments.at(-1)?.toLowerCase() === 'index.html') segments.pop();
  const last = segments.at(-1);
  if (last === undefined) return '';
  return /\.html?$/i.test(last) ? segments.join('/') : `${segments.join('/')}/`;
}

/** The file of the site that holds a page (`guides/setup/` → `guides/setup/index.html`). */
export function pageFile(pagePath: string, nav?: TechDocsNav): string {
  const known = nav?.pages[pagePath]?.file;
  if (known) return known;
  return pagePath === '' || pagePath.endsWith('/') ? `${pagePath}index.html` : pagePath;
}

/** Where a link inside a docs page leads. */
export type DocsLinkTarget =
  | { type: 'page'; path: string; hash: string }
  | { type: 'file'; path: string }
  | { type: 'external'; url: string }
  | { type: 'app'; path: string };

// A stand-in origin to resolve links with the URL parser without depending on where the app runs.
const VIRTUAL = 'https://docs.invalid';
const SITE_ROOT = '/site/';

function decodeSegments(path: string): string | undefined {
  try {
    return path.split('/').map(decodeURIComponent).join('/');
  } catch {
    return undefined;
  }
}

function decodeHash(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return hash.replace(/^#/, '');
  }
}

/**
 * Classifies a link of the page at `pagePath`: another page (or an anchor) of the same site,
 * a file of the site (image, PDF…), an http(s)/mailto URL elsewhere, or a path of the portal.
 * `undefined` for anything else (other schemes, paths escaping the site, the portal's API).
 */
export function resolveDocsLink(href: string, pagePath: string): DocsLinkTarget | undefined {
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = new URL(trimmed, `${VIRTUAL}${SITE_ROOT}${pagePath}`);
  } catch {
    return undefined;
  }
  if (url.origin !== VIRTUAL) {
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') return { type: 'external', url: url.href };
    return undefined;
  }
  if (trimmed.startsWith('/')) {
    // An absolute path points into the portal itself (e.g. a catalog page), never at its API.
    const appPath = `${url.pathname}${url.search}${url.hash}`;
    return url.pathname === '/api' || url.pathname.startsWith('/api/') ? undefined : { type: 'app', path: appPath };
  }
  if (!url.pathname.startsWith(SITE_ROOT)) return undefined;
  const sitePath = decodeSegments(url.pathname.slice(SITE_ROOT.length));
  if (sitePath === undefined) return undefined;
  const last = sitePath.split('/').pop() ?? '';
  if (last === '' || /\.html?$/i.test(last)) return { type: 'page', path: normalizePagePath(sitePath), hash: decodeHash(url.hash) };
  return { type: 'file', path: sitePath };
}

/** Encodes a site path for a URL, segment by segment, keeping its slashes. */
export function encodeSitePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
