import type { UrlReader } from './reader';
import { resolveLocationUrl } from './scm-url';
import { isTooDeep, MAX_YAML_DEPTH, parseDocuments } from './yaml';

/** Placeholder reads allowed per descriptor file, shared by all its documents. */
export const MAX_PLACEHOLDER_READS = 20;

/** A placeholder that could not be resolved; the document it is in fails with rule `placeholder`. */
export class PlaceholderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceholderError';
  }
}

/** Where placeholders resolve from, and the reads left for the file (decremented as they are used). */
export interface PlaceholderContext {
  baseUrl: string;
  reader: UrlReader;
  budget: { reads: number };
}

type Resolver = (text: string, url: string) => unknown;

const RESOLVERS: Readonly<Record<string, Resolver>> = {
  $text: (text) => text,
  $json: (text, url) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new PlaceholderError(`Placeholder $json failed to parse JSON data at ${url}, ${String(e)}`);
    }
    if (isTooDeep(value)) {
      throw new PlaceholderError(`Placeholder $json data at ${url} nests deeper than ${MAX_YAML_DEPTH} levels`);
    }
    return value;
  },
  $yaml: (text, url) => {
    const docs = parseDocuments(text);
    const failed = docs.find((d) => d.error);
    if (failed?.error) throw new PlaceholderError(`Placeholder $yaml failed to parse YAML data at ${url}, ${failed.error.message}`);
    if (docs.length > 1) throw new PlaceholderError(`Placeholder $yaml data at ${url} holds more than one document`);
    return docs[0]?.value ?? null;
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function resolveOne(key: string, resolver: Resolver, target: unknown, ctx: PlaceholderContext): Promise<unknown> {
  if (typeof target !== 'string') {
    throw new PlaceholderError(
      `Placeholder ${key} expected a string value parameter, in the form of an absolute URL or a relative path`,
    );
  }
  let url: string;
  try {
    url = resolveLocationUrl(target, ctx.baseUrl, ctx.reader.githubHosts);
  } catch (e) {
    throw new PlaceholderError(`Placeholder ${key} could not form a URL out of ${ctx.baseUrl} and ${target}, ${String(e)}`);
  }
  if (ctx.budget.reads <= 0) {
    throw new PlaceholderError(
      `Placeholder ${key} of ${url} not read: a file may use at most ${MAX_PLACEHOLDER_READS} placeholders`,
    );
  }
  ctx.budget.reads--;
  let text: string;
  try {
    text = await ctx.reader.read(url);
  } catch (e) {
    throw new PlaceholderError(`Placeholder ${key} failed to read ${url}, ${(e as Error).message}`);
  }
  return resolver(text, url);
}

/** Whether `value` holds a `{ $text | $json | $yaml: target }` object anywhere. */
function holdsPlaceholder(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsPlaceholder);
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length === 1 && Object.hasOwn(RESOLVERS, keys[0]!)) return true;
  return Object.values(value).some(holdsPlaceholder);
}

/**
 * Replaces every `{ $text | $json | $yaml: target }` (an object with exactly that one key) in a
 * document by what the target holds, the target read relative to the file's URL. Returns new
 * containers where it replaced something, the document itself when it holds no placeholder (most
 * do not, and walking them with an await per value costs more than checking), and never changes
 * its input; throws PlaceholderError.
 */
export async function resolvePlaceholders(value: unknown, ctx: PlaceholderContext): Promise<unknown> {
  return holdsPlaceholder(value) ? resolveIn(value, ctx) : value;
}

async function resolveIn(value: unknown, ctx: PlaceholderContext): Promise<unknown> {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await resolveIn(item, ctx));
    return items;
  }
  if (!isObject(value)) return value;
  const entries = Object.entries(value);
  const [only] = entries;
  if (entries.length === 1 && only && only[0].startsWith('$')) {
    const resolver = Object.hasOwn(RESOLVERS, only[0]) ? RESOLVERS[only[0]] : undefined;
    // Other `$` keys (JSON Schema's `$ref`, say) are data, kept as written, as in Backstage.
    return resolver ? resolveOne(only[0], resolver, only[1], ctx) : { ...value };
  }
  const resolved: Array<[string, unknown]> = [];
  for (const [key, item] of entries) resolved.push([key, await resolveIn(item, ctx)]);
  // fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(resolved);
}
