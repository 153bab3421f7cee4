#!/usr/bin/env node
// GitHub self-registration benchmark, against a local portal and the GitHub stand-in.
//
//   node scripts/bench/github.mjs [--pushes 200] [--deliveries 5000] [--repos 250] [--concurrency 32]
//
// 1. Latency: `pushes` pushes to one repository, one after another; each changes the catalog
//    file, and the time from sending the webhook to the change being readable through
//    GET /api/catalog/entities/by-name is measured (p50/p95).
// 2. Storm: `deliveries` webhooks about `repos` repositories — pushes, repositories created and
//    deleted — 20% of them duplicates (the same X-GitHub-Delivery sent again), all in random
//    order, `concurrency` in flight. Measured: deliveries accepted per second, the time until
//    the catalog has converged, and an exact check of the final catalog against GitHub's final
//    state (no component lost, stale or extra).
// `scripts/bench.mjs` calls benchGithub(); run alone, this file starts its own stand-in and
// portal and writes bench-results/github.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile } from '../lib/bench-load.mjs';
import { postDelivery, startGithubStandin } from '../lib/github-standin-server.mjs';
import { freePort, startPortal } from '../lib/portal.mjs';
import { prng, shuffle } from '../lib/prng.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POLL_MS = 5;
const CONVERGE_TIMEOUT_MS = 10 * 60_000;
const SEED = 5000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const descriptor = (name, revision) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: revision ${revision}\nspec:\n  type: service\n  lifecycle: production\n  owner: bench\n`;

/** GETs JSON; undefined for 404 (not there yet), an error for any other failure. */
async function getJson(url) {
  const res = await fetch(url);
  if (res.status === 404) {
    await res.arrayBuffer();
    return undefined;
  }
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

async function waitIdle(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await getJson(`${url}/api/github/status`);
    if (status?.idle) return status;
    if (Date.now() > deadline) throw new Error(`GitHub work did not settle: ${JSON.stringify(status)}`);
    await sleep(50);
  }
}

/** Components in the catalog as name → description. */
async function components(url) {
  const items = await getJson(`${url}/api/catalog/entities?filter=kind=component&fields=metadata.name,metadata.description`);
  return new Map(items.map((e) => [e.metadata.name, e.metadata.description]));
}

/** How the catalog differs from what GitHub holds: lost, stale (old revision) and extra components. */
function compare(actual, expected) {
  const lost = [...expected.keys()].filter((n) => !actual.has(n));
  const stale = [...expected.keys()].filter((n) => actual.has(n) && actual.get(n) !== expected.get(n));
  const extra = [...actual.keys()].filter((n) => !expected.has(n));
  return { lost, stale, extra, equal: lost.length + stale.length + extra.length === 0 };
}

async function measureLatency({ url, standin, repo, pushes, log }) {
  const samples = [];
  for (let i = 1; i <= pushes; i++) {
    standin.github.files(repo).set('catalog-info.yaml', descriptor(repo.name, i));
    const started = performance.now();
    const status = await standin.deliver(url, 'push', standin.hooks.push(repo));
    if (status !== 202) throw new Error(`push ${i} answered ${status}`);
    for (;;) {
      const entity = await getJson(`${url}/api/catalog/entities/by-name/component/default/${repo.name}`);
      if (entity?.metadata.description === `revision ${i}`) break;
      if (performance.now() - started > 30_000) throw new Error(`push ${i} not visible after 30 s`);
      await sleep(POLL_MS);
    }
    samples.push(performance.now() - started);
    if (i % 50 === 0) log(`latency: ${i}/${pushes} pushes, p50 ${quantile(samples, 0.5)} ms so far`);
  }
  return { pushes, p50Ms: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95), maxMs: quantile(samples, 1) };
}

/** Plays `unique` changes on the stand-in (pushes, creations, deletions), signing the webhook of each as it happens. */
async function stormStory({ standin, org, repos, unique, random }) {
  const { github, hooks } = standin;
  const live = [...repos];
  const revision = new Map(live.map((r) => [r.id, 0]));
  const deliveries = [];
  let created = 0;
  for (let i = 0; i < unique; i++) {
    const roll = random();
    if (roll < 0.05) {
      const repo = github.addRepo(org.account, `storm-new-${++created}`, { 'catalog-info.yaml': descriptor(`storm-new-${created}`, 0) });
      live.push(repo);
      revision.set(repo.id, 0);
      deliveries.push(await standin.sign('repository', hooks.repository('created', repo)));
    } else if (roll < 0.1 && live.length > 1) {
      const [repo] = live.splice(Math.floor(random() * live.length), 1);
      deliveries.push(await standin.sign('repository', hooks.repository('deleted', repo)));
      github.repos.delete(repo.id);
    } else {
      const repo = live[Math.floor(random() * live.length)];
      const next = revision.get(repo.id) + 1;
      revision.set(repo.id, next);
      github.files(repo).set('catalog-info.yaml', descriptor(repo.name, next));
      deliveries.push(await standin.sign('push', hooks.push(repo)));
    }
  }
  const expected = new Map(live.map((r) => [r.name, `revision ${revision.get(r.id)}`]));
  return { deliveries, expected };
}

async function measureStorm({ url, standin, org, repos, total, duplicateShare, concurrency, extraExpected, log }) {
  const random = prng(SEED);
  const unique = Math.round(total * (1 - duplicateShare));
  const { deliveries, expected } = await stormStory({ standin, org, repos, unique, random });
  for (const [name, description] of extraExpected) expected.set(name, description);
  const duplicates = Array.from({ length: total - unique }, () => deliveries[Math.floor(random() * deliveries.length)]);
  const wire = shuffle([...deliveries, ...duplicates], random);
  const callsBefore = standin.github.calls.length;
  log(`storm: ${wire.length} deliveries (${duplicates.length} duplicates) about ${repos.length} repositories, ${concurrency} in flight...`);

  const started = performance.now();
  let next = 0;
  const statuses = new Map();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < wire.length) {
        const status = await postDelivery(url, wire[next++]);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const sentMs = performance.now() - started;
  const accepted = statuses.get(202) ?? 0;
  log(`storm: ${accepted} accepted in ${(sentMs / 1000).toFixed(1)} s; waiting for the catalog to converge...`);

  let diff;
  for (;;) {
    const status = await getJson(`${url}/api/github/status`);
    if (status?.idle) {
      diff = compare(await components(url), expected);
      if (diff.equal) break;
    }
    if (performance.now() - started > CONVERGE_TIMEOUT_MS) break;
    await sleep(100);
  }
  const convergedMs = performance.now() - started;
  const status = await getJson(`${url}/api/github/status`);
  return {
    deliveries: wire.length,
    duplicates: duplicates.length,
    answers: Object.fromEntries(statuses),
    acceptedPerSecond: Math.round((accepted / sentMs) * 1000),
    convergeMs: Math.round(convergedMs),
    githubApiCalls: standin.github.calls.length - callsBefore,
    finalCatalog: { expected: expected.size, lost: diff.lost.length, stale: diff.stale.length, extra: diff.extra.length, exact: diff.equal },
    failures: status?.failures,
  };
}

/**
 * Measures webhook-to-visible latency and a delivery storm. Pass `{ url, github }` to use a
 * portal you started with `startPortal({ vars: github.vars })` (its local guest reads the admin
 * route /api/github/status), where `github` is
 * `await startGithubStandin()` from scripts/lib/github-standin-server.mjs; `stop`, if given, is
 * called at the end (hand the portal over). Without `url`, a stand-in and a portal are started
 * and stopped here.
 * @param {{ url?: string, stop?: () => Promise<void>, github?: Awaited<ReturnType<typeof startGithubStandin>>,
 *   pushes?: number, deliveries?: number, repos?: number, concurrency?: number, duplicateShare?: number,
 *   log?: (line: string) => void }} [options]
 */
export async function benchGithub({ url, stop, github, pushes = 200, deliveries = 5000, repos = 250, concurrency = 32, duplicateShare = 0.2, log = (l) => console.log(`[bench:github] ${l}`) } = {}) {
  if (url !== undefined && github === undefined) throw new Error('benchGithub: a portal `url` needs the `github` stand-in it was started with');
  const own = url === undefined;
  const standin = github ?? (await startGithubStandin());
  let persistTo;
  let portal;
  if (own) {
    persistTo = mkdtempSync(join(tmpdir(), 'greenroom-bench-github-'));
    portal = await startPortal({ port: await freePort(), persistTo, vars: standin.vars, logLevel: 'error' });
  }
  const base = url ?? portal.url;
  try {
    const org = standin.github.addOrg('bench', ['bench-bot']);
    const stormRepos = Array.from({ length: repos }, (_, i) => standin.github.addRepo(org.account, `storm-${i}`, { 'catalog-info.yaml': descriptor(`storm-${i}`, 0) }));
    const latencyRepo = standin.github.addRepo(org.account, 'latency', { 'catalog-info.yaml': descriptor('latency', 0) });
    const installation = standin.github.install(org.account);
    const t0 = performance.now();
    await standin.deliver(base, 'installation', standin.hooks.installation('created', installation));
    await waitIdle(base, CONVERGE_TIMEOUT_MS);
    const discovery = { repositories: repos + 1, ms: Math.round(performance.now() - t0) };
    log(`discovery of ${discovery.repositories} repositories: ${discovery.ms} ms`);

    const latency = await measureLatency({ url: base, standin, repo: latencyRepo, pushes, log });
    log(`latency over ${pushes} pushes: p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms`);
    const storm = await measureStorm({
      url: base,
      standin,
      org,
      repos: stormRepos,
      total: deliveries,
      duplicateShare,
      concurrency,
      extraExpected: [['latency', `revision ${pushes}`]],
      log,
    });
    log(
      `storm: ${storm.acceptedPerSecond} deliveries/s accepted, converged in ${(storm.convergeMs / 1000).toFixed(1)} s, ` +
        `final catalog ${storm.finalCatalog.exact ? 'exact' : 'WRONG'} (${storm.finalCatalog.expected} components; lost ${storm.finalCatalog.lost}, stale ${storm.finalCatalog.stale}, extra ${storm.finalCatalog.extra})`,
    );
    return { discovery, latency, storm };
  } finally {
    await portal?.stop();
    await stop?.();
    if (!github) await standin.close();
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const options = {};
  const names = { '--pushes': 'pushes', '--deliveries': 'deliveries', '--repos': 'repos', '--concurrency': 'concurrency' };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value < 1) {
      console.error(`usage: node scripts/bench/github.mjs [--pushes N] [--deliveries N] [--repos N] [--concurrency N]`);
      process.exit(2);
    }
    options[key] = value;
    i++;
  }
  return options;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Exiting (rather than dying of the signal) runs portal.mjs's exit hook, which stops the Worker server.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  const result = await benchGithub(parseArgs(process.argv.slice(2)));
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'github.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  process.exit(result.storm.finalCatalog.exact ? 0 : 1);
}
