import type { Env } from '../env';
import { mapLimit } from '../lib/pool';
import { githubContext, type GithubContext } from './context';
import { reconcile, syncInstallation } from './discovery';
import { jobKey, mergeJobs, runItem, type GithubJob } from './jobs';
import { runExclusive } from './lock';
import { syncOrg } from './org-sync';
import { syncRepository } from './repo-sync';
import { jobRetryDelaySeconds } from './retry';
import { buildRepositoryDocs } from '../techdocs/github-build';

// Different keys are independent (different repositories), so a batch runs a few at once.
const CONCURRENCY = 4;

async function execute(ctx: GithubContext, job: GithubJob, env: Env): Promise<void> {
  switch (job.kind) {
    case 'repo':
      return syncRepository(ctx, job);
    case 'installation':
      return syncInstallation(ctx, job);
    case 'org':
      return syncOrg(ctx, job.installationId);
    case 'reconcile':
      return reconcile(ctx, job);
    case 'docs':
      return buildRepositoryDocs(ctx, env.DOCS, job);
  }
}

/** What the jobs of one batch finished, recorded in one write before their messages are acknowledged. */
class Finished {
  readonly keys = new Set<string>();
  readonly deliveries: string[] = [];
  readonly items: { run: string; kind: string; id: number }[] = [];

  add(job: GithubJob): void {
    this.keys.add(jobKey(job));
    this.deliveries.push(...(job.deliveries ?? []));
    const item = runItem(job);
    if (item) for (const run of job.runs ?? []) this.items.push({ run, ...item });
  }
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
  const finished = new Finished();
  const succeeded: Message<GithubJob>[] = [];
  await mapLimit([...groups.entries()], CONCURRENCY, async ([key, { job, messages }]) => {
    try {
      await runExclusive(ctx.store, job, messages.map((m) => m.id), async (j) => {
        await execute(ctx, j, env);
        finished.add(j);
      });
      succeeded.push(...messages);
    } catch (err) {
      finished.keys.delete(key);
      const attempts = Math.max(...messages.map((m) => m.attempts));
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      console.error(`github job ${key} failed (attempt ${attempts}): ${message}`);
      await ctx.store.recordFailure(key, job, message, attempts, false).catch(() => undefined);
      for (const m of messages) m.retry({ delaySeconds: jobRetryDelaySeconds(err, m.attempts) });
    }
  });
  // Unrecorded, finished work would look pending for ever: its messages run again instead.
  try {
    await ctx.store.completeJobs({ keys: [...finished.keys], deliveries: finished.deliveries, items: finished.items });
  } catch (err) {
    console.error('recording finished github jobs failed:', err);
    for (const m of succeeded) m.retry({ delaySeconds: jobRetryDelaySeconds(err, m.attempts) });
    return;
  }
  for (const m of succeeded) m.ack();
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
    await ctx.store.failDeliveries(job.deliveries ?? []);
    const runs = job.runs ?? [];
    const item = runItem(job);
    if (item) await ctx.store.failRunItem(runs, item.kind, item.id);
    else await ctx.store.failRun(runs, 'Listing the installations kept failing');
    msg.ack();
  }
}
