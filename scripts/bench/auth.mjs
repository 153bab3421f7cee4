#!/usr/bin/env node
// The cost of sign-in checks and the permission policy on every API request, against a local
// portal and the GitHub OAuth stand-in.
//
//   node scripts/bench/auth.mjs [--requests 500]
//
// Four kinds of request, interleaved so drift hits them alike:
//   health   GET /api/health: the gate matches the route and stops (public)
//   guest    GET /api/catalog/entities?limit=1 as the local guest: policy, no credential to check
//   session  the same with a session cookie: JWT verified, session row, policy
//   token    the same with an API token: secret hashed, token row, policy
// For each: the `auth` phase of the Worker's Server-Timing header (server time, the target is
// <= 1 ms) and the latency the client saw. Local workerd's clock moves in whole milliseconds
// (a deployed Worker's only across I/O), so the server figure shows the database reads the gate
// makes (cold isolates, expired cache entries), not its few microseconds of CPU; the client-side
// difference to `guest` bounds that CPU cost.
// `scripts/bench.mjs` calls benchAuth(); run alone, this file starts its own stand-in and
// portal and writes bench-results/auth.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantile } from '../lib/bench-load.mjs';
import { signInWithoutBrowser, startGithubOAuthStandin } from '../lib/github-oauth-standin-server.mjs';
import { freePort, startPortal } from '../lib/portal.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WARMUP = 20;
const TARGET_MS = 1;
const ADMIN = 'bench-admin';

/** The `auth` duration from a Server-Timing header (0 when the phase took no measurable time). */
function authPhase(header) {
  const match = /(?:^|,\s*)auth;dur=([\d.]+)/.exec(header ?? '');
  return match ? Number(match[1]) : 0;
}

async function sample(url, headers) {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  const clientMs = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  return { serverMs: authPhase(res.headers.get('server-timing')), clientMs };
}

const summary = (samples) => ({
  serverAuthP50Ms: quantile(samples.map((s) => s.serverMs), 0.5),
  serverAuthP95Ms: quantile(samples.map((s) => s.serverMs), 0.95),
  serverAuthMaxMs: quantile(samples.map((s) => s.serverMs), 1),
  clientP50Ms: quantile(samples.map((s) => s.clientMs), 0.5),
  clientP95Ms: quantile(samples.map((s) => s.clientMs), 0.95),
});

/**
 * Measures the auth layer's overhead per request. Pass `{ url, standin }` to use a portal you
 * started with `startPortal({ vars: { ...standin.vars, AUTH_POLICY } })` where `standin` is
 * `await startGithubOAuthStandin()` and the policy makes GitHub user `bench-admin` an admin
 * (`{"roles":{"admin":["github-user:bench-admin"]}}`); `stop`, if given, is called at the end.
 * Without `url`, a stand-in and a portal are started and stopped here.
 * @param {{ url?: string, standin?: Awaited<ReturnType<typeof startGithubOAuthStandin>>, stop?: () => Promise<void>,
 *   requests?: number, log?: (line: string) => void }} [options]
 */
export async function benchAuth({ url, standin, stop, requests = 500, log = (l) => console.log(`[bench:auth] ${l}`) } = {}) {
  if (url !== undefined && standin === undefined) throw new Error('benchAuth: a portal `url` needs the `standin` it was started with');
  const github = standin ?? (await startGithubOAuthStandin());
  github.oauth.addUser({ login: ADMIN, name: 'Bench Admin', orgs: [] });
  let persistTo;
  let portal;
  if (url === undefined) {
    persistTo = mkdtempSync(join(tmpdir(), 'greenroom-bench-auth-'));
    const vars = { ...github.vars, AUTH_POLICY: JSON.stringify({ roles: { viewer: ['*'], admin: [`github-user:${ADMIN}`] } }) };
    portal = await startPortal({ port: await freePort(), persistTo, vars, logLevel: 'error' });
  }
  const base = url ?? portal.url;
  try {
    const cookie = await signInWithoutBrowser(base, github, ADMIN);
    const created = await fetch(`${base}/api/auth/tokens`, {
      method: 'POST',
      headers: { cookie, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', scopes: ['catalog:read'], expiresInDays: 1 }),
    });
    if (created.status !== 201) throw new Error(`creating a token answered ${created.status}: ${await created.text()}`);
    const { secret } = await created.json();
    const read = `${base}/api/catalog/entities?limit=1&fields=metadata.name`;
    const variants = {
      health: [`${base}/api/health`, {}],
      guest: [read, {}],
      session: [read, { cookie }],
      token: [read, { authorization: `Bearer ${secret}` }],
    };
    const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let i = 0; i < WARMUP + requests; i++) {
      for (const [name, [target, headers]] of Object.entries(variants)) {
        const s = await sample(target, headers);
        if (i >= WARMUP) samples[name].push(s);
      }
      if (i > WARMUP && (i - WARMUP) % 200 === 0) log(`${i - WARMUP}/${requests} rounds`);
    }
    const result = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, summary(s)]));
    const guest = result.guest.clientP50Ms;
    result.overhead = {
      targetMs: TARGET_MS,
      serverAuthP50Ms: Math.max(result.session.serverAuthP50Ms, result.token.serverAuthP50Ms),
      serverAuthP95Ms: Math.max(result.session.serverAuthP95Ms, result.token.serverAuthP95Ms),
      // What checking a credential adds to a request the policy already decides, as the client sees it.
      credentialClientP50Ms: Math.round(Math.max(result.session.clientP50Ms - guest, result.token.clientP50Ms - guest) * 100) / 100,
      requests,
    };
    result.overhead.withinTarget = result.overhead.serverAuthP50Ms <= TARGET_MS;
    for (const name of Object.keys(variants)) {
      const r = result[name];
      log(`${name.padEnd(8)} server auth p50 ${r.serverAuthP50Ms} ms, p95 ${r.serverAuthP95Ms} ms, max ${r.serverAuthMaxMs} ms; client p50 ${r.clientP50Ms} ms, p95 ${r.clientP95Ms} ms`);
    }
    log(`auth + policy per request: ${result.overhead.serverAuthP50Ms} ms server time at p50 (target <= ${TARGET_MS} ms), credential check +${result.overhead.credentialClientP50Ms} ms client-side`);
    return result;
  } finally {
    await portal?.stop();
    await stop?.();
    if (!standin) await github.close();
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const requests = args[0] === '--requests' ? Number(args[1]) : 500;
  if (!Number.isInteger(requests) || requests < 1 || (args.length && args[0] !== '--requests')) {
    console.error('usage: node scripts/bench/auth.mjs [--requests N]');
    process.exit(2);
  }
  const result = await benchAuth({ requests });
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'auth.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(result.overhead.withinTarget ? 0 : 1);
}
