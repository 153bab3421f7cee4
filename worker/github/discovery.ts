import type { GithubContext } from './context';
import { currentInstallation, type InstallationInfo } from './installation';
import { enqueueJobs, type GithubJob } from './jobs';
import { isAllowedAccount } from './policy';

/**
 * Brings everything an installation gives access to up to date: every repository it can see now
 * and every one recorded for it (which, when no longer visible, retires) gets a repo job, and its
 * account an org job, all counted in the job's runs. An installation that was deleted, is
 * suspended or is on an account outside the allowed organisations lists nothing, so all it
 * contributed is retired by those same jobs, each under its own lock.
 */
export async function syncInstallation(ctx: GithubContext, job: Extract<GithubJob, { kind: 'installation' }>): Promise<void> {
  const { installationId } = job;
  const runs = job.runs ?? [];
  const installation = await currentInstallation(ctx.client, installationId);
  const known = await ctx.store.installation(installationId);
  const account = installation?.account ?? (known && { login: known.accountLogin, id: known.accountId, type: known.accountType });
  if (!account) return;
  const status = !installation ? 'uninstalled' : installation.suspended_at ? 'suspended' : isAllowedAccount(ctx.config, account.login) ? 'active' : 'not-allowed';
  await ctx.store.saveInstallation({ id: installationId, accountLogin: account.login, accountType: account.type, accountId: account.id, status });
  const listed =
    status === 'active'
      ? await ctx.client.paginate<{ id: number }>('/installation/repositories', { installationId }, (page) => (page as { repositories: { id: number }[] }).repositories)
      : [];
  const recorded = (await ctx.store.repositories(installationId)).filter((r) => r.status !== 'retired').map((r) => r.id);
  const repoIds = [...new Set([...listed.map((r) => r.id), ...recorded])];
  const meta = { ...(runs.length ? { runs } : {}), ...(job.force ? { force: true } : {}) };
  const jobs: GithubJob[] = repoIds.map((repoId) => ({ kind: 'repo', installationId, repoId, ...meta }));
  jobs.push({ kind: 'org', installationId, ...meta });
  await ctx.store.addRunItems(runs, 'repo', repoIds);
  await ctx.store.addRunItems(runs, 'org', [installationId]);
  await enqueueJobs(ctx.queue, jobs);
}

/**
 * Reconciles everything: every installation the App has now, and every one recorded that it no
 * longer has (whose contributions then retire), gets an installation job counted in the run. Jobs a dead
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
