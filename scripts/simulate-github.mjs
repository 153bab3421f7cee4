#!/usr/bin/env node
// `npm run simulate`: watch repositories register themselves, without GitHub.
//
// Starts a stand-in for GitHub's API on a loopback port, serving recorded data
// (scripts/lib/github-recording.json: an organisation, its teams and members, repositories and
// their files), and a local portal (the Worker served locally, its own database) whose GitHub App points at
// the stand-in. Then it plays GitHub: it sends signed webhooks built from GitHub's own example
// payloads (@octokit/webhooks-examples) as changes happen — the App installed, a repository
// created, a push, a team change, an archive — and shows how long each takes to be readable
// through the catalog API. The portal keeps running afterwards: press Enter to push another
// change, Ctrl-C to stop.
//
//   npm run simulate                    portal on http://127.0.0.1:8787 (or a free port)
//   npm run simulate -- --port 8800     choose the portal's port
//   npm run simulate -- --once          play the story and exit (a smoke check)

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { freePort, startPortal } from './lib/portal.mjs';
import { startGithubStandin } from './lib/github-standin-server.mjs';

const RECORDING = JSON.parse(readFileSync(new URL('./lib/github-recording.json', import.meta.url), 'utf8'));
const CATALOG_PATHS = 'catalog-info.yaml,services/*/catalog-info.yaml';
const WAIT_MS = 30_000;

const say = (line) => console.log(`\x1b[1m[simulate]\x1b[0m ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const options = { port: undefined, once: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--once') options.once = true;
    else if (argv[i] === '--port' && Number.isInteger(Number(argv[i + 1]))) options.port = Number(argv[++i]);
    else {
      console.error(`Unknown option ${argv[i]}\nusage: npm run simulate -- [--port N] [--once]`);
      process.exit(2);
    }
  }
  return options;
}

/** Loads the recording into the stand-in and installs the App on the organisation. */
function loadRecording(github) {
  const org = github.addOrg(RECORDING.organization.login, [], RECORDING.organization);
  for (const m of RECORDING.members) github.addMember(org, m.login, m);
  for (const t of RECORDING.teams) github.addTeam(org, t.slug, t);
  const repos = RECORDING.repositories.map((r) => github.addRepo(org.account, r.name, r.files));
  return { org, repos, installation: github.install(org.account) };
}

async function getJson(url) {
  const res = await fetch(url);
  return res.status === 200 ? res.json() : undefined;
}

/** Polls until `check` answers something truthy; resolves with it and the milliseconds since `start`. */
async function until(check, start = performance.now()) {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await check();
    if (value) return { value, ms: Math.round(performance.now() - start) };
    if (Date.now() > deadline) throw new Error('Gave up waiting after 30 s; see GET /api/github/status and /api/github/failures');
    await sleep(20);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const standin = await startGithubStandin({ catalogPaths: CATALOG_PATHS });
  const { github, hooks } = standin;
  const { org, repos, installation } = loadRecording(github);
  say(`GitHub stand-in on ${standin.url}: organisation ${org.account.login}, ${repos.length} repositories, ${org.teams.size} teams, ${org.members.size} members.`);

  const persistTo = mkdtempSync(join(tmpdir(), 'greenroom-simulate-'));
  const port = options.port ?? ((await isFree(8787)) ? 8787 : await freePort());
  say(`Starting a portal on http://127.0.0.1:${port} whose GitHub App talks to the stand-in (GITHUB_API_URL=${standin.url})...`);
  const portal = await startPortal({ port, persistTo, vars: standin.vars, logLevel: 'error' });
  const api = portal.url;
  const cleanup = async () => {
    await portal.stop();
    await standin.close();
    rmSync(persistTo, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cleanup().then(() => process.exit(130)));

  const entity = (kind, name) => getJson(`${api}/api/catalog/entities/by-name/${kind}/default/${name}`);
  const send = async (event, payload) => {
    const status = await standin.deliver(api, event, payload);
    if (status !== 202) throw new Error(`${event} was answered ${status}`);
    return performance.now();
  };

  await send('ping', hooks.ping());
  say('ping → 202 (verified with the webhook secret, nothing to do)');

  let t = await send('installation', hooks.installation('created', installation));
  const { value: discovery, ms: discoveredIn } = await until(async () => {
    const s = await getJson(`${api}/api/github/status`);
    return s?.idle && s.runs[0]?.finished ? s : undefined;
  }, t);
  const run = discovery.runs[0];
  say(`installation.created → discovery: ${run.repositories.done}/${run.repositories.total} repositories, organisation synced, in ${discoveredIn} ms`);
  const items = await getJson(`${api}/api/catalog/entities?fields=kind,metadata.name`);
  say(`  the catalog now has: ${items.map((e) => `${e.kind.toLowerCase()}:${e.metadata.name}`).join(', ')}`);

  const recipes = github.addRepo(org.account, 'recipes', {
    'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: recipes\n  description: Meal ideas built from what is in season\nspec:\n  type: service\n  lifecycle: experimental\n  owner: web\n',
  });
  say(`A new repository ${org.account.login}/recipes is created with a catalog-info.yaml...`);
  t = await send('repository', hooks.repository('created', recipes));
  say(`  repository.created → component:default/recipes readable after ${(await until(() => entity('component', 'recipes'), t)).ms} ms`);

  github.files(recipes).set('catalog-info.yaml', github.files(recipes).get('catalog-info.yaml').replace('experimental', 'production'));
  t = await send('push', hooks.push(recipes));
  say(`  push (lifecycle experimental → production) → visible after ${(await until(async () => (await entity('component', 'recipes'))?.spec.lifecycle === 'production', t)).ms} ms`);

  org.teams.get('checkout').members.add('lea-fontaine');
  t = await send('membership', hooks.membership('added', org, 'checkout', 'lea-fontaine'));
  const lea = await until(async () => ((await entity('user', 'lea-fontaine'))?.spec.memberOf.includes('checkout') ? true : undefined), t);
  say(`  membership.added (lea-fontaine → checkout) → user:default/lea-fontaine is a member after ${lea.ms} ms`);

  recipes.archived = true;
  t = await send('repository', hooks.repository('archived', recipes));
  say(`  repository.archived → component:default/recipes retired after ${(await until(async () => !(await entity('component', 'recipes')), t)).ms} ms`);

  if (options.once) {
    await cleanup();
    return;
  }
  say(`The portal is running: open ${api}/ (catalog API: ${api}/api/catalog/entities, GitHub status: ${api}/api/github/status).`);
  say('Press Enter to push a change to storefront, Ctrl-C to stop.');
  const storefront = repos[0];
  let version = 1;
  const rl = createInterface({ input: process.stdin });
  rl.on('line', async () => {
    version++;
    const files = github.files(storefront);
    files.set('catalog-info.yaml', files.get('catalog-info.yaml').replace(/description: .*/, `description: The web shop (revision ${version})`));
    const sent = await send('push', hooks.push(storefront));
    const seen = await until(async () => (await entity('component', 'storefront'))?.metadata.description?.endsWith(`(revision ${version})`), sent);
    say(`push → storefront revision ${version} visible after ${seen.ms} ms`);
  });
}

function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});
