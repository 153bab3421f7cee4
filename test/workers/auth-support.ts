import { env, SELF } from 'cloudflare:test';
import { vi } from 'vitest';
import { GithubOAuthStandin, type StandinUser } from '../../scripts/lib/github-oauth-standin';
import type { Scope } from '../../worker/auth/actions';
import type { Identity } from '../../worker/auth/identity';
import { createToken } from '../../worker/auth/tokens';
import { d1Store } from './support';

/** Someone the test policy (vitest.config.mts) makes an admin: in GitHub team acme/platform. */
export const ADMIN_IDENTITY: Identity = {
  userEntityRef: 'user:default/ada',
  ownershipEntityRefs: ['user:default/ada'],
  displayName: 'Ada',
  github: { login: 'ada', orgs: ['acme'], teams: ['acme/platform'] },
  inCatalog: false,
};

/** A fresh API token acting as `identity` within `scopes`: the secret for `Authorization: Bearer`. */
export async function apiToken(identity: Identity, scopes: Scope[], days = 1): Promise<string> {
  return (await createToken(d1Store().db, identity, { name: 'test', scopes, days })).secret;
}

/** A deployed portal's origin: never local, so never a guest. */
export const DEPLOYED = 'https://greenroom.example.com';

/** The GitHub accounts of the tests' organisation, acme. */
export const ACCOUNTS: StandinUser[] = [
  { login: 'ada', name: 'Ada Admin', orgs: ['acme'], teams: ['acme/platform'] },
  { login: 'mia', name: 'Mia Member', orgs: ['acme'], teams: ['acme/web'] },
  { login: 'bob', name: 'Bob Owner', orgs: ['acme'], teams: ['acme/payments'] },
  { login: 'vic', name: 'Vic Viewer', orgs: ['elsewhere'] },
  { login: 'nobody', name: 'Not In The Catalog', orgs: ['acme'] },
  { login: 'boss', name: 'Admin Before The Catalog', orgs: ['acme'], teams: ['acme/platform'] },
];

/** Descriptors of acme's catalog: a group tree, users (found by annotation or by name), and owned components. */
export const ACME_CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: acme }
spec: { type: organization, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments }
spec: { type: team, parent: acme, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: payments-backend }
spec: { type: team, parent: payments, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: web }
spec: { type: team, parent: acme, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada.lovelace, annotations: { github.com/user-login: ada } }
spec: { profile: { displayName: Ada Lovelace, email: ada@acme.example }, memberOf: [acme] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: mia, annotations: { github.com/user-login: mia } }
spec: { memberOf: [web] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { profile: { displayName: Bob Builder }, memberOf: [payments-backend] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: vic }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: checkout }
spec: { type: service, lifecycle: production, owner: payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront }
spec: { type: website, lifecycle: production, owner: web }
`;

export const RAW = 'https://raw.githubusercontent.com/acme/catalog/main';

/** A component file owned by `owner`, for a location of its own. */
export const componentFile = (name: string, owner: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: ${name} }\nspec: { type: service, lifecycle: production, owner: ${owner} }\n`;

/**
 * GitHub at the HTTP boundary for sign-in tests: the OAuth stand-in answers the configured OAuth
 * and API URLs, `files` answers raw file URLs, everything else is a 404 (and recorded).
 */
export function stubOutbound(files: Record<string, string> = {}): { oauth: GithubOAuthStandin; elsewhere: string[] } {
  const oauth = new GithubOAuthStandin({
    clientId: env.AUTH_GITHUB_CLIENT_ID as string,
    clientSecret: env.AUTH_GITHUB_CLIENT_SECRET as string,
    apiPrefix: new URL(env.GITHUB_API_URL as string).pathname,
  });
  ACCOUNTS.forEach((a) => oauth.addUser(a));
  const elsewhere: string[] = [];
  const oauthOrigin = new URL(env.AUTH_GITHUB_OAUTH_URL as string).origin;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${oauthOrigin}/`)) return oauth.fetch(request);
    const body = files[request.url];
    if (body !== undefined) return new Response(body);
    elsewhere.push(request.url);
    return new Response('Not Found', { status: 404 });
  });
  return { oauth, elsewhere };
}

/** Registers a location as the local guest admin; returns the location id and its entities. */
export async function registerAsGuest(target: string): Promise<{ id: string; entities: { metadata: { uid: string; name: string } }[] }> {
  const res = await SELF.fetch('http://localhost/api/catalog/locations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'url', target }),
  });
  if (res.status !== 201) throw new Error(`registering ${target}: ${res.status} ${await res.text()}`);
  const { location, entities } = (await res.json()) as { location: { id: string }; entities: { metadata: { uid: string; name: string } }[] };
  return { id: location.id, entities };
}

/** The `name=value` of a Set-Cookie header for `name`, if the response sets it. */
export function cookieFrom(res: Response, name: string): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0];
}

/** The Worker as a browser would reach it: never following redirects, so each hop can be checked. */
export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;
export const viaSelf: Fetcher = (url, init) => SELF.fetch(url, { redirect: 'manual', ...init });

/**
 * Signs in through the whole OAuth dance as GitHub user `login`: start, the stand-in's consent,
 * the callback. Returns the callback's response and the session cookie it set, if any.
 */
export async function signIn(oauth: GithubOAuthStandin, login: string, { origin = DEPLOYED, fetcher = viaSelf, redirect = '/catalog' } = {}) {
  const start = await fetcher(`${origin}/api/auth/github/start?redirect=${encodeURIComponent(redirect)}`);
  const authorizeUrl = start.headers.get('location');
  const transaction = cookieFrom(start, '__Host-greenroom-oauth');
  if (start.status !== 302 || !authorizeUrl || !transaction) throw new Error(`start answered ${start.status}`);
  oauth.nextLogin = login;
  const consent = await oauth.fetch(new Request(authorizeUrl));
  oauth.nextLogin = undefined;
  const callback = await fetcher(consent.headers.get('location')!, { headers: { cookie: transaction } });
  return { start, authorizeUrl: new URL(authorizeUrl), callback, cookie: cookieFrom(callback, '__Host-greenroom-session') };
}

/** Signs in and returns just the session cookie, failing loudly if sign-in did not succeed. */
export async function sessionFor(oauth: GithubOAuthStandin, login: string, origin = DEPLOYED): Promise<string> {
  const { callback, cookie } = await signIn(oauth, login, { origin });
  if (!cookie) throw new Error(`sign-in as ${login} answered ${callback.status} ${callback.headers.get('location')}`);
  return cookie;
}

/** Empties the auth tables. */
export async function clearAuth(): Promise<void> {
  await env.DB.batch(['auth_sessions', 'auth_tokens', 'auth_audit', 'auth_rate_limits'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
}
