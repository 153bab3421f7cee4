import { sql, type SQL } from 'drizzle-orm';
import { locationKey } from '../catalog/ingest/runner';
import type { GithubContext } from '../github/context';
import { readContents, repoFileOfUrl, type RepoFile } from '../github/contents';
import { GithubApiError } from '../github/errors';
import { hexDigest } from '../lib/digest';
import { mapLimit } from '../lib/pool';
import { ANNOTATION, type Entity } from '../catalog/model/entity';
import { entityTitle, techdocsRef } from './entity';
import { checkDocsEntity, docsEntityRef, type DocsEntity } from './paths';
import { publishSite } from './publish';
import { buildSite, isDocsSource, SOURCE_LIMITS } from './render/build';
import { DocsBuildError } from './render/errors';
import { dirOf, normalizePath } from './render/links';
import { parseMkdocs } from './render/mkdocs';
import { TechDocsStore } from './store';

/** Bumped when rendering changes, so every site is rebuilt once on its next push. */
const RENDERER_VERSION = '1';

const FETCH_CONCURRENCY = 6;

interface TreeEntry {
  path: string;
  type: string;
  sha: string;
  size?: number;
}

/** An entity of the repository with `techdocs-ref: dir:…`, and where its docs root is in the repository. */
interface DocsSubject {
  target: DocsEntity;
  entity: Entity;
  /** Docs root relative to the repository root ('' for the root itself). */
  root: string;
}

/** The repository-relative docs root of an entity: its catalog file's folder joined with the `dir:` ref. */
function docsRootOf(catalogFilePath: string, ref: string): string | undefined {
  if (!ref.startsWith('dir:')) return undefined;
  const dir = ref.slice(4).trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(dir) || dir.startsWith('/')) return undefined;
  return normalizePath(dirOf(catalogFilePath) + dir);
}

/** Entities produced by a repository's catalog files (or by locations those files point at) that name a techdocs-ref. */
function docsEntitiesSql(targets: string[], columns: SQL) {
  const keys = JSON.stringify(targets.map((t) => locationKey('url', t)));
  return sql`SELECT ${columns} FROM entities e
    WHERE (e.location_key IN (SELECT value FROM json_each(${keys}))
      OR e.location_key IN (SELECT key FROM location_keys WHERE origin_key IN (SELECT value FROM json_each(${keys}))))
      AND e.body LIKE ${'%' + ANNOTATION.techdocsRef + '%'}`;
}

/** Whether any entity of a repository's catalog files has docs: repositories without any never queue a docs job. */
export async function repositoryHasDocs(ctx: GithubContext, targets: string[]): Promise<boolean> {
  if (targets.length === 0) return false;
  const rows = await ctx.catalog.store.db.all(sql`${docsEntitiesSql(targets, sql`1`)} LIMIT 1`);
  return rows.length > 0;
}

/** The repository's entities that have docs in it. */
async function subjectsOf(ctx: GithubContext, targets: string[]): Promise<DocsSubject[]> {
  if (targets.length === 0) return [];
  const rows = await ctx.catalog.store.db.all<{ body: string }>(docsEntitiesSql(targets, sql`e.body`));
  const subjects: DocsSubject[] = [];
  for (const { body } of rows) {
    const entity = JSON.parse(body) as Entity;
    const ref = techdocsRef(entity);
    const managedBy = entity.metadata.annotations?.[ANNOTATION.managedByLocation]?.replace(/^url:/, '');
    const file = managedBy ? repoFileOfUrl(managedBy, ctx.config.host) : undefined;
    const root = ref && file ? docsRootOf(file.path, ref) : undefined;
    if (root === undefined) continue;
    subjects.push({ target: checkDocsEntity(entity.metadata.namespace ?? 'default', entity.kind, entity.metadata.name), entity, root });
  }
  return subjects;
}

