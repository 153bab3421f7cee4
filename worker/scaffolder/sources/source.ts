import type { Config } from '../../config';
import type { UrlReader } from '../../catalog/ingest/reader';
import { parseGithubFileUrl } from '../../catalog/ingest/scm-url';
import { githubClient } from '../../github/client';
import { base64ToBytes } from '../../lib/base64';
import { mapLimit } from '../../lib/pool';
import { readContents } from '../../github/contents';
import { installationOf } from '../../github/repo-installation';
import { PermanentActionError } from '../actions/types';
import { BUILTIN_FILES } from '../builtin/files.generated';
import { workspacePath } from '../workspace/path';

/** A file read from a template's folder: its path relative to the folder that was asked for. */
export interface SourceFile {
  path: string;
  content: Uint8Array;
}

/**
 * The files a template's actions fetch from: its own folder (built-in templates, a GitHub
 * repository, or the files given to a dry run), with `url`s resolved against the template.
 */
export interface TemplateSource {
  /** Every file under a folder (`./skeleton`, or an absolute GitHub tree URL). */
  readDir(url: string): Promise<SourceFile[]>;
  /** One file (`./docs/index.md`, or an absolute URL). */
  readFile(url: string): Promise<Uint8Array>;
}

const text = (s: string) => new TextEncoder().encode(s);
// Files of a GitHub folder read at once (a skeleton has tens of files, each one request).
const READ_CONCURRENCY = 5;

/** The files under `dir` among `paths`, each read only once it is known to be wanted. */
function filesUnder(paths: Iterable<string>, dir: string, read: (path: string) => Uint8Array | undefined): SourceFile[] {
  const base = dir ? `${dir}/` : '';
  const out: SourceFile[] = [];
  for (const p of paths) if (p.startsWith(base)) out.push({ path: p.slice(base.length), content: read(p)! });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The built-in file map as bytes (files.generated.ts holds text, or base64 for binaries). */
function builtinFile(path: string): Uint8Array | undefined {
  const f = BUILTIN_FILES[path];
  if (f === undefined) return undefined;
  return typeof f === 'string' ? text(f) : base64ToBytes(f.base64);
}

/** Resolves a `url` input against the template's base URL. */
function resolveTemplateUrl(url: string, baseUrl: string | undefined): URL {
  try {
    return baseUrl ? new URL(url, baseUrl) : new URL(url);
  } catch {
    throw new PermanentActionError(`Cannot resolve "${url}"${baseUrl ? ` against the template location ${baseUrl}` : ''}: the template has no location to fetch relative paths from`);
  }
}

function builtinPath(url: URL): string {
  // builtin:/templates/<name>/<path>
  return workspacePath(decodeURIComponent(url.pathname).replace(/^\/templates\//, ''));
}

/** Reads template files from built-ins, dry-run files, GitHub (through the App) or allowed URLs. */
export function templateSource(opts: { baseUrl?: string; config: Config; reader: UrlReader; dryRunFiles?: Map<string, Uint8Array> }): TemplateSource {
  const { config } = opts;
  const githubHosts = new Set([config.github.host]);

  async function githubDir(url: URL): Promise<SourceFile[] | undefined> {
    const file = parseGithubFileUrl(url, githubHosts);
    if (!file) return undefined;
    const client = githubClient(config.github);
    const owner = decodeURIComponent(file.owner);
    const repo = decodeURIComponent(file.repo);
    const ref = decodeURIComponent(file.ref);
    const dir = file.path.map(decodeURIComponent).filter(Boolean).join('/');
    const installationId = await installationOf(client, owner, repo);
    if (installationId === undefined) throw new PermanentActionError(`No installation of the GitHub App can read ${owner}/${repo}`);
    const tree = await client.json<{ tree: { path: string; type: string }[] }>(
      `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/git/trees/${encodeURIComponent(ref)}?recursive=1`,
      { installationId },
    );
    const base = dir ? `${dir}/` : '';
    const paths = tree.tree.filter((e) => e.type === 'blob' && e.path.startsWith(base)).map((e) => e.path);
    return mapLimit(paths, READ_CONCURRENCY, async (path) => {
      const res = await readContents(client, installationId, { owner, repo, ref, path });
      if (!res.ok) throw new Error(`Reading ${owner}/${repo}/${path}@${ref} answered HTTP ${res.status}`);
      return { path: path.slice(base.length), content: new Uint8Array(await res.arrayBuffer()) };
    });
  }

  return {
    async readDir(raw) {
      const url = resolveTemplateUrl(raw, opts.baseUrl);
      if (url.protocol === 'builtin:') {
        const dir = builtinPath(url);
        const files = filesUnder(Object.keys(BUILTIN_FILES), dir, builtinFile);
        if (!files.length) throw new PermanentActionError(`The built-in templates have no folder "${dir}"`);
        return files;
      }
      if (url.protocol === 'dryrun:') {
        const files = opts.dryRunFiles ?? new Map<string, Uint8Array>();
        return filesUnder(files.keys(), workspacePath(decodeURIComponent(url.pathname)), (p) => files.get(p));
      }
      const fromGithub = await githubDir(url);
      if (fromGithub) return fromGithub;
      throw new PermanentActionError(`Cannot list the folder ${url.href}: folders can be fetched from the template's own location, built-in templates or ${config.github.host} URLs`);
    },
    async readFile(raw) {
      const url = resolveTemplateUrl(raw, opts.baseUrl);
      if (url.protocol === 'builtin:') {
        const f = builtinFile(builtinPath(url));
        if (!f) throw new PermanentActionError(`The built-in templates have no file "${builtinPath(url)}"`);
        return f;
      }
      if (url.protocol === 'dryrun:') {
        const f = opts.dryRunFiles?.get(workspacePath(decodeURIComponent(url.pathname)));
        if (!f) throw new PermanentActionError(`The dry run was given no file "${url.pathname.slice(1)}"`);
        return f;
      }
      // GitHub file URLs go through the App; other hosts must be allowed for the catalog.
      return text(await opts.reader.read(url.href));
    },
  };
}
