import type { Env } from '../env';
import { mapLimit } from '../lib/pool';
import { githubContext, type GithubContext } from './context';
import { reconcile, syncInstallation } from './discovery';
import { jobKey, mergeJobs, type GithubJob } from './jobs';
import { runExclusive } from './lock';
import { syncOrg } from './org-sync';
import { syncRepository } from './repo-sync';
import { jobRetryDelaySeconds } from './retry';

// Different keys are independent (different repositories), so a batch runs a few at once.
const CONCURRENCY = 4;

async function execute(ctx: GithubContext, job: GithubJob): Promise<void> {
  switch (job.kind) {
    case 'repo':
      await syncRepository(ctx, job);
      await ctx.store.finishRunItem(job.runs ?? [], 'repo', job.repoId, 'done');
      break;
    case 'installation':
      await syncInstallation(ctx, job);
      break;
    case 'org':
      await syncOrg(ctx, job.installationId);
      await ctx.store.finishRunItem(job.runs ?? [], 'org', job.installationId, 'done');
      break;
    case 'reconcile':
      await reconcile(ctx, job);
      break;
  }
  await ctx.store.markDeliveries(job.deliveries ?? [], 'ok');
  await ctx.store.clearFailure(jobKey(job));
}

/**
 * Consumes the GitHub queue. Messages of a batch about the same thing (one repository, one
 * installation…) are merged into one job, since each reads current state anyway; each job runs
 * under its key's lock. A failure is recorded (visible at /api/github/failures) and the
 * messages retried with backoff; after the last retry they go to the dead-letter queue.
 */
export async function consumeGithub(batch: MessageBatch<GithubJob>, env: Env): Promise<void> {
  const ctx = githubContext(env);
  const groups = new Map<string, { job: GithubJob; messages: Message<GithubJob>[] }>();
  for (const msg of batch.messages) {
    const key = jobKey(msg.body);
    const group = groups.get(key);
    if (group) {
      group.job = mergeJobs(group.job, msg.body);
      group.messages.push(msg);
    } else {
      groups.set(key, { job: msg.body, messages: [msg] });
    }
  }
  await mapLimit([...groups.entries()], CONCURRENCY, async ([key, { job, messages }]) => {
    try {
      await runExclusive(ctx.store, job, (j) => execute(ctx, j));
      for (const m of messages) m.ack();
    } catch (err) {
      const attempts = Math.max(...messages.map((m) => m.attempts));
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      console.error(`github job ${key} failed (attempt ${attempts}): ${message}`);
      await ctx.store.recordFailure(key, job, message, attempts, false).catch(() => undefined);
      for (const m of messages) m.retry({ delaySeconds: jobRetryDelaySeconds(err, m.attempts) });
    }
  });
}

/**
 * Consumes the dead-letter queue: each job that kept failing is recorded as given up (listed at
 * /api/github/failures, retried from there), its deliveries marked failed and its runs told.
 */
export async function consumeGithubDeadLetters(batch: MessageBatch<GithubJob>, env: Env): Promise<void> {
  const ctx = githubContext(env);
  for (const msg of batch.messages) {
    const job = msg.body;
    await ctx.store.recordFailure(jobKey(job), job, `Gave up after ${msg.attempts} attempts`, msg.attempts, true);
    await ctx.store.markDeliveries(job.deliveries ?? [], 'failed');
    const runs = job.runs ?? [];
    if (job.kind === 'repo') await ctx.store.finishRunItem(runs, 'repo', job.repoId, 'failed');
    else if (job.kind === 'reconcile') await ctx.store.failRun(runs, 'Listing the installations kept failing');
    else await ctx.store.finishRunItem(runs, job.kind, job.installationId, 'failed');
    msg.ack();
  }
}
