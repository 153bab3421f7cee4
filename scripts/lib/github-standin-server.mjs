// Serves the GitHub stand-in (scripts/lib/github-standin.ts) on a loopback port and signs
// webhooks for it, for `npm run simulate` and the GitHub benchmark. Node only.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { GithubStandin } from './github-standin.ts';
import { signDelivery, WebhookFactory } from './github-webhooks.ts';

const HOST = '127.0.0.1';
// Web host of the simulated repositories' URLs: reserved for testing, so no link leads anywhere real.
const WEB_HOST = 'github.test';
const APP_ID = '4242';

/** Answers Node HTTP requests with a Web-standard handler. */
function listen(handler, port) {
  const server = createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error?.stack ?? error));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => resolve(server));
  });
}

/**
 * Starts a GitHub stand-in on `port` (any free one by default) with a fresh App key pair and
 * webhook secret. `vars` configures a portal (startPortal's `vars`) to use it as its GitHub;
 * `deliver` sends a signed webhook to a portal.
 * @param {{ port?: number, catalogPaths?: string }} [options]
 */
export async function startGithubStandin({ port = 0, catalogPaths = 'catalog-info.yaml' } = {}) {
  // GitHub issues App keys as PKCS#1, so the portal gets one in that form.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const secret = randomBytes(24).toString('base64url');
  let github;
  const server = await listen((request) => github.fetch(request), port);
  const url = `http://${HOST}:${server.address().port}`;
  github = new GithubStandin({ apiUrl: url, webHost: WEB_HOST, appId: APP_ID, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) });
  const examples = createRequire(import.meta.url)('@octokit/webhooks-examples');
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' });
  return {
    url,
    github,
    hooks: new WebhookFactory(examples, github),
    vars: {
      GITHUB_API_URL: url,
      GITHUB_HOST: WEB_HOST,
      GITHUB_APP_ID: APP_ID,
      // One line, as it would sit in .dev.vars; the Worker turns `\n` back into line breaks.
      GITHUB_APP_PRIVATE_KEY: pkcs1.trim().replace(/\n/g, '\\n'),
      GITHUB_WEBHOOK_SECRET: secret,
      GITHUB_CATALOG_PATHS: catalogPaths,
    },
    /** Signs and POSTs one delivery to a portal; resolves with the HTTP status. */
    async deliver(portalUrl, event, payload, id) {
      const delivery = await signDelivery(secret, event, payload, id);
      return postDelivery(portalUrl, delivery);
    },
    /** Signs a delivery without sending it (to send it later, or twice). */
    sign: (event, payload, id) => signDelivery(secret, event, payload, id),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** POSTs a signed delivery to a portal's webhook route; resolves with the HTTP status. */
export async function postDelivery(portalUrl, delivery) {
  const res = await fetch(`${portalUrl}/api/github/webhook`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  await res.arrayBuffer();
  return res.status;
}
