/**
 * String formats of Backstage's descriptor format (names, namespaces, keys, tags, links).
 * Each predicate pairs with an `expectation` phrase used in error messages.
 */

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const API_VERSION_SUFFIX = /^[a-z0-9A-Z]+$/;
const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;
const URL_SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const LINK_SCHEMES = new Set(['http', 'https', 'mailto']);

/** Expected-format phrases, in Backstage's wording where it has one. */
export const EXPECTATION = {
  apiVersion:
    'a string that is a sequence of [a-zA-Z0-9], optionally prefixed by a DNS subdomain and a "/", at most 63 characters after the prefix',
  kind: 'a string that is a sequence of [a-zA-Z][a-z0-9A-Z], at most 63 characters in total',
  name: 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
  namespace: 'a string that is sequences of [a-z0-9] separated by [-], at most 63 characters in total',
  key: 'a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total, optionally prefixed by a DNS subdomain and a "/"',
  labelValue: 'an empty string, or a string that is sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters in total',
  annotationValue: 'a string',
  tag: 'a string that is sequences of [a-z0-9:+#] separated by [-], at most 63 characters in total',
  linkUrl: 'a string that is an http, https or mailto URL (or a relative URL)',
  string: 'a string',
} as const;

/** Whether a value is an entity name: 1–63 characters, `[a-zA-Z0-9]` runs separated by `-`, `_` or `.`. */
export function isValidEntityName(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 63 && OBJECT_NAME.test(value);
}

/** Whether a value is a DNS label (lowercase, 1–63 characters), the format of namespaces. */
export function isValidNamespace(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 63 && DNS_LABEL.test(value);
}

/** Whether a value is a DNS subdomain: dot-separated DNS labels, at most 253 characters. */
export function isValidDnsSubdomain(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 253 &&
    value.split('.').every((label) => isValidNamespace(label))
  );
}

function isPrefixed(value: unknown, prefixOk: (p: string) => boolean, suffixOk: (s: string) => boolean): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length === 1) return suffixOk(value);
  const [prefix, suffix] = parts;
  return parts.length === 2 && prefix !== undefined && suffix !== undefined && prefixOk(prefix) && suffixOk(suffix);
}

/** Whether a value is a label or annotation key: `[dns-subdomain/]name`. */
export function isValidKey(value: unknown): value is string {
  return isPrefixed(value, isValidDnsSubdomain, isValidEntityName);
}

/** Whether a value is a label value: empty, or shaped like an entity name. */
export function isValidLabelValue(value: unknown): value is string {
  return value === '' || isValidEntityName(value);
}

/** Whether a value is an apiVersion: `[dns-subdomain/]version` with an alphanumeric version. */
export function isValidApiVersion(value: unknown): value is string {
  return isPrefixed(value, isValidDnsSubdomain, (s) => s.length >= 1 && s.length <= 63 && API_VERSION_SUFFIX.test(s));
}

/** Whether a value is a kind name: a letter then letters and digits, at most 63 characters. */
export function isValidKind(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 63 && KIND.test(value);
}

/** Whether a value is a tag: lowercase `[a-z0-9:+#]` runs separated by `-`, at most 63 characters. */
export function isValidTag(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 63 && TAG.test(value);
}

/**
 * Whether a value is safe to render as a link: a relative URL, or an http, https or mailto one.
 * The scheme is read the way browsers read it (leading controls and spaces skipped, tabs and
 * newlines dropped), so `java\nscript:` and ` javascript:` are caught.
 */
export function isSafeLinkUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  const normalized = value.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  const scheme = URL_SCHEME.exec(normalized)?.[1]?.toLowerCase();
  if (scheme === undefined) return true;
  if (!LINK_SCHEMES.has(scheme)) return false;
  return URL.canParse(normalized);
}
