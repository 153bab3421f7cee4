import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

// Documentation is plain HTML: anything that can run code, load a browsing context, submit data
// or restyle the portal is dropped even though the server sanitized it already (defence in depth).
const FORBIDDEN_TAGS = [
  'script', 'style', 'link', 'meta', 'base', 'noscript', 'template', 'iframe', 'frame', 'frameset',
  'object', 'embed', 'applet', 'portal', 'form', 'button', 'select', 'option', 'textarea',
  'dialog', 'audio', 'video', 'source', 'track', 'picture', 'svg', 'math',
];
const FORBIDDEN_ATTRS = ['style', 'srcset', 'target', 'ping', 'action', 'formaction', 'xlink:href', 'background', 'poster'];

// Relative URLs, fragments, http(s) and mailto; anything with another scheme is removed.
const ALLOWED_URI = /^(?:https?:|mailto:|#|\/(?!\/)|\.{1,2}\/|[^:/?#]*(?:[/?#]|$))/i;
const IMAGE_DATA_URI = /^data:image\/(?:png|jpe?g|gif|webp|avif|svg\+xml)[;,]/i;
// The one inline style Markdown tables use. The portal's CSP blocks style attributes, and Chromium
// reports a violation as soon as one is parsed (even by DOMPurify's inert parser), so before parsing
// it becomes the equivalent `align` attribute; DOMPurify then drops any other style attribute.
const TEXT_ALIGN_STYLE = /\sstyle\s*=\s*(["'])\s*text-align\s*:\s*(left|right|center)\s*;?\s*\1/gi;

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: FORBIDDEN_ATTRS,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: true,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  SAFE_FOR_TEMPLATES: false,
  WHOLE_DOCUMENT: false,
};

let purifier: DOMPurify | undefined;

/** One DOMPurify instance of our own, so these hooks never affect other uses of the library. */
function instance(): DOMPurify {
  if (purifier) return purifier;
  const p = createDOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    // Markdown task lists are the only inputs documentation has: every input becomes an inert checkbox.
    if (node.tagName === 'INPUT') {
      for (const name of node.getAttributeNames()) if (name !== 'checked') node.removeAttribute(name);
      node.setAttribute('type', 'checkbox');
      node.setAttribute('disabled', '');
    }
    // DOMPurify lets data: URIs through on media elements; only images of image types may keep one.
    for (const attr of ['src', 'href']) {
      const value = node.getAttribute(attr);
      if (value === null || !/^\s*data:/i.test(value)) continue;
      if (!(attr === 'src' && node.tagName === 'IMG' && IMAGE_DATA_URI.test(value.trim()))) node.removeAttribute(attr);
    }
  });
  purifier = p;
  return p;
}

/**
 * Sanitizes documentation HTML for insertion into the portal: no scripts, event handlers,
 * `javascript:`/`data:` URLs (except `data:image/*` images), frames, objects, forms, styles,
 * SVG or MathML. Returns a detached fragment owned by the current document.
 */
export function sanitizeDocsHtml(html: string): DocumentFragment {
  const aligned = html.replace(TEXT_ALIGN_STYLE, (_, _quote: string, align: string) => ` align="${align.toLowerCase()}"`);
  return instance().sanitize(aligned, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}
