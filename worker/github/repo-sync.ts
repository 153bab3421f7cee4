import { ReaderError } from '../catalog/ingest/reader';
import { registerLocation, unregisterLocation } from '../catalog/ingest/register';
import type { GithubContext } from './context';
import { fileUrl } from './contents';
import { GithubApiError, InstallationGoneError } from './errors';
import { enqueueJobs } from './jobs';
import { repositoryHasDocs } from '../techdocs/github-build';
import { catalogBranch, isAllowedAccount } from './policy';
import { rememberInstallation } from './repo-installation';
import type { RepositoryRecord } from './store';
import { findCatalogFiles } from './tree';

/** The fields of GitHub's repository object this integration reads. */
interface RepositoryInfo {
  id: number;
  full_name: string;
  default_branch: string;
  archived?: boolean;
  disabled?: boolean;
  owner: { login: string };
}

/** The repository as GitHub has it now, or undefined when the installation cannot see it (deleted, transferred away, removed from the installation). */
async function currentRepository(ctx: GithubContext, installationId: number, repoId: number): Promise<RepositoryInfo | undefined> {
  let res: Response;
  try {
    res = await ctx.client.request(`/repositories/${repoId}`, { as: { installationId } });
  } catch (e) {
    if (e instanceof InstallationGoneError) return undefined;
    throw e;
  }
  // 403 without a rate limit is GitHub blocking access to the repository (e.g. a DMCA takedown).
  if (res.status === 404 || res.status === 403 || res.status === 451) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new GithubApiError(res.status, `GET /repositories/${repoId} answered HTTP ${res.status}`);
  }
  return (await res.json()) as RepositoryInfo;
}

async function unregisterTargets(ctx: GithubContext, targets: string[]): Promise<void> {
  for (const target of targets) {
    const location = await ctx.catalog.store.findLocation('url', target);
    if (location) await unregisterLocation(ctx.catalog.store, location);
  }
}

async function allRegistered(ctx: GithubContext, targets: string[]): Promise<boolean> {
  for (const target of targets) {
    if (!(await ctx.catalog.store.findLocation('url', target))) return false;
  }
  return true;
}

const sameMembers = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Removes a repository's locations and their entities, and records why. */
async function retireRepository(ctx: GithubContext, record: Omit<RepositoryRecord, 'syncedAt'>, reason: string): Promise<void> {
  await unregisterTargets(ctx, record.targets);
  await ctx.store.saveRepository({ ...record, treeSha: null, targets: [], status: 'retired', error: reason });
}

/**
 * Brings one repository's catalog locations in line with the current state of its branch: every
 * file matching the catalog globs is registered (or refreshed), locations no longer wanted are
 * unregistered, and a repository that is gone, archived, disabled or outside the allowed
 * organisations has all its locations retired. Nothing here comes from an event's payload, so a
 * late or repeated job can only ever write the newest state.
 */
export async function syncRepository(ctx: GithubContext, job: { installationId: number; repoId: number; force?: boolean }): Promise<void> {
  const known = await ctx.store.repository(job.repoId);
  const repo = await currentRepository(ctx, job.installationId, job.repoId);
  if (!repo) {
    // Transferred to an account where another installation sees it: that installation's jobs own it now.
    if (known && known.installationId !== job.installationId) return;
    if (known) await retireRepository(ctx, known, 'gone');
    return;
  }
  const base = { id: repo.id, installationId: job.installationId, fullName: repo.full_name };
  const retired = repo.archived ? 'archived' : repo.disabled ? 'disabled' : isAllowedAccount(ctx.config, repo.owner.login) ? undefined : 'not-allowed';
  if (retired) {
    await retireRepository(ctx, { ...base, branch: known?.branch ?? null, treeSha: null, targets: known?.targets ?? [], status: 'retired', error: null }, retired);
    return;
  }
  rememberInstallation(ctx.client, repo.full_name, job.installationId);
  const branch = catalogBranch(ctx.config, repo.default_branch);
  const files = await findCatalogFiles(ctx.client, job.installationId, repo.full_name, branch, ctx.config.catalogPaths);
  const wanted = (files?.paths ?? []).map((p) => fileUrl(ctx.config.host, repo.full_name, branch, p));
  const previous = known?.targets ?? [];
  const settled = known?.status === 'ok' || known?.status === 'no-catalog';
  if (!job.force && settled && known.installationId === job.installationId && known.treeSha === (files?.treeSha ?? null) && sameMembers(previous, wanted) && (await allRegistered(ctx, wanted))) {
    return;
  }
  // Locations no longer wanted (file removed, repository renamed, branch moved) go first, so
  // entities moving to a new location do not meet their old selves as conflicts.
  await unregisterTargets(ctx, previous.filter((t) => !wanted.includes(t)));
  // Recorded before registering, so a crash halfway leaves no location that no record points at.
  await ctx.store.saveRepository({ ...base, branch, treeSha: null, targets: wanted, status: 'syncing', error: null });
  const registered: string[] = [];
  const problems: string[] = [];
  for (const target of wanted) {
    const existing = await ctx.catalog.store.findLocation('url', target);
    try {
      await registerLocation(ctx.catalog, { type: 'url', target }, existing);
      registered.push(target);
    } catch (e) {
      if (!(e instanceof ReaderError) || e.code === 'fetch-failed') throw e;
      if (e.code === 'not-found') {
        if (existing) await unregisterLocation(ctx.catalog.store, existing);
        continue;
      }
      // Too large, not UTF-8: the file is broken, and what it gave before stays until it is fixed.
      problems.push(e.message);
      if (existing) registered.push(target);
    }
  }
  await ctx.store.saveRepository({
    ...base,
    branch,
    treeSha: files?.treeSha ?? null,
    targets: registered,
    status: problems.length ? 'error' : registered.length ? 'ok' : 'no-catalog',
    error: problems.length ? problems.join('\n') : null,
  });
  // The branch changed: its entities' docs may have too (the docs job rebuilds only those whose sources did).
  if (await repositoryHasDocs(ctx, registered)) await enqueueJobs(ctx.queue, [{ kind: 'docs', installationId: job.installationId, repoId: repo.id, ...(job.force ? { force: true } : {}) }]);
}
