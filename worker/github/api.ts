import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { NotConfiguredError, NotFoundError } from '../lib/errors';
import { enqueueJobs } from './jobs';
import { githubStoreOf } from './store';

/** The admin side: status and progress, reconcile on request, failed work and its retry. */
export const adminRoutes = new Hono<AppEnv>()
  .get('/status', async (c) => {
    const github = c.var.config.github;
    const s = githubStoreOf(c);
    const [counts, installations, runs] = await Promise.all([s.counts(), s.installations(), s.runs(5)]);
    return c.json({
      configuration: {
        app: github.app ? { id: github.app.id } : null,
        webhookSecrets: github.webhookSecrets.length,
        apiUrl: github.apiUrl,
        host: github.host,
        allowedOrgs: github.allowedOrgs,
        catalogPaths: github.catalogPaths,
        branch: github.branch ?? 'default',
        orgSync: github.orgSync,
      },
      installations,
      repositories: counts.repositories,
      deliveries: counts.deliveries,
      failures: counts.failures,
      runs,
      // Nothing received is waiting to be processed, no discovery is under way, nothing is being retried.
      idle: counts.deliveries.pending === 0 && runs.every((r) => r.finished) && counts.failures.retrying === 0,
    });
  })
  .get('/repositories', async (c) => c.json({ items: await githubStoreOf(c).repositories() }))
  .post('/reconcile', async (c) => {
    if (!c.var.config.github.app) throw new NotConfiguredError('The GitHub App is not configured (GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY)');
    const id = crypto.randomUUID();
    const force = c.req.query('force') === 'true';
    await githubStoreOf(c).startRun(id, force ? 'admin (force)' : 'admin');
    await enqueueJobs(c.env.GITHUB_QUEUE, [{ kind: 'reconcile', runs: [id], ...(force ? { force } : {}) }]);
    return c.json({ run: id, status: `/api/github/status` }, 202);
  })
  .get('/failures', async (c) => c.json({ items: await githubStoreOf(c).failures() }))
  .post('/failures/:key/retry', async (c) => {
    const failure = await githubStoreOf(c).reviveFailure(c.req.param('key'));
    if (!failure) throw new NotFoundError(`No failed GitHub job ${c.req.param('key')}`);
    await enqueueJobs(c.env.GITHUB_QUEUE, [failure.job]);
    return c.json({ key: failure.key, status: 'queued' }, 202);
  });
