// Serves the GitHub OAuth stand-in (scripts/lib/github-oauth-standin.ts) on a loopback port, for
// the browser sign-in test and the auth benchmark, and signs in through it without a browser.
// Node only.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { GithubOAuthStandin } from './github-oauth-standin.ts';

const HOST = '127.0.0.1';
const API_PREFIX = '/api/v3';

/**
 * Starts the stand-in with `users` able to sign in. `vars` point a portal (startPortal's `vars`)
 * at it: OAuth client, OAuth endpoints and the API `GET /user` is read from.
 * @param {{ users?: import('./github-oauth-standin.ts').StandinUser[], port?: number }} [options]
 */
export async function startGithubOAuthStandin({ users = [], port = 0 } = {}) {
  const clientId = `standin-${randomBytes(6).toString('hex')}`;
  const clientSecret = randomBytes(24).toString('base64url');
  const oauth = new GithubOAuthStandin({ clientId, clientSecret, apiPrefix: API_PREFIX });
  for (const user of users) oauth.addUser(user);
  const server = createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const response = await oauth.fetch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error?.stack ?? error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  const url = `http://${HOST}:${server.address().port}`;
  return {
    url,
    oauth,
    vars: {
      AUTH_GITHUB_CLIENT_ID: clientId,
      AUTH_GITHUB_CLIENT_SECRET: clientSecret,
      AUTH_GITHUB_OAUTH_URL: `${url}/login/oauth`,
      GITHUB_API_URL: `${url}${API_PREFIX}`,
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cookieOf = (res, name) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

/**
 * Signs in to a portal as GitHub user `login` the way a browser would (start, consent,
 * callback), without one. Resolves with the session cookie (`name=value`).
 */
export async function signInWithoutBrowser(portalUrl, standin, login) {
  const start = await fetch(`${portalUrl}/api/auth/github/start`, { redirect: 'manual' });
  const transaction = cookieOf(start, '__Host-greenroom-oauth');
  standin.oauth.nextLogin = login;
  try {
    const consent = await fetch(start.headers.get('location'), { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location'), { redirect: 'manual', headers: { cookie: transaction } });
    const session = cookieOf(callback, '__Host-greenroom-session');
    if (!session) throw new Error(`Signing in as ${login} answered ${callback.status} ${callback.headers.get('location') ?? (await callback.text())}`);
    return session;
  } finally {
    standin.oauth.nextLogin = undefined;
  }
}
