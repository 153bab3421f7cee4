import { InputError } from '../../lib/errors';

/** Parses `fields=a.b,c` (repeated or comma-separated) into paths; empty means the whole entity. */
export function parseFields(params: string[]): string[] {
  const fields = params
    .flatMap((p) => p.split(','))
    .map((f) => f.trim())
    .filter(Boolean);
  if (fields.length > 100) throw new InputError('Too many fields requested');
  return fields;
}

type Json = Record<string, unknown>;

/**
 * Copies the value at a dotted `path` from `src` to `dst`. Keys may themselves contain dots
 * (annotation keys such as `backstage.io/orphan`), so at each level the longest key that
 * matches the rest of the path wins.
 */
function copyPath(src: Json, dst: Json, path: string): void {
  const keys: string[] = [];
  let from: unknown = src;
  let rest = path;
  while (rest) {
    if (typeof from !== 'object' || from === null || Array.isArray(from)) return;
    const obj = from as Json;
    let key: string | undefined;
    if (Object.hasOwn(obj, rest)) key = rest;
    else {
      for (let i = rest.lastIndexOf('.'); i > 0; i = rest.lastIndexOf('.', i - 1)) {
        if (Object.hasOwn(obj, rest.slice(0, i))) {
          key = rest.slice(0, i);
          break;
        }
      }
    }
    if (key === undefined) return;
    keys.push(key);
    rest = rest.slice(key.length + 1);
    from = obj[key];
  }
  // Only a path that exists is copied, so absent fields leave no empty parents behind.
  let to = dst;
  for (const key of keys.slice(0, -1)) {
    const next = to[key];
    to = (typeof next === 'object' && next !== null ? next : (to[key] = {})) as Json;
  }
  to[keys[keys.length - 1]!] = from;
}

/** Keeps only the requested fields of an entity, as Backstage's `fields` parameter does. */
export function projectFields<T extends object>(entity: T, fields: string[]): Partial<T> {
  if (fields.length === 0) return entity;
  const out: Json = {};
  for (const field of fields) copyPath(entity as Json, out, field);
  return out as Partial<T>;
}
