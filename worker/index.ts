import { Hono } from 'hono';
import type { AppEnv, Env } from './env';
import { readConfig } from './config';
import { openDatabase } from './db/client';
import { CatalogStore } from './catalog/store/store';
import { errorResponse, NotFoundError } from './lib/errors';
import { serverTiming, timed } from './lib/timing';
import { plugins } from './plugins';
import { apiSecurityHeaders } from './auth/headers';
import { authorize } from './auth/middleware';

const app = new Hono<AppEnv>();

app.use('/api/*', serverTiming());
app.use('/api/*', apiSecurityHeaders);
app.use('/api/*', async (c, next) => {
  const config = readConfig(c.env);
  c.set('config', config);
  c.set('store', timed(new CatalogStore(openDatabase(c.env, config)), c.var.timing, 'db'));
  await next();
});
// Every API request, known route or not, passes the permission table and the policy.
app.use('/api/*', authorize);
app.get('/api/health', (c) => c.json({ status: 'ok' }));
for (const plugin of plugins) {
  if (plugin.routes) app.route(`/api/${plugin.id}`, plugin.routes);
}
app.all('/api/*', (c) => {
  throw new NotFoundError(`No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
});
app.onError((err, c) => {
  const res = errorResponse(err, c);
  const timing = c.get('timing');
  if (timing) res.headers.set('Server-Timing', timing.header());
  return res;
});

// Workflow classes must be exports of the Worker's main module (wrangler.toml `[[workflows]]`).
export { ScaffoldWorkflow } from './scaffolder';

const queueHandlers = new Map(plugins.flatMap((p) => Object.entries(p.queues ?? {})));

export default {
  fetch: app.fetch,
  async queue(batch, env, ctx) {
    const handler = queueHandlers.get(batch.queue);
    if (!handler) throw new Error(`No consumer for queue ${batch.queue}`);
    await handler(batch as MessageBatch<never>, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    await Promise.all(plugins.map((p) => p.scheduled?.(controller, env, ctx)));
  },
} satisfies ExportedHandler<Env>;
