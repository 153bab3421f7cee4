import xss from 'xss';

// xss is CommonJS: its helpers hang off the default export (Node's ESM loader finds no named ones).
const { escapeAttrValue, FilterXSS, friendlyAttrValue } = xss as unknown as typeof import('xss');

// One allow-list for every HTML a site contains, rendered from Markdown or uploaded: the tags
// documentation needs and the attributes that cannot run code. Everything else is dropped —
// unknown tags lose their markup (their text stays), dangerous ones lose their content too.
const COMMON = ['id', 'class', 'title', 'lang'];
const tags = (names: string[], extra: string[] = []) => Object.fromEntries(names.map((n) => [n, [...COMMON, ...extra]]));
const ALLOW = {
  ...tags([
    'abbr', 'article', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em',
    'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'ins', 'kbd', 'mark', 'p', 'pre', 'q', 's',
    'samp', 'section', 'small', 'span', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'tfoot', 'thead', 'tr',
    'u', 'ul', 'var', 'time',
  ]),
  ...tags(['a'], ['href', 'rel']),
  ...tags(['img'], ['src', 'alt', 'width', 'height', 'loading']),
  ...tags(['td', 'th'], ['colspan', 'rowspan', 'align', 'style']),
  ...tags(['ol'], ['start', 'reversed']),
  ...tags(['li'], ['value']),
  ...tags(['col', 'colgroup'], ['span']),
  ...tags(['details'], ['open']),
  ...tags(['input'], ['type', 'checked', 'disabled']),
};

// Their whole content goes with them: code, styles, foreign markup, and (in uploaded MkDocs
// pages) the theme's chrome around the article.
const DROP_WITH_CONTENT = [
  'script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'head', 'title', 'textarea', 'select', 'button', 'form', 'nav', 'header', 'footer', 'xmp', 'noembed', 'noframes',
];

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const RASTER_DATA_URL = /^data:image\/(png|gif|jpe?g|webp|avif);base64,[a-z0-9+/=\s]+$/i;
const CLASS_TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const NUMBER = /^\d{1,4}$/;

/** A URL attribute value that cannot run code, or undefined to drop the attribute. */
export function safeUrl(raw: string, kind: 'link' | 'image'): string | undefined {
  // Entity-decoded, with blanks and control characters removed: what a browser would act on.
  const value = friendlyAttrValue(raw).replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, '');
  if (value === '') return undefined;
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return value.startsWith('\\') || value.startsWith('/\\') ? undefined : value;
  if (scheme === 'http' || scheme === 'https') return value;
  if (kind === 'link' && scheme === 'mailto') return value;
  if (kind === 'image' && scheme === 'data' && RASTER_DATA_URL.test(value)) return value;
  return undefined;
}

function attrValue(tag: string, name: string, value: string): string | undefined {
  switch (name) {
    case 'href':
      return safeUrl(value, 'link');
    case 'src':
      return safeUrl(value, 'image');
    case 'class': {
      const classes = friendlyAttrValue(value).split(/\s+/).filter((c) => CLASS_TOKEN.test(c)).slice(0, 20);
      return classes.length ? classes.join(' ') : undefined;
    }
    case 'style': {
      // Only table cell alignment, which markdown-it writes as a style.
      const m = /^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$/i.exec(friendlyAttrValue(value));
      return m ? `text-align:${m[1]!.toLowerCase()}` : undefined;
    }
    case 'rel':
      return 'noopener noreferrer';
    case 'type':
      return tag === 'input' && friendlyAttrValue(value).toLowerCase() === 'checkbox' ? 'checkbox' : undefined;
    case 'colspan':
    case 'rowspan':
    case 'start':
    case 'value':
    case 'span':
    case 'width':
    case 'height':
      return NUMBER.test(friendlyAttrValue(value).trim()) ? friendlyAttrValue(value).trim() : undefined;
    default: {
      const text = friendlyAttrValue(value);
      return text.length <= 500 ? text : undefined;
    }
  }
}

const filter = new FilterXSS({
  whiteList: ALLOW,
  stripIgnoreTag: true,
  stripIgnoreTagBody: DROP_WITH_CONTENT,
  allowCommentTag: false,
  css: false,
  onTag(tag, html, options) {
    // A checkbox (task list) can only ever be a disabled one; any other input is dropped.
    if (tag === 'input' && !options.isClosing) return /\stype\s*=\s*["']?checkbox\b/i.test(html) ? `<input type="checkbox" disabled${/\schecked\b/i.test(html) ? ' checked' : ''}>` : '';
    return undefined;
  },
  onTagAttr(tag, name, value, isWhiteAttr) {
    if (!isWhiteAttr) return '';
    const safe = attrValue(tag, name, value);
    return safe === undefined ? '' : `${name}="${escapeAttrValue(safe)}"`;
  },
  onIgnoreTagAttr: () => '',
});

/**
 * Sanitizes documentation HTML with a strict allow-list: no scripts, no event handlers, no
 * styles beyond table alignment, no `javascript:`/`data:` links, no SVG, iframes, forms or
 * embedded objects. Used for every page, whether rendered here or uploaded.
 */
export function sanitizeDocsHtml(html: string): string {
  // xss marks where a dropped tag's content was cut out when such tags nest; the marks go too.
  return filter.process(html).replace(/\[\/?removed\]/g, '');
}
