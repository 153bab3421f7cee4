/** Backstage's scaffolder filters, as plain functions (browser-safe; wired into nunjitsu in expressions.ts). */

/** The parts of a RepoUrlPicker value `host?owner=o&repo=r` (also `organization`, `workspace`, `project`). */
export interface RepoUrlParts {
  host: string;
  owner?: string;
  repo: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

/** Parses a RepoUrlPicker value (`github.com?owner=acme&repo=svc`); throws a readable error when it is not one. */
export function parseRepoUrl(input: unknown): RepoUrlParts {
  if (typeof input !== 'string' || input === '') throw new TypeError('parseRepoUrl needs a repository URL like "github.com?owner=acme&repo=service"');
  let url: URL;
  try {
    url = new URL(`https://${input}`);
  } catch {
    throw new TypeError(`Invalid repository URL "${input}": expected "host?owner=…&repo=…"`);
  }
  const q = url.searchParams;
  const repo = q.get('repo');
  if (!repo) throw new TypeError(`Invalid repository URL "${input}": missing repo`);
  const parts: RepoUrlParts = { host: url.host, repo };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const v = q.get(key);
    if (v) parts[key] = v;
  }
  if (!parts.owner && !parts.workspace && !parts.organization) throw new TypeError(`Invalid repository URL "${input}": missing owner`);
  return parts;
}

/** Parses `[kind:][namespace/]name`, filling gaps from `{ defaultKind, defaultNamespace }`. */
export function parseEntityRefFilter(input: unknown, options?: unknown): { kind: string; namespace: string; name: string } {
  if (typeof input !== 'string' || input === '') throw new TypeError('parseEntityRef needs an entity reference string');
  const opts = (options && typeof options === 'object' ? options : {}) as { defaultKind?: unknown; defaultNamespace?: unknown };
  const colon = input.indexOf(':');
  const kind = colon >= 0 ? input.slice(0, colon) : typeof opts.defaultKind === 'string' ? opts.defaultKind : undefined;
  const rest = colon >= 0 ? input.slice(colon + 1) : input;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : typeof opts.defaultNamespace === 'string' ? opts.defaultNamespace : 'default';
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  if (!kind) throw new TypeError(`Entity reference "${input}" has no kind and no defaultKind was given`);
  if (!name || !namespace) throw new TypeError(`Invalid entity reference "${input}"`);
  return { kind, namespace, name };
}

/** `pick('a.b')`: the value at a dotted path of an object. */
export function pickFilter<T>(input: T | undefined, key: unknown): T | undefined {
  if (typeof key !== 'string') throw new TypeError('pick needs a key');
  let current: unknown = input;
  for (const part of key.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current as T;
}

/** `owner/repo` of a RepoUrlPicker value (Backstage's projectSlug). */
export function projectSlug(input: unknown): string {
  const p = parseRepoUrl(input);
  return `${p.owner ?? p.organization ?? p.workspace}/${p.repo}`;
}
