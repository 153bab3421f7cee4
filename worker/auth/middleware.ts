import type { Context, MiddlewareHandler } from 'hono';
import type { EntityFilter } from '../catalog/query/filter';
import type { AppEnv } from '../env';
import { AuthenticationError, NotAllowedError, NotFoundError } from '../lib/errors';
import { timed } from '../lib/timing';
import { matchAccess, type Access } from './access';
import type { Action } from './actions';
import { writeAudit } from './audit';
import { crossSiteReason } from './csrf';
import { decide, type Decision } from './policy';
import { authenticate, type Principal } from './principal';
import { rateLimit } from './rate-limit';
import { matchResource } from './resource';
import { sessionCookie } from './session';

/** Matches no entity: the read scope of someone who may not read the catalog at all. */
const NOTHING: EntityFilter = { any: [] };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The client a rate limit counts against: Cloudflare's view of the caller's address. */
export const clientAddress = (c: Context<AppEnv>) => c.req.header('cf-connecting-ip') ?? 'unknown';

/** The read scope a decision about `catalog.read` gives: nothing to add, nothing at all, or its filter. */
function readScope(decision: Decision): EntityFilter | undefined {
  if (decision.result === 'allow') return undefined;
  return decision.result === 'deny' ? NOTHING : decision.filter;
}

/** The action an audit record names for a state-changing request, or undefined when it changes nothing. */
function auditedAction(access: Access | undefined, method: string, path: string): string | undefined {
  if (SAFE_METHODS.has(method)) return undefined;
  if (!access) return `${method} ${path}`;
  if (access.kind === 'action') return access.action === 'catalog.read' ? undefined : access.action;
  return access.kind === 'public' ? undefined : access.audit;
}

/** Decides one action for the request's principal (the same decision routes and the UI get). */
export function decideFor(c: Context<AppEnv>, action: Action): Decision {
  const p = c.var.principal;
  return p ? decide(p.subject, action, c.var.config.auth.policy, p.role) : { result: 'deny' };
}

/**
 * The one gate in front of every API route. It finds the route in the access table (absent
 * means refused), refuses cross-site writes, identifies the caller (token, session, local
 * guest), asks the policy, checks conditional decisions against the entity or location the
 * route acts on, limits every catalog read to what the caller may read, rate-limits sign-in
 * and token creation, and writes every state-changing request to the audit log.
 */
export const authorize: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { method, path } = c.req;
  const matched = matchAccess(method, path);
  const access = matched?.access;
  const audited = auditedAction(access, method, path);
  let principal: Principal | undefined;
  const audit = (status: number) =>
    principal && audited
      ? writeAudit(c.var.store.db, {
          at: new Date().toISOString(),
          actor: principal.identity.userEntityRef,
          via: principal.via,
          ...(principal.tokenId ? { tokenId: principal.tokenId } : {}),
          action: audited,
          method,
          path,
          status,
          ...(new URL(c.req.url).search ? { detail: new URL(c.req.url).search } : {}),
          ip: clientAddress(c),
        })
      : undefined;

  try {
    await c.var.timing.measure('auth', async () => {
      if (access?.kind !== 'public' || access.csrf !== 'exempt') {
        const reason = crossSiteReason(
          { method, url: c.req.url, origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') },
          sessionCookie(c) !== undefined,
        );
        if (reason) throw new NotAllowedError(reason);
      }
      if (access?.kind === 'public') {
        if (access.rateLimit) await rateLimit(c.var.store.db, access.rateLimit, clientAddress(c), c.var.config.auth.rateLimitPerMinute);
        c.set('principal', undefined);
        return;
      }
      if (access?.kind === 'optional') {
        principal = await authenticate(c).catch((err: unknown) => {
          if (err instanceof AuthenticationError) return undefined;
          throw err;
        });
      } else {
        principal = await authenticate(c);
      }
      c.set('principal', principal);
      if (!principal && access?.kind !== 'optional') throw new AuthenticationError('Sign in, or send an API token as "Authorization: Bearer <token>"');
      if (!access) throw new NotAllowedError(`${method} ${path} is not in the permission table`);
      if (!principal) return;

      const read = decideFor(c, 'catalog.read');
      c.set('store', timed(c.var.store.withReadScope(readScope(read)), c.var.timing, 'db'));
      if (access.kind === 'signed-in' && access.tokens === false && principal.via === 'token') throw new NotAllowedError('API tokens cannot do this; sign in');
      if (access.kind !== 'action') return;
      const decision = access.action === 'catalog.read' ? read : decideFor(c, access.action);
      if (decision.result === 'deny') throw new NotAllowedError(`${principal.identity.userEntityRef} may not ${access.action}`);
      if (decision.result === 'conditional' && access.resource) {
        const state = await matchResource(c, access.resource, matched!.params, decision.filter);
        // Reading something one may not read looks exactly like reading something that is not there.
        if (access.action === 'catalog.read' && state !== 'match') throw new NotFoundError(`No entity at ${path}`);
        if (state === 'no-match') throw new NotAllowedError(`${principal.identity.userEntityRef} may not ${access.action} here`);
      } else if (decision.result === 'conditional' && access.action !== 'catalog.read') {
        throw new NotAllowedError(`${principal.identity.userEntityRef} may ${access.action} only for some entities, and this route names none`);
      }
      if (access.rateLimit) await rateLimit(c.var.store.db, access.rateLimit, principal.identity.userEntityRef, c.var.config.auth.rateLimitPerMinute);
    });
  } catch (err) {
    if (err instanceof NotAllowedError) await audit(403);
    throw err;
  }
  await next();
  await audit(c.res.status);
};
