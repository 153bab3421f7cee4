import type { Hono } from 'hono';
import type { AppEnv, Env } from './env';

/** A backend feature: routes mounted at `/api/<id>`, the queues it consumes, and its cron work. */
export interface BackendPlugin {
  id: string;
  routes?: Hono<AppEnv>;
  /** Queue name → consumer. */
  queues?: Record<string, (batch: MessageBatch<never>, env: Env, ctx: ExecutionContext) => Promise<void>>;
  /** Runs on the Worker's cron triggers (`[triggers] crons` in wrangler.toml). */
  scheduled?: (controller: ScheduledController, env: Env, ctx: ExecutionContext) => Promise<void>;
}
