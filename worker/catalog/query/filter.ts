import { InputError } from '../../lib/errors';

/** A parsed entity filter: one tree for Backstage's `filter=` strings and predicate queries. */
export type EntityFilter =
  | { all: EntityFilter[] }
  | { any: EntityFilter[] }
  | { not: EntityFilter }
  /** `values` absent means "the key exists". Keys and values are lowercased. */
  | { key: string; values?: string[] }
  /** The key has a value starting with `prefix` (lowercased). */
  | { key: string; prefix: string };

/** The most terms one request may carry; more is refused rather than slowing the database. */
export const MAX_FILTER_TERMS = 100;
const MAX_TERM_LENGTH = 1024;

function checkTerm(s: string, what: string): string {
  if (s.length > MAX_TERM_LENGTH) throw new InputError(`Filter ${what} is longer than ${MAX_TERM_LENGTH} characters`);
  return s;
}

/** Counts leaf terms, refusing trees larger than MAX_FILTER_TERMS. */
function checkSize(filter: EntityFilter | undefined): EntityFilter | undefined {
  let terms = 0;
  const walk = (f: EntityFilter): void => {
    if ('all' in f) f.all.forEach(walk);
    else if ('any' in f) f.any.forEach(walk);
    else if ('not' in f) walk(f.not);
    else terms += 'values' in f ? Math.max(1, f.values?.length ?? 1) : 1;
    if (terms > MAX_FILTER_TERMS) {
      throw new InputError(`Filter has more than ${MAX_FILTER_TERMS} terms`);
    }
  };
  if (filter) walk(filter);
  return filter;
}

/**
 * Parses repeated `filter` query parameters: each is `key=value,key2=value2` (AND, repeated
 * keys within one parameter OR'ed), a bare key asks that the key exists, and separate
 * parameters are OR'ed — Backstage's syntax, all case-insensitive.
 */
export function parseFilterParams(params: string[]): EntityFilter | undefined {
  const total = params.reduce((n, p) => n + p.split(',').length, 0);
  if (total > MAX_FILTER_TERMS) throw new InputError(`Filter has more than ${MAX_FILTER_TERMS} terms`);
  const alternatives: EntityFilter[] = [];
  for (const param of params) {
    const byKey = new Map<string, string[] | undefined>();
    for (const raw of param.split(',')) {
      const part = raw.trim();
      if (!part) continue;
      const eq = part.indexOf('=');
      const key = checkTerm((eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase(), 'key');
      if (!key) throw new InputError(`Invalid filter "${param}": empty key`);
      if (eq === -1) {
        if (!byKey.has(key)) byKey.set(key, undefined);
        continue;
      }
      const value = checkTerm(part.slice(eq + 1).trim().toLowerCase(), 'value');
      const existing = byKey.get(key);
      byKey.set(key, existing ? [...existing, value] : [value]);
    }
    const terms = [...byKey].map(([key, values]) => (values ? { key, values } : { key }));
    if (terms.length === 1) alternatives.push(terms[0]!);
    else if (terms.length > 1) alternatives.push({ all: terms });
  }
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 ? alternatives[0] : { any: alternatives };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function primitive(v: unknown, key: string): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return checkTerm(String(v).toLowerCase(), 'value');
  }
  throw new InputError(`Invalid query: value for "${key}" must be a string, number or boolean`);
}

/**
 * `$contains` asks that some element of an array matches. Arrays are flattened into their
 * parent key, so a primitive operand is plain equality and an object operand's fields become
 * sub-paths (matched per field rather than per element, which only widens the result).
 */
function parseContains(key: string, operand: unknown, depth: number): EntityFilter {
  if (depth > 16) throw new InputError('Invalid query: nested too deeply');
  if (!isPlainObject(operand)) return { key: checkTerm(key.toLowerCase(), 'key'), values: [primitive(operand, key)] };
  const parts: EntityFilter[] = [];
  for (const [k, v] of Object.entries(operand)) {
    if (k === '$all' || k === '$any') {
      if (!Array.isArray(v)) throw new InputError(`Invalid query: ${k} takes an array`);
      const children = v.map((x) => parseContains(key, x, depth + 1));
      parts.push(k === '$all' ? { all: children } : { any: children });
    } else if (k === '$not') {
      parts.push({ not: parseContains(key, v, depth + 1) });
    } else if (k.startsWith('$')) {
      parts.push(parseFieldCondition(key, { [k]: v }, depth + 1));
    } else {
      parts.push(parseFieldCondition(`${key}.${k}`, v, depth + 1));
    }
  }
  return parts.length === 1 ? parts[0]! : { all: parts };
}

function parseFieldCondition(key: string, cond: unknown, depth: number): EntityFilter {
  const k = checkTerm(key.toLowerCase(), 'key');
  if (!isPlainObject(cond)) return { key: k, values: [primitive(cond, key)] };
  const ops = Object.keys(cond);
  if (ops.length !== 1) throw new InputError(`Invalid query: "${key}" must have exactly one operator`);
  const op = ops[0]!;
  const arg = cond[op];
  if (op === '$exists') {
    if (typeof arg !== 'boolean') throw new InputError('Invalid query: $exists takes true or false');
    return arg ? { key: k } : { not: { key: k } };
  }
  if (op === '$in') {
    if (!Array.isArray(arg)) throw new InputError('Invalid query: $in takes an array');
    return { key: k, values: arg.map((v) => primitive(v, key)) };
  }
  if (op === '$hasPrefix') {
    if (typeof arg !== 'string') throw new InputError('Invalid query: $hasPrefix takes a string');
    return { key: k, prefix: checkTerm(arg.toLowerCase(), 'value') };
  }
  if (op === '$contains') return parseContains(key, arg, depth);
  throw new InputError(`Invalid query: unknown operator "${op}" for "${key}"`);
}

/** Parses a predicate query (`$all`, `$any`, `$not`, `{field: value | {$in} | {$exists}}`). */
export function parsePredicate(query: unknown, depth = 0): EntityFilter {
  if (depth > 16) throw new InputError('Invalid query: nested too deeply');
  if (!isPlainObject(query)) throw new InputError('Invalid query: must be an object');
  const parts: EntityFilter[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$all' || key === '$any') {
      if (!Array.isArray(value)) throw new InputError(`Invalid query: ${key} takes an array`);
      const children = value.map((v) => parsePredicate(v, depth + 1));
      parts.push(key === '$all' ? { all: children } : { any: children });
    } else if (key === '$not') {
      parts.push({ not: parsePredicate(value, depth + 1) });
    } else if (key.startsWith('$')) {
      throw new InputError(`Invalid query: unknown operator "${key}"`);
    } else {
      parts.push(parseFieldCondition(key, value, depth));
    }
  }
  const result: EntityFilter = parts.length === 1 ? parts[0]! : { all: parts };
  return depth === 0 ? checkSize(result)! : result;
}

/** Combines filters with AND, skipping absent ones. */
export function andFilters(...filters: (EntityFilter | undefined)[]): EntityFilter | undefined {
  const present = filters.filter((f): f is EntityFilter => f !== undefined);
  if (present.length <= 1) return present[0];
  return { all: present };
}
