import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { InputError } from '../../lib/errors';
import { readAudit } from '../audit';

/** The audit log for admins, newest first, paged by `before` (an id). */
export const auditRoutes = new Hono<AppEnv>().get('/audit', async (c) => {
  const limit = Number(c.req.query('limit') ?? 50);
  const before = c.req.query('before');
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new InputError('limit must be a whole number from 1 to 500');
  if (before !== undefined && !/^\d+$/.test(before)) throw new InputError('before must be an audit record id');
  return c.json(await readAudit(c.var.store.db, limit, before ? Number(before) : undefined, c.req.query('actor') || undefined));
});
