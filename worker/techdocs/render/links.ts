// Pure path arithmetic for a site laid out as MkDocs does with `use_directory_urls`: the page
// `guides/setup.md` is served at `guides/setup/` (file `guides/setup/index.html`).

/** Normalises a relative POSIX path (`a/./b/../c`); undefined when it climbs above the root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out.join('/');
}

/** The folder of a file path, with a trailing slash ('' at the root). */
export const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** Whether a Markdown source is its folder's index page (`index.md` or `README.md`). */
export const isIndexPage = (mdPath: string) => /^(index|readme)\.md$/i.test(mdPath.slice(mdPath.lastIndexOf('/') + 1));

/** The page URL path of a Markdown source (`guides/setup.md` → `guides/setup/`, `guides/index.md` → `guides/`). */
export function pageUrlOf(mdPath: string): string {
  if (isIndexPage(mdPath)) return dirOf(mdPath);
  return `${mdPath.replace(/\.md$/i, '')}/`;
}

/** The HTML file of a page URL path. */
export const pageFileOf = (pageUrl: string) => `${pageUrl}index.html`;

/** A relative URL from a folder URL (`a/b/`, or '' for the root) to a site path. */
export function relativeUrl(fromDir: string, to: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const target = to.split('/');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
  const rest = target.slice(common).join('/');
  const up = '../'.repeat(from.length - common);
  return up + rest || './';
}

const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** What a link or image reference in a page points at, resolved within the docs folder. */
export type LinkTarget =
  | { kind: 'external' }
  | { kind: 'anchor' }
  | { kind: 'page'; mdPath: string; suffix: string }
  | { kind: 'asset'; path: string; suffix: string }
  | { kind: 'outside' };

/** Resolves a reference written in the Markdown source `fromMd` (both relative to the docs folder). */
function resolveReference(fromMd: string, href: string, pages: ReadonlySet<string>): LinkTarget {
  if (EXTERNAL.test(href) || href.startsWith('/')) return { kind: 'external' };
  if (href.startsWith('#') || href === '') return { kind: 'anchor' };
  const cut = href.search(/[?#]/);
  const pathPart = cut === -1 ? href : href.slice(0, cut);
  const suffix = cut === -1 ? '' : href.slice(cut);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return { kind: 'outside' };
  }
  const resolved = normalizePath(dirOf(fromMd) + decoded);
  if (resolved === undefined) return { kind: 'outside' };
  if (/\.md$/i.test(resolved)) return pages.has(resolved) ? { kind: 'page', mdPath: resolved, suffix } : { kind: 'outside' };
  // A folder link means its index page, as MkDocs serves it.
  const asFolder = resolved === '' ? 'index.md' : `${resolved.replace(/\/$/, '')}/index.md`;
  if ((pathPart.endsWith('/') || pathPart === '.' || pathPart === '..' || pathPart === '') && pages.has(asFolder)) return { kind: 'page', mdPath: asFolder, suffix };
  return { kind: 'asset', path: resolved, suffix };
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/**
 * Rewrites a reference in page `fromMd` to the URL it has in the built site, relative to the
 * page's own URL; external and in-page references are kept as they are.
 */
export function rewriteReference(fromMd: string, href: string, pages: ReadonlySet<string>): string {
  const target = resolveReference(fromMd, href, pages);
  const here = pageUrlOf(fromMd);
  switch (target.kind) {
    case 'page':
      return encodePath(relativeUrl(here, pageUrlOf(target.mdPath))) + target.suffix;
    case 'asset':
      return encodePath(relativeUrl(here, target.path)) + target.suffix;
    default:
      return href;
  }
}
