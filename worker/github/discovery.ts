import type { GithubContext } from './context';
import { currentInstallation, type InstallationInfo } from './installation';
import { enqueueJobs, type GithubJob } from './jobs';
import { retireOrg } from './org-sync';
import { isAllowedAccount } from './policy';
import { retireRepository } from './repo-sync';

/** Retires everything an installation contributed: its repositories' locations and its organisation. */
async function retireInstallation(ctx: GithubContext, installationId: number, accountId: number | undefined, reason: string): Promise<void> {
  for (const repo of await ctx.store.repositories(installationId)) {
    if (repo.status !== 'retired') await retireRepository(ctx, repo, reason);
  }
  if (accountId !== undefined) await retireOrg(ctx, accountId);
}

/**
 * Discovers an installation as it is now: every repository it can see gets a repo job (so does
 * every repository recorded for it that it no longer lists, which then retires), and an
 * organisation account an org job. A deleted or suspended installation, or one on an account
 * outside the allowed organisations, has everything it contributed retired.
 */
export async function syncInstallation(ctx: GithubContext, job: Extract<GithubJob, { kind: 'installation' }>): Promise<void> {
  const { installationId } = job;
  const runs = job.runs ?? [];
  const installation = await currentInstallation(ctx.client, installationId);
  const known = await ctx.store.installation(installationId);
  if (!installation || installation.suspended_at) {
    await retireInstallation(ctx, installationId, installation?.account.id ?? known?.accountId, installation ? 'suspended' : 'uninstalled');
    if (!installation) await ctx.store.deleteInstallation(installationId);
    await ctx.store.finishRunItem(runs, 'installation', installationId, 'done');
    return;
  }
  const { account } = installation;
  const allowed = isAllowedAccount(ctx.config, account.login);
  await ctx.store.saveInstallation({ id: installationId, accountLogin: account.login, accountType: account.type, accountId: account.id, status: allowed ? 'active' : 'not-allowed' });
  if (!allowed) {
    await retireInstallation(ctx, installationId, account.id, 'not-allowed');
    await ctx.store.finishRunItem(runs, 'installation', installationId, 'done');
    return;
  }
  const listed = await ctx.client.paginate<{ id: number }>('/installation/repositories', { installationId }, (page) => (page as { repositories: { id: number }[] }).repositories);
  const recorded = (await ctx.store.repositories(installationId)).filter((r) => r.status !== 'retired').map((r) => r.id);
  const repoIds = [...new Set([...listed.map((r) => r.id), ...recorded])];
  await ctx.store.addRunItems(runs, 'repo', repoIds);
  const jobs: GithubJob[] = repoIds.map((repoId) => ({ kind: 'repo', installationId, repoId, ...(runs.length ? { runs } : {}), ...(job.force ? { force: true } : {}) }));
  if (account.type === 'Organization') {
    jobs.push({ kind: 'org', installationId, ...(runs.length ? { runs } : {}) });
    await ctx.store.addRunItems(runs, 'org', [installationId]);
  }
  await enqueueJobs(ctx.queue, jobs);
  await ctx.store.finishRunItem(runs, 'installation', installationId, 'done');
}

/**
 * Reconciles everything: every installation the App has now, and every one recorded that it no
 * longer has (which then retires), gets an installation job counted in the run. Jobs a dead
 * consumer left waiting on a lock are queued again.
 */
export async function reconcile(ctx: GithubContext, job: Extract<GithubJob, { kind: 'reconcile' }>): Promise<void> {
  const runs = job.runs ?? [];
  const listed = await ctx.client.paginate<InstallationInfo>('/app/installations', 'app', (page) => page as InstallationInfo[]);
  const recorded = (await ctx.store.installations()).map((i) => i.id);
  const ids = [...new Set([...listed.map((i) => i.id), ...recorded])];
  for (const run of runs) await ctx.store.setRunInstallations(run, ids);
  await enqueueJobs(ctx.queue, ids.map((installationId) => ({ kind: 'installation', installationId, ...(runs.length ? { runs } : {}), ...(job.force ? { force: true } : {}) })));
  const stranded = await ctx.store.strandedWaiters();
  await enqueueJobs(ctx.queue, stranded.flatMap((s) => s.jobs));
}
