import type { Hono } from 'hono';
import type { AppEnv, Env } from './env';

/** A backend feature: routes mounted at `/api/<id>` and the queues it consumes. */
export interface BackendPlugin {
  id: string;
  routes?: Hono<AppEnv>;
  /** Queue name → consumer. */
  queues?: Record<string, (batch: MessageBatch<never>, env: Env, ctx: ExecutionContext) => Promise<void>>;
}
