import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from 'arctic';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { EncryptJWT, jwtDecrypt } from 'jose';
import type { AuthConfig, Config } from '../config';
import type { AppEnv } from '../env';
import { AuthenticationError, InputError, NotConfiguredError } from '../lib/errors';
import type { GithubProfile } from './identity';
import { safeReturnPath } from './return-path';

// arctic's generic OAuth2Client rather than its GitHub class: that one has github.com's
// endpoints built in (no GitHub Enterprise, no local stand-in) and sends no PKCE challenge,
// which GitHub now checks when given.

/** The OAuth transaction (state, PKCE verifier, where to return), encrypted in a short-lived cookie. */
export const OAUTH_COOKIE = '__Host-greenroom-oauth';
const OAUTH_TTL_S = 10 * 60;
/** Profile, plus organisation and team membership for `AUTH_ALLOWED_ORGS` and role grants. */
const GITHUB_SCOPES = ['read:user', 'read:org'];

const callbackUrl = (c: Context<AppEnv>) => `${new URL(c.req.url).origin}/api/auth/github/handler/frame`;

function client(c: Context<AppEnv>): { oauth: OAuth2Client; config: AuthConfig } {
  const config = c.var.config.auth;
  if (!config.github) throw new NotConfiguredError('GitHub sign-in is not configured: set AUTH_GITHUB_CLIENT_ID and AUTH_GITHUB_CLIENT_SECRET');
  return { oauth: new OAuth2Client(config.github.clientId, config.github.clientSecret, callbackUrl(c)), config };
}

/** Redirects to GitHub's consent page with a fresh state and PKCE challenge, remembered in the encrypted cookie. */
export async function startSignIn(c: Context<AppEnv>, key: Uint8Array): Promise<Response> {
  const { oauth, config } = client(c);
  const state = generateState();
  const verifier = generateCodeVerifier();
  const url = oauth.createAuthorizationURLWithPKCE(`${config.oauthUrl}/authorize`, state, CodeChallengeMethod.S256, verifier, GITHUB_SCOPES);
  const returnTo = safeReturnPath(c.req.query('redirect'));
  const sealed = await new EncryptJWT({ state, verifier, returnTo })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${OAUTH_TTL_S}s`)
    .encrypt(key);
  // Lax so the cookie comes back on GitHub's top-level redirect to the callback.
  setCookie(c, OAUTH_COOKIE, sealed, { httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: OAUTH_TTL_S });
  return c.redirect(url.toString(), 302);
}

/**
 * Checks the callback against the transaction cookie (same state, not expired), exchanges the
 * code with the PKCE verifier, and asks GitHub who signed in. The cookie is spent either way.
 */
export async function finishSignIn(c: Context<AppEnv>, key: Uint8Array): Promise<{ profile: GithubProfile; returnTo: string }> {
  const { oauth, config } = client(c);
  const sealed = getCookie(c, OAUTH_COOKIE);
  deleteCookie(c, OAUTH_COOKIE, { path: '/', secure: true });
  let transaction: Record<string, unknown>;
  try {
    if (!sealed) throw new Error();
    ({ payload: transaction } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] }));
  } catch {
    throw new InputError('The sign-in has no valid state (expired, or started in another browser); sign in again');
  }
  const state = c.req.query('state');
  const code = c.req.query('code');
  if (typeof transaction.state !== 'string' || typeof transaction.verifier !== 'string' || !state || state !== transaction.state) {
    throw new InputError('The sign-in state does not match; sign in again');
  }
  if (!code) throw new InputError('GitHub sent no code');
  let accessToken: string;
  try {
    const tokens = await oauth.validateAuthorizationCode(`${config.oauthUrl}/access_token`, code, transaction.verifier);
    accessToken = tokens.accessToken();
  } catch {
    // GitHub answers a bad code, verifier or client with HTTP 200 and an `error` field, which arctic reports as a missing token.
    throw new AuthenticationError('GitHub did not accept the sign-in; sign in again');
  }
  return { profile: await githubProfile(c.var.config, accessToken), returnTo: safeReturnPath(transaction.returnTo as string | undefined) };
}

async function githubGet<T>(config: Config, path: string, token: string): Promise<T> {
  const res = await fetch(`${config.github.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'user-agent': 'greenroom', 'x-github-api-version': '2022-11-28' },
    redirect: 'manual',
  });
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new AuthenticationError(`GitHub refused to say who signed in (GET ${path}: HTTP ${res.status})`);
  }
  return (await res.json()) as T;
}

/** Who signed in, and which organisations and teams they are in (first 100 of each). */
async function githubProfile(config: Config, token: string): Promise<GithubProfile> {
  const [user, orgs, teams] = await Promise.all([
    githubGet<{ login: string; name?: string | null; email?: string | null; avatar_url?: string | null }>(config, '/user', token),
    githubGet<{ login: string }[]>(config, '/user/orgs?per_page=100', token),
    githubGet<{ slug: string; organization: { login: string } }[]>(config, '/user/teams?per_page=100', token),
  ]);
  if (typeof user.login !== 'string' || !user.login) throw new AuthenticationError('GitHub sent no login');
  return {
    login: user.login,
    name: user.name ?? null,
    email: user.email ?? null,
    avatarUrl: user.avatar_url ?? null,
    orgs: orgs.map((o) => o.login.toLowerCase()),
    teams: teams.map((t) => `${t.organization.login}/${t.slug}`.toLowerCase()),
  };
}
