import type { Context } from 'hono';
import { isLocalRequest } from '../config';
import type { AppEnv } from '../env';
import { AuthenticationError } from '../lib/errors';
import type { Role } from './actions';
import { GUEST_IDENTITY, type Identity } from './identity';
import { authKeys } from './keys';
import { roleOf, type Subject } from './policy';
import { readSession, sessionCookie, type Session } from './session';
import { readToken } from './tokens';

/** Who a request acts as, and through what. */
export interface Principal {
  identity: Identity;
  /** What the policy sees: the identity, cut to its token's scopes. */
  subject: Subject;
  role: Role | undefined;
  via: 'session' | 'token' | 'guest';
  session?: Session;
  tokenId?: string;
}

/**
 * Guest mode needs both the admin's setting and a request addressed to this machine: a
 * deployed Worker is reached through its own host name, so it never has a guest, whatever
 * its configuration says.
 */
export const guestAllowed = (c: Context<AppEnv>): boolean => c.var.config.auth.guestMode && isLocalRequest(c.req.url);

function principal(c: Context<AppEnv>, identity: Identity, via: Principal['via'], extra: Partial<Principal> = {}, scopes?: Subject['scopes']): Principal {
  // An identity minted by the local guest (a token it created) is an admin only locally too.
  const { guest, ...rest } = identity;
  const subject: Subject = { ...rest, ...(guest && guestAllowed(c) ? { guest } : {}), ...(scopes ? { scopes } : {}) };
  return { identity, subject, role: roleOf(subject, c.var.config.auth.policy), via, ...extra };
}

/**
 * Who the request is from: a bearer API token, else a session cookie, else the local guest,
 * else nobody. Credentials that are presented but not valid are refused with 401 rather than
 * ignored, so a revoked token never quietly falls back to guest or anonymous.
 */
export async function authenticate(c: Context<AppEnv>): Promise<Principal | undefined> {
  const db = c.var.store.db;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new AuthenticationError('Authorization must be "Bearer <API token>"');
    const { token, identity } = await readToken(db, match[1]!);
    return principal(c, identity, 'token', { tokenId: token.id }, token.scopes);
  }
  const cookie = sessionCookie(c);
  if (cookie) {
    const session = await readSession(db, (await authKeys(c.var.config, c.req.url)).session, cookie);
    return principal(c, session.identity, 'session', { session });
  }
  return guestAllowed(c) ? principal(c, GUEST_IDENTITY, 'guest') : undefined;
}
