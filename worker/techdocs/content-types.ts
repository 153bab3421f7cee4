/**
 * The file types a documentation site may contain and how they are served. Anything else
 * (notably scripts, which docs never run) is left out of a site, so nothing served from the
 * portal's origin can be loaded as a script by another page.
 */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  pdf: 'application/pdf',
};

/** The extension of a path, lowercased ('' without one). */
function extensionOf(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
}

/** The Content-Type a site file is served with, or undefined when such files are not served. */
export function contentTypeOf(path: string): string | undefined {
  return TYPES[extensionOf(path)];
}
