import { Hono } from 'hono';
import { stringifyEntityRef } from '../catalog/model/ref';
import type { AppEnv } from '../env';
import { ConflictError, NotFoundError } from '../lib/errors';
import type { BackendPlugin } from '../plugin';
import { addStar, listStars, MAX_STARS, removeStar } from './stars';

/**
 * Per-user settings, kept on the server so they follow people across browsers: for now the
 * entities they starred. Every route acts on the signed-in user's own settings only.
 */
export const settingsPlugin: BackendPlugin = {
  id: 'settings',
  routes: new Hono<AppEnv>()
    .get('/starred', async (c) => c.json({ items: await listStars(c.var.store.db, c.var.principal!.identity.userEntityRef) }))
    .put('/starred/:kind/:namespace/:name', async (c) => {
      const ref = stringifyEntityRef(c.req.param());
      // Only what the caller may read can be starred; anything else looks absent, as in the catalog.
      const [row] = await c.var.store.readByRefs([ref]);
      if (!row) throw new NotFoundError(`No entity named '${ref}' found`);
      const user = c.var.principal!.identity.userEntityRef;
      if (!(await addStar(c.var.store.db, user, ref, new Date().toISOString()))) {
        throw new ConflictError(`At most ${MAX_STARS} entities can be starred; unstar some first`);
      }
      return c.body(null, 204);
    })
    .delete('/starred/:kind/:namespace/:name', async (c) => {
      await removeStar(c.var.store.db, c.var.principal!.identity.userEntityRef, stringifyEntityRef(c.req.param()));
      return c.body(null, 204);
    }),
};