/** A file of the repository at a commit; any answer but success is a GithubApiError. */
async function readRepoFile(ctx: GithubContext, installationId: number, file: RepoFile): Promise<Uint8Array> {
  const res = await readContents(ctx.client, installationId, file);
  if (!res.ok) {
    await res.body?.cancel();
    throw new GithubApiError(res.status, `Reading ${file.path} of ${file.owner}/${file.repo} answered HTTP ${res.status}`);
  }
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * The docs job of a repository: for each of its entities with `backstage.io/techdocs-ref: dir:…`,
 * the Markdown tree (mkdocs.yml and its docs_dir) is fingerprinted from the Git tree; when the
 * fingerprint differs from the last build (or `force`), the files are fetched through the App
 * installation, rendered and sanitized with the shared renderer, written to R2 with the commit
 * as etag, and stale files removed. A source that cannot be built records its error and leaves
 * the previous site up; GitHub being unavailable is thrown, so the queue retries the job.
 */
export async function buildRepositoryDocs(ctx: GithubContext, bucket: R2Bucket, job: { installationId: number; repoId: number; force?: boolean }): Promise<void> {
  const repo = await ctx.store.repository(job.repoId);
  if (!repo?.branch || repo.status === 'retired' || repo.installationId !== job.installationId) return;
  const subjects = await subjectsOf(ctx, repo.targets);
  if (subjects.length === 0) return;
  const [owner = '', name = ''] = repo.fullName.split('/');
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
  const as = { installationId: job.installationId };
  const commit = await ctx.client.json<{ sha: string }>(`${base}/commits/${encodeURIComponent(repo.branch)}`, as);
  if (!/^[0-9a-f]{40}$/.test(commit.sha)) throw new GithubApiError(502, `The head of ${repo.fullName}@${repo.branch} is not a commit SHA`);
  // Tree and files are read at that commit, so the site is exactly what its etag names.
  const tree = await ctx.client.json<{ tree: TreeEntry[]; truncated?: boolean }>(`${base}/git/trees/${commit.sha}?recursive=1`, as);
  const blobs = tree.tree.filter((e) => e.type === 'blob');
  const store = new TechDocsStore(ctx.catalog.store.db);
  const read = (path: string) => readRepoFile(ctx, job.installationId, { owner, repo: name, path, ref: commit.sha });

  for (const subject of subjects) {
    const prefix = subject.root ? `${subject.root}/` : '';
    const now = new Date().toISOString();
    try {
      const yml = blobs.find((b) => b.path === `${prefix}mkdocs.yml` || b.path === `${prefix}mkdocs.yaml`);
      const ymlBytes = yml ? await read(yml.path) : undefined;
      const docsDir = ymlBytes ? parseMkdocs(new TextDecoder().decode(ymlBytes)).docsDir : 'docs';
      const docsPrefix = `${prefix}${normalizePath(docsDir) ?? docsDir}/`;
      const sources = blobs.filter((b) => b.path.startsWith(docsPrefix) && isDocsSource(b.path));
      if (sources.length > SOURCE_LIMITS.files) throw new DocsBuildError(`The documentation has ${sources.length} files; at most ${SOURCE_LIMITS.files} are built`);
      // A partial listing could silently drop pages: better no new build than a wrong one.
      if (tree.truncated) throw new DocsBuildError(`GitHub listed ${repo.fullName} only in part (too many files); publish its docs with \`greenroom docs publish\` instead`);
      const fingerprint = await hexDigest(
        'SHA-256',
        [RENDERER_VERSION, yml ? `${yml.path}:${yml.sha}` : '-', ...sources.map((b) => `${b.path}:${b.sha}`).sort()].join('\n'),
      );
      const known = await store.site(subject.target);
      if (!job.force && known?.state === 'ok' && known.sourceHash === fingerprint) continue;
      await store.markBuilding(subject.target, now);
      const files = new Map<string, Uint8Array>();
      if (yml && ymlBytes) files.set(yml.path.slice(prefix.length), ymlBytes);
      await mapLimit(sources, FETCH_CONCURRENCY, async (b) => files.set(b.path.slice(prefix.length), await read(b.path)));
      const web = `https://${ctx.config.host}/${repo.fullName}`;
      const site = await buildSite(files, {
        defaultSiteName: entityTitle(subject.entity),
        etag: commit.sha,
        repoUrl: web,
        editBase: `${web}/edit/${repo.branch.split('/').map(encodeURIComponent).join('/')}/${prefix.split('/').filter(Boolean).map(encodeURIComponent).map((s) => `${s}/`).join('')}`,
      });
      await publishSite(bucket, store, subject.target, site, { source: 'github', sourceHash: fingerprint });
    } catch (e) {
      if (e instanceof DocsBuildError) {
        await store.recordFailure(subject.target, e.message, now);
        continue;
      }
      await store.recordFailure(subject.target, `Building ${docsEntityRef(subject.target)} failed: ${(e as Error).message}`, now).catch(() => undefined);
      throw e;
    }
  }
}
