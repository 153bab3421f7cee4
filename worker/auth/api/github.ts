import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../env';
import { AuthenticationError } from '../../lib/errors';
import { writeAudit } from '../audit';
import { finishSignIn, startSignIn } from '../github-oauth';
import { identityFor, type Identity } from '../identity';
import { authKeys } from '../keys';
import { clientAddress } from '../middleware';
import { clearSessionCookie, createSession, extendSession, revokeSession, setSessionCookie } from '../session';

/** Why a sign-in ended on the sign-in page instead of signed in; the app explains each. */
type SignInRefusal = 'not-in-org' | 'not-in-catalog' | 'github-denied';

function signInAudit(c: Context<AppEnv>, actor: string, action: string, status: number, detail?: string) {
  return writeAudit(c.var.store.db, {
    at: new Date().toISOString(),
    actor,
    via: 'sign-in',
    action,
    method: c.req.method,
    path: c.req.path,
    status,
    ...(detail ? { detail } : {}),
    ip: clientAddress(c),
  });
}

const refuse = (c: Context<AppEnv>, reason: SignInRefusal, login?: string) =>
  c.redirect(`/sign-in?error=${reason}${login ? `&login=${encodeURIComponent(login)}` : ''}`, 302);

/** Backstage's profile-and-identity answer for the signed-in user. */
const sessionInfo = (identity: Identity) => ({
  profile: { displayName: identity.displayName, ...(identity.email ? { email: identity.email } : {}), ...(identity.picture ? { picture: identity.picture } : {}) },
  providerInfo: {},
  // No `token`: the session is an HttpOnly cookie that scripts never see; integrations use API tokens.
  backstageIdentity: { identity: { type: 'user', userEntityRef: identity.userEntityRef, ownershipEntityRefs: identity.ownershipEntityRefs } },
});

/** Sign-in with GitHub under Backstage's route shape: start, handler/frame (the callback), refresh, logout. */
export const githubAuthRoutes = new Hono<AppEnv>()
  .get('/github/start', async (c) => startSignIn(c, (await authKeys(c.var.config, c.req.url)).oauth))
  .get('/github/handler/frame', async (c) => {
    if (c.req.query('error')) return refuse(c, 'github-denied');
    const keys = await authKeys(c.var.config, c.req.url);
    const { profile, returnTo } = await finishSignIn(c, keys.oauth);
    const auth = c.var.config.auth;
    if (auth.allowedOrgs.length && !profile.orgs.some((o) => auth.allowedOrgs.includes(o))) {
      await signInAudit(c, `github:${profile.login}`, 'auth.signin', 403, 'not in an allowed organisation');
      return refuse(c, 'not-in-org', profile.login);
    }
    const identity = await identityFor(c.var.store, profile, auth);
    if (!identity) {
      await signInAudit(c, `github:${profile.login}`, 'auth.signin', 403, 'no User entity in the catalog');
      return refuse(c, 'not-in-catalog', profile.login);
    }
    const session = await createSession(c.var.store.db, identity, auth.sessionHours);
    await setSessionCookie(c, keys.session, session);
    await signInAudit(c, identity.userEntityRef, 'auth.signin', 302, `github:${profile.login}`);
    return c.redirect(returnTo, 302);
  })
  .get('/github/refresh', async (c) => {
    const { session, identity: current } = c.var.principal!;
    if (!session || !current.github) return c.json(sessionInfo(current));
    // Group membership may have changed in the catalog since sign-in; GitHub's own facts stay as they were then.
    const { login, orgs, teams } = current.github;
    const profile = { login, name: current.displayName, email: current.email ?? null, avatarUrl: current.picture ?? null, orgs, teams };
    const identity = await identityFor(c.var.store, profile, c.var.config.auth);
    if (!identity) {
      await revokeSession(c.var.store.db, session.id);
      clearSessionCookie(c);
      throw new AuthenticationError('Your user is no longer in the catalog; the session was ended');
    }
    const keys = await authKeys(c.var.config, c.req.url);
    await setSessionCookie(c, keys.session, await extendSession(c.var.store.db, session, identity, c.var.config.auth.sessionHours));
    return c.json(sessionInfo(identity));
  })
  .post('/github/logout', async (c) => {
    const principal = c.var.principal;
    if (principal?.session) await revokeSession(c.var.store.db, principal.session.id);
    clearSessionCookie(c);
    return c.json({});
  });
