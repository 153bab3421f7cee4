/** The parts of a RepoUrlPicker value. */
export interface RepoUrlParts {
  host: string;
  owner: string;
  repo: string;
}

/** Backstage's RepoUrlPicker value: `host?owner=…&repo=…`. */
export function formatRepoUrl(parts: RepoUrlParts): string {
  const query = new URLSearchParams();
  if (parts.owner) query.set('owner', parts.owner);
  if (parts.repo) query.set('repo', parts.repo);
  return `${parts.host}?${query}`;
}

/** Splits a RepoUrlPicker value back into its parts; missing parts are empty. */
export function parseRepoUrl(value: unknown): RepoUrlParts {
  if (typeof value !== 'string' || !value) return { host: '', owner: '', repo: '' };
  const q = value.indexOf('?');
  const host = q < 0 ? value : value.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : value.slice(q + 1));
  return { host, owner: query.get('owner') ?? '', repo: query.get('repo') ?? '' };
}
