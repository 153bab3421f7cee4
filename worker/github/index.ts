import { Hono } from 'hono';
import type { AppEnv, Env } from '../env';
import type { BackendPlugin } from '../plugin';
import { readConfig } from '../config';
import { adminRoutes } from './api';
import { consumeGithub, consumeGithubDeadLetters } from './consumer';
import { githubContext } from './context';
import { enqueueJobs } from './jobs';
import { setupRoutes } from './setup';
import { webhookRoutes } from './webhook';

// GitHub redelivers on request for a few days at most; older delivery ids need not be remembered.
const DELIVERY_MEMORY_MS = 7 * 24 * 60 * 60_000;

/** The cron trigger: reconcile everything (healing what missed webhooks left stale) and forget old deliveries. */
async function reconcileOnSchedule(_controller: ScheduledController, env: Env): Promise<void> {
  if (!readConfig(env).github.app) return;
  const ctx = githubContext(env);
  const run = crypto.randomUUID();
  await ctx.store.startRun(run, 'cron');
  await enqueueJobs(ctx.queue, [{ kind: 'reconcile', runs: [run] }]);
  await ctx.store.pruneDeliveries(new Date(Date.now() - DELIVERY_MEMORY_MS));
}

/** Self-registration from GitHub: a GitHub App's webhooks, discovery, reconcile and org sync. */
export const githubPlugin: BackendPlugin = {
  id: 'github',
  routes: new Hono<AppEnv>().route('/', webhookRoutes).route('/', adminRoutes).route('/', setupRoutes),
  queues: { 'greenroom-github': consumeGithub, 'greenroom-github-dlq': consumeGithubDeadLetters },
  scheduled: reconcileOnSchedule,
};
