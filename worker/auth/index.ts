import { Hono } from 'hono';
import type { AppEnv, Env } from '../env';
import type { BackendPlugin } from '../plugin';
import { readConfig } from '../config';
import { openDatabase } from '../db/client';
import { auditRoutes } from './api/audit';
import { githubAuthRoutes } from './api/github';
import { sessionRoutes } from './api/session';
import { tokenRoutes } from './api/tokens';
import { pruneRateLimitsSql } from './rate-limit';
import { pruneSessionsSql } from './session';
import { pruneTokensSql } from './tokens';

// Ended sessions and tokens stay listed (and auditable) for a while before they are forgotten.
const KEEP_ENDED_MS = 30 * 24 * 60 * 60_000;

/** The cron trigger: forget long-ended sessions and tokens and finished rate-limit windows. */
async function pruneOnSchedule(_controller: ScheduledController, env: Env): Promise<void> {
  const before = new Date(Date.now() - KEEP_ENDED_MS);
  await openDatabase(env, readConfig(env)).writeBatch([pruneSessionsSql(before), pruneTokensSql(before), pruneRateLimitsSql()]);
}

/** Sign-in with GitHub, sessions, API tokens, permission questions and the audit log. */
export const authPlugin: BackendPlugin = {
  id: 'auth',
  routes: new Hono<AppEnv>().route('/', githubAuthRoutes).route('/', sessionRoutes).route('/', tokenRoutes).route('/', auditRoutes),
  scheduled: pruneOnSchedule,
};
