import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { InputError } from '../../lib/errors';
import { ACTIONS, isAction, type Action } from '../actions';
import { decideFor } from '../middleware';
import { matchEntityRef, matchLocation, refOf } from '../resource';
import { clearSessionCookie, revokeUserSessions, sessionCookie } from '../session';

const MAX_AUTHORIZE_ITEMS = 100;

/** One question to `POST /authorize`: may I do `action` (to this entity, or this location)? */
interface AuthorizeItem {
  action: Action;
  resource?: { entityRef?: string; locationId?: string };
}

function parseItems(body: unknown): AuthorizeItem[] {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length > MAX_AUTHORIZE_ITEMS) throw new InputError(`items must be an array of at most ${MAX_AUTHORIZE_ITEMS} {action, resource?}`);
  return items.map((item, i) => {
    const it = item as { action?: unknown; resource?: { entityRef?: unknown; locationId?: unknown } } | null;
    if (typeof it?.action !== 'string' || !isAction(it.action)) throw new InputError(`items[${i}].action is not one of ${Object.keys(ACTIONS).join(', ')}`);
    const entityRef = it.resource?.entityRef;
    const locationId = it.resource?.locationId;
    if ((entityRef !== undefined && typeof entityRef !== 'string') || (locationId !== undefined && typeof locationId !== 'string')) {
      throw new InputError(`items[${i}].resource must be {entityRef} or {locationId}`);
    }
    return { action: it.action, ...(entityRef || locationId ? { resource: { ...(entityRef ? { entityRef } : {}), ...(locationId ? { locationId } : {}) } } : {}) };
  });
}

/** Who is signed in and what they may do; the app asks here rather than guessing. */
export const sessionRoutes = new Hono<AppEnv>()
  .get('/me', (c) => {
    const p = c.var.principal;
    const signIn = { github: !!c.var.config.auth.github };
    // A stale or tampered cookie made this request anonymous; the browser should forget it.
    if (!p) {
      if (sessionCookie(c) !== undefined) clearSessionCookie(c);
      return c.json({ signedIn: false, signIn });
    }
    const { identity } = p;
    const permissions = Object.fromEntries((Object.keys(ACTIONS) as Action[]).map((a) => [a, decideFor(c, a).result]));
    return c.json({
      signedIn: true,
      signIn,
      via: p.via,
      guest: !!p.subject.guest,
      role: p.role ?? null,
      identity: {
        userEntityRef: identity.userEntityRef,
        ownershipEntityRefs: identity.ownershipEntityRefs,
        displayName: identity.displayName,
        ...(identity.email ? { email: identity.email } : {}),
        ...(identity.picture ? { picture: identity.picture } : {}),
        ...(identity.github ? { login: identity.github.login } : {}),
        inCatalog: identity.inCatalog,
      },
      permissions,
    });
  })
  .delete('/sessions', async (c) => {
    const p = c.var.principal!;
    const revoked = await revokeUserSessions(c.var.store.db, p.identity.userEntityRef);
    clearSessionCookie(c);
    return c.json({ revoked });
  })
  .post('/authorize', async (c) => {
    const items = parseItems(await c.req.json().catch(() => null));
    const store = c.var.store;
    const results = await Promise.all(
      items.map(async ({ action, resource }) => {
        const decision = decideFor(c, action);
        if (decision.result !== 'conditional') return decision.result === 'allow';
        if (resource?.entityRef) return (await matchEntityRef(store, refOf(resource.entityRef), decision.filter)) === 'match';
        if (resource?.locationId) return (await matchLocation(store, resource.locationId, decision.filter)) === 'match';
        return false;
      }),
    );
    return c.json({ items: results.map((allowed) => ({ result: allowed ? 'ALLOW' : 'DENY' })) });
  });
