import { Hono } from 'hono';
import type { AppEnv, Env } from '../env';
import type { BackendPlugin } from '../plugin';
import { dryRunRoutes } from './api/dry-run';
import { taskRoutes } from './api/tasks';
import { templateRoutes } from './api/templates';
import { ensureBuiltinTemplates } from './builtin/register';
import { consumeScaffold } from './execution/consumer';
import { scaffolderDeps } from './execution/deps';

/** The cron trigger keeps the built-in templates in the catalog even before anyone opens the gallery. */
async function registerOnSchedule(_controller: ScheduledController, env: Env): Promise<void> {
  await ensureBuiltinTemplates(scaffolderDeps(env).catalog.store);
}

/** The scaffolder: software templates run as queued, durable workflows (Backstage's v2 API). */
export const scaffolderPlugin: BackendPlugin = {
  id: 'scaffolder',
  routes: new Hono<AppEnv>().route('/', templateRoutes).route('/', taskRoutes).route('/', dryRunRoutes),
  queues: { 'greenroom-scaffolder': consumeScaffold },
  scheduled: registerOnSchedule,
};

export { ScaffoldWorkflow } from './execution/workflow';
