import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { NotFoundError } from '../../lib/errors';
import { decideFor } from '../middleware';
import { createToken, getToken, listTokens, parseTokenRequest, revokeToken } from '../tokens';

/** API tokens: one's own to create, list and revoke; every token for admins. */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/tokens', async (c) => c.json({ items: await listTokens(c.var.store.db, c.var.principal!.identity.userEntityRef) }))
  .get('/tokens/all', async (c) => c.json({ items: await listTokens(c.var.store.db, undefined) }))
  .post('/tokens', async (c) => {
    const request = parseTokenRequest(await c.req.json().catch(() => null));
    const { secret, token } = await createToken(c.var.store.db, c.var.principal!.identity, request);
    return c.json({ secret, token }, 201);
  })
  .delete('/tokens/:id', async (c) => {
    const token = await getToken(c.var.store.db, c.req.param('id'));
    const mine = token?.userEntityRef === c.var.principal!.identity.userEntityRef;
    // Someone else's token is as good as absent, unless the caller is an admin.
    if (!token || (!mine && decideFor(c, 'admin').result !== 'allow')) throw new NotFoundError(`No token ${c.req.param('id')}`);
    await revokeToken(c.var.store.db, token.id);
    return c.body(null, 204);
  });
