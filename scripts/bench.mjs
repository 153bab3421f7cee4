#!/usr/bin/env node
// `npm run bench`: loads generated catalogs through the ingestion path of a local portal and
// measures ingestion and the catalog API, beside Backstage's own figures on the same generator.
//
//   npm run bench                     N = 10,000 and N = 100,000
//   npm run bench -- --n 10000        one size
//   npm run bench -- --quick          smoke run: N = 2,000, 50 requests per query
//   options: --requests R (200) --concurrency C (8) --files K (N / 200) --keep (keep state dirs)
//            --ingest-only (load and check the catalog, skip the queries)
//            --on-disk (local D1's files in the temp dir instead of RAM, see stateRoot)
//            --only catalog,github,auth,techdocs,scaffolder,ui (default: all but ui); `ui` (scripts/bench/ui.mjs) runs in
//            Chromium against the catalog part's portal when both run, else loads its own N entities
//
// Each size: the generator (<repo>/../shared/bench/gen-catalog.mjs) writes N entities into K part
// files behind one catalog.yaml of Location entities; the folder is served over loopback HTTP and
// registered with POST /api/catalog/locations, and ingestion counts until every entity is readable
// and the sample entities carry exactly their expected relations. Then every entity's relation
// count is checked, and each query runs sequentially and from C concurrent clients.
// Before the sizes, a one-line Worker with no bindings is served the same way (Miniflare) and
// measured: the request path's floor without the portal.
// Results: a table on stdout and JSON in bench-results/ (git-ignored).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveFolder } from './serve-folder.mjs';
import { getJson, httpRequest, load, quantile, watchWorkerdMemory } from './lib/bench-load.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(ROOT, '..', 'shared');
const GENERATOR = join(SHARED, 'bench', 'gen-catalog.mjs');
// Backstage registered its 10k catalog the same way (50 files over loopback http), so that is the comparison.
const BACKSTAGE = join(SHARED, 'bench', 'backstage', 'backstage-n10000-url-register.json');
const ENTITIES_PER_FILE = 200;
const WARMUP = 10;
const PAGE_SIZE = 100;
const PAGING_RUNS = 3;
const POLL_MS = 200;
const API = '/api/catalog';
const RAM_DIR = '/dev/shm';

const say = (line) => console.log(`[bench] ${line}`);

function parseArgs(argv) {
  const o = { sizes: [10_000, 100_000], requests: 200, concurrency: 8, files: undefined, keep: false, quick: false, ingestOnly: false, onDisk: false, parts: ['catalog', 'github', 'auth', 'techdocs', 'scaffolder'], uiRuns: 9 };
  const num = (i) => {
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 1) usage(`${argv[i]} needs a positive integer`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--n') o.sizes = [num(i++)];
    else if (a === '--requests') o.requests = num(i++);
    else if (a === '--concurrency') o.concurrency = num(i++);
    else if (a === '--files') o.files = num(i++);
    else if (a === '--keep') o.keep = true;
    else if (a === '--ingest-only') o.ingestOnly = true;
    else if (a === '--on-disk') o.onDisk = true;
    else if (a === '--only') o.parts = String(argv[++i] ?? '').split(',').filter((p) => ['catalog', 'github', 'auth', 'techdocs', 'scaffolder', 'ui'].includes(p));
    else if (a === '--quick') Object.assign(o, { quick: true, sizes: [2_000], requests: 50, files: 40, uiRuns: 3 });
    else usage(`unknown option ${a}`);
  }
  return o;
}

function usage(problem) {
  console.error(`${problem}\nusage: npm run bench -- [--n N] [--quick] [--requests R] [--concurrency C] [--files K] [--keep] [--ingest-only] [--on-disk] [--only catalog,github,auth,techdocs,scaffolder,ui]`);
  process.exit(2);
}

async function importOrExit(path, what) {
  if (!existsSync(path)) {
    console.error(`[bench] ${what} not found at ${path}`);
    process.exit(1);
  }
  return import(pathToFileURL(path).href);
}

function machine() {
  const wrangler = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'wrangler', 'package.json'), 'utf8')).version;
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: release(),
    wrangler,
  };
}

/** Writes the catalog once per (N, K) into the temp dir; the generator is deterministic, so reuse is safe. */
function catalogFor(writeCatalog, n, files) {
  const dir = join(tmpdir(), `greenroom-bench-n${n}-f${files}`);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    say(`generating ${n} entities in ${files} files → ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    writeCatalog({ n, out: dir, files });
  }
  return { dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) };
}

/**
 * Where the portal's local D1 files go. Backstage's figures beside ours were measured with an
 * in-memory SQLite, so by default the state lives in RAM too (tmpfs) and neither side measures
 * this machine's disk; --on-disk, or a machine without /dev/shm, puts it in the temp dir.
 */
function stateRoot(opts) {
  return !opts.onDisk && existsSync(RAM_DIR) ? RAM_DIR : tmpdir();
}

// ---------- ingestion ----------

const relationKeys = (entity) => [...new Set((entity.relations ?? []).map((r) => `${r.type}|${r.targetRef}`))].sort();

async function samplesStitched(base, samples) {
  for (const s of samples) {
    const [kind, rest] = s.ref.split(':');
    const [ns, name] = rest.split('/');
    const res = await httpRequest(`${base}${API}/entities/by-name/${kind}/${ns}/${name}`);
    if (res.status !== 200) return false;
    if (relationKeys(JSON.parse(res.text)).join('\n') !== s.relations.join('\n')) return false;
  }
  return true;
}

/** Registers the catalog and waits until every entity is readable with its sample relations right. */
async function measureIngest(base, target, manifest, expectedTotal, timeoutMs) {
  const t0 = performance.now();
  const reg = await httpRequest(`${base}${API}/locations`, { method: 'POST', body: { type: 'url', target } });
  if (reg.status !== 201) throw new Error(`register → ${reg.status}: ${reg.text.slice(0, 300)}`);
  const registerResponseMs = Math.round(reg.ms);
  const locationId = JSON.parse(reg.text).location.id;
  const progress = [];
  let visibleMs;
  while (performance.now() - t0 < timeoutMs) {
    const { totalItems } = await getJson(`${base}${API}/entities/by-query?limit=0`);
    const ms = Math.round(performance.now() - t0);
    if (progress.at(-1)?.[1] !== totalItems) progress.push([ms, totalItems]);
    if (totalItems > expectedTotal) throw new Error(`${totalItems} entities readable, more than the ${expectedTotal} expected`);
    if (totalItems === expectedTotal) {
      visibleMs ??= ms;
      if (await samplesStitched(base, manifest.samples)) {
        const ingestMs = Math.round(performance.now() - t0);
        return { registerResponseMs, allVisibleMs: visibleMs, samplesStitchedMs: ingestMs, ingestMs, locationId, progress };
      }
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`ingestion incomplete after ${timeoutMs / 1000} s: progress ${JSON.stringify(progress.slice(-5))}`);
}

/** Walks a by-query result to its end; returns the items and per-page samples. */
async function walk(base, firstQuery, pageSize) {
  const pages = [];
  const items = [];
  let url = `${base}${API}/entities/by-query?${firstQuery}&limit=${pageSize}`;
  while (url) {
    const res = await httpRequest(url);
    if (res.status !== 200) throw new Error(`${url} → ${res.status}: ${res.text.slice(0, 300)}`);
    const body = JSON.parse(res.text);
    items.push(...body.items);
    pages.push(res);
    const next = body.pageInfo?.nextCursor;
    url = next ? `${base}${API}/entities/by-query?cursor=${encodeURIComponent(next)}&limit=${pageSize}` : '';
  }
  return { pages, items };
}

/** Checks kinds, location statuses and the relation count of every entity against the manifest. */
async function fullCheck(base, manifest, locationId, files) {
  const { facets } = await getJson(`${base}${API}/entity-facets?facet=kind`);
  const kinds = Object.fromEntries(facets.kind.map((f) => [f.value.toLowerCase(), f.count]));
  const expectedKinds = { ...manifest.counts, location: files + 1 };
  const kindMismatches = Object.entries(expectedKinds).filter(([k, c]) => kinds[k] !== c).map(([k, c]) => `${k}: ${kinds[k] ?? 0} ≠ ${c}`);
  const { keys } = await getJson(`${base}${API}/locations/${locationId}/status`);
  const keyErrors = keys.filter((k) => k.status !== 'ok').map((k) => `${k.key}: ${k.status} ${JSON.stringify(k.errors).slice(0, 200)}`);
  const fields = 'fields=kind,metadata.namespace,metadata.name,relations';
  const { items } = await walk(base, fields, 1000);
  const seen = new Map(items.map((e) => [`${e.kind.toLowerCase()}:${e.metadata.namespace}/${e.metadata.name}`, relationKeys(e).length]));
  const relationMismatches = Object.entries(manifest.relationCounts)
    .filter(([ref, count]) => seen.get(ref) !== count)
    .map(([ref, count]) => `${ref}: ${seen.get(ref) ?? 'missing'} ≠ ${count}`);
  const problems = [...kindMismatches, ...keyErrors, ...relationMismatches];
  return { entitiesChecked: items.length, kinds, problems: problems.length, firstProblems: problems.slice(0, 10) };
}

// ---------- queries ----------

/** The requests Backstage's figures measured (same names), plus the floor of the request path. */
function querySet(manifest) {
  const names = manifest.componentNames;
  const term = manifest.fullTextTerm;
  return [
    { name: 'health (request-path floor)', label: 'health (floor)', url: () => '/api/health' },
    { name: 'by-query kind=component limit=50', label: 'by-query kind=component', url: () => `${API}/entities/by-query?filter=kind=component&limit=50`, target: 'page' },
    {
      name: 'by-query (component+service) OR api limit=50',
      label: 'by-query (comp+service) OR api',
      url: () => `${API}/entities/by-query?filter=kind=component,spec.type=service&filter=kind=api&limit=50`,
      target: 'page',
    },
    {
      name: `by-query fullTextFilterTerm=${term} fields=metadata.name,metadata.title limit=50`,
      label: `by-query full text "${term}"`,
      url: () => `${API}/entities/by-query?fullTextFilterTerm=${term}&fullTextFilterFields=metadata.name,metadata.title&limit=50`,
      target: 'page',
    },
    // A stride co-prime with the count visits names all over the table rather than one hot region.
    { name: 'by-name component (rotating names)', label: 'by-name (rotating)', url: (i) => `${API}/entities/by-name/component/default/${names[(i * 7919) % names.length]}`, target: 'page' },
    { name: 'entity-facets kind,spec.type,metadata.tags', label: 'facets kind,spec.type,tags', url: () => `${API}/entity-facets?facet=kind&facet=spec.type&facet=metadata.tags`, target: 'facets' },
  ];
}

/** Issue's targets at 100,000 entities (server p95, wall p95), judged on the sequential run. */
const TARGETS = { page: { server: 5, wall: 15 }, facets: { server: 20, wall: 15 } };

/** Warm-up requests, then `opts.requests` sent one after another and again from `opts.concurrency` clients. */
async function measure(urlOf, opts) {
  await load(urlOf, { count: WARMUP, concurrency: 1 });
  const sequential = await load(urlOf, { count: opts.requests, concurrency: 1 });
  const concurrent = await load(urlOf, { count: opts.requests, concurrency: opts.concurrency });
  return { sequential, concurrent };
}

async function runQueries(base, manifest, opts) {
  const results = {};
  for (const q of querySet(manifest)) {
    const urlOf = (i) => `${base}${q.url(i)}`;
    // The first request after ingestion computes what later ones may reuse (totals, facets): shown apart.
    const firstRes = await httpRequest(urlOf(0));
    const first = { ms: Math.round(firstRes.ms * 10) / 10, serverMs: firstRes.serverMs };
    const { sequential, concurrent } = await measure(urlOf, opts);
    results[q.name] = { label: q.label, target: q.target ? TARGETS[q.target] : undefined, first, sequential, concurrent };
    say(`${q.name}: seq p50/p95 ${sequential.p50}/${sequential.p95} ms (server ${sequential.serverP50}/${sequential.serverP95}), c${opts.concurrency} ${concurrent.rps} req/s`);
  }
  return results;
}

async function runPaging(base, expected) {
  const runs = [];
  for (let r = 0; r < PAGING_RUNS; r++) {
    const t0 = performance.now();
    const { pages, items } = await walk(base, 'filter=kind=component', PAGE_SIZE);
    const wall = pages.map((p) => p.ms);
    const server = pages.map((p) => p.serverMs);
    runs.push({
      ms: Math.round(performance.now() - t0),
      pages: pages.length,
      items: items.length,
      pageP50: quantile(wall, 0.5),
      pageP95: quantile(wall, 0.95),
      serverP50: quantile(server, 0.5),
      serverP95: quantile(server, 0.95),
    });
  }
  if (runs.some((r) => r.items !== expected)) throw new Error(`cursor walk returned ${runs.map((r) => r.items)} components, expected ${expected}`);
  const median = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  // The first walk reads every page from the database; later ones may find pages the portal kept.
  return { pageSize: PAGE_SIZE, runs, first: runs[0], medianMs: median.ms, pages: median.pages, items: median.items, pageP50: median.pageP50, serverP50: median.serverP50 };
}

/** The floor of the local request path itself: a one-line Worker with no bindings, measured like the queries. */
async function measureBareFloor(tools, opts) {
  const bare = await tools.startBareWorker();
  try {
    const { sequential, concurrent } = await measure(() => `${bare.url}/`, opts);
    say(`bare Worker: seq p50/p95 ${sequential.p50}/${sequential.p95} ms, c${opts.concurrency} ${concurrent.rps} req/s`);
    return { sequential, concurrent };
  } finally {
    await bare.stop();
  }
}

// ---------- one size ----------

async function benchSize(n, opts, tools) {
  const files = opts.files ?? Math.max(1, Math.ceil(n / ENTITIES_PER_FILE));
  const { dir, manifest } = catalogFor(tools.writeCatalog, n, files);
  const expectedTotal = manifest.n + (files > 1 ? files : 0) + 1;
  const folderPort = await tools.freePort();
  const server = await serveFolder(dir, folderPort);
  const persistTo = mkdtempSync(join(stateRoot(opts), 'greenroom-bench-state-'));
  const memory = watchWorkerdMemory();
  say(`N = ${n}: starting the portal (state in ${persistTo})`);
  const portal = await tools.startPortal({ port: await tools.freePort(), persistTo, logLevel: 'error', stdio: 'inherit', healthTimeoutMs: 180_000 });
  try {
    const target = `http://127.0.0.1:${folderPort}/catalog.yaml`;
    say(`registering ${target}`);
    const ingest = await measureIngest(portal.url, target, manifest, expectedTotal, Math.max(300_000, n * 20));
    ingest.entitiesPerSecond = Math.round((n / ingest.ingestMs) * 1000);
    say(`ingested ${n} entities in ${(ingest.ingestMs / 1000).toFixed(1)} s (${ingest.entitiesPerSecond}/s); checking every entity`);
    const check = await fullCheck(portal.url, manifest, ingest.locationId, files > 1 ? files : 0);
    if (check.problems) say(`CHECK FAILED (${check.problems} problems): ${check.firstProblems.join('; ')}`);
    const result = { n, files, entitiesIncludingLocations: expectedTotal, ingest, check };
    if (!opts.ingestOnly) {
      result.queries = await runQueries(portal.url, manifest, opts);
      result.paging = await runPaging(portal.url, manifest.counts.component);
      say(`cursor walk: ${result.paging.pages} pages in ${result.paging.medianMs} ms`);
    }
    // The UI is measured against this very catalog rather than loading another.
    if (tools.benchUi) result.ui = await tools.benchUi({ url: portal.url, runs: opts.uiRuns });
    return { ...result, peakMemory: memory.stop() };
  } finally {
    await portal.stop();
    server.close();
    server.closeAllConnections();
    if (!opts.keep) rmSync(persistTo, { recursive: true, force: true });
  }
}

// ---------- report ----------

const fmt = (a, b) => (a === null || a === undefined ? '—' : `${a}/${b}`);
const pad = (s, w) => String(s).padEnd(w);
const padl = (s, w) => String(s).padStart(w);

function verdict(r) {
  if (!r.target) return '';
  const ok = r.sequential.serverP95 <= r.target.server && r.sequential.p95 <= r.target.wall;
  return `${ok ? 'ok' : 'MISS'} (≤${r.target.server}/≤${r.target.wall})`;
}

function printIngest(result, backstage) {
  const i = result.ingest;
  const bi = backstage?.ingest;
  console.log(`\nN = ${result.n.toLocaleString('en')} (${result.files} files; ${result.entitiesIncludingLocations} entities with Locations)`);
  console.log(`  ingest: ${(i.ingestMs / 1000).toFixed(1)} s → ${i.entitiesPerSecond} entities/s (register answered in ${i.registerResponseMs} ms; all visible at ${(i.allVisibleMs / 1000).toFixed(1)} s)` +
    (bi ? `   | Backstage 10k: ${(bi.allRelationsStitchedMs / 1000).toFixed(1)} s → ${Math.round(10_000_000 / bi.allRelationsStitchedMs)}/s` : ''));
  console.log(`  check: ${result.check.entitiesChecked} entities read back, ${result.check.problems ? `${result.check.problems} PROBLEMS` : 'all kinds, location keys and relation counts as expected'}`);
}

function printQueries(result, backstage, concurrency) {
  const bq = backstage?.queries ?? {};
  console.log(`  ${pad('query (ms; p50/p95)', 32)}${padl('1st wall/srv', 13)}${padl('seq wall', 12)}${padl('seq server', 12)}${padl(`c${concurrency} wall`, 12)}${padl(`c${concurrency} server`, 12)}${padl(`c${concurrency} req/s`, 11)}  ${pad('target srv/wall', 18)}| Backstage 10k: seq   c8 req/s`);
  for (const [name, r] of Object.entries(result.queries)) {
    const s = r.sequential;
    const c = r.concurrent;
    const b = bq[name];
    console.log(`  ${pad(r.label, 32)}${padl(fmt(r.first.ms, r.first.serverMs), 13)}${padl(fmt(s.p50, s.p95), 12)}${padl(fmt(s.serverP50, s.serverP95), 12)}${padl(fmt(c.p50, c.p95), 12)}${padl(fmt(c.serverP50, c.serverP95), 12)}${padl(c.rps, 11)}  ${pad(verdict(r), 18)}| ${b ? `${pad(fmt(b.sequential.p50, b.sequential.p95), 12)}${b.concurrency8.rps}` : ''}`);
  }
  const p = result.paging;
  const bp = backstage?.paging;
  const f = p.first;
  console.log(`  cursor walk, all components (${p.pageSize}/page): ${p.pages} pages, ${p.items} items in ${p.medianMs} ms (median of ${p.runs.length}); page p50 ${p.pageP50} ms, server ${p.serverP50} ms` +
    (bp ? `   | Backstage 10k: ${bp.runs[0].pages} pages in ${bp.medianMs} ms` : ''));
  console.log(`    first walk, every page read from the database: ${f.ms} ms; page p50/p95 ${fmt(f.pageP50, f.pageP95)} ms, server ${fmt(f.serverP50, f.serverP95)} ms`);
}

function printSize(result, backstage, concurrency) {
  printIngest(result, backstage);
  if (result.queries) printQueries(result, backstage, concurrency);
  console.log(`  workerd memory: peak ${result.peakMemory.hwmMiB} MiB (kernel high-water mark), ${result.peakMemory.sampledMaxMiB} MiB sampled max`);
}

function printGithub(g) {
  console.log('\nGitHub self-registration (webhook -> queue -> catalog)');
  console.log(`  push accepted -> entity readable: p50 ${g.latency.p50Ms} ms, p95 ${g.latency.p95Ms} ms over ${g.latency.pushes} pushes (target p95 <= 1000 ms)`);
  console.log(`  storm: ${g.storm.acceptedPerSecond} deliveries/s accepted, converged in ${(g.storm.convergeMs / 1000).toFixed(1)} s, final catalog ${g.storm.finalCatalog.exact ? 'exact' : 'WRONG'}`);
}

function printTechdocs(t) {
  console.log('\nTechDocs');
  console.log(`  build a ${t.pages}-page site: ${t.build.medianMs} ms (median of ${t.build.runsMs.length}); publish it: ${t.publish.ms} ms`);
  console.log(`  docs page served: p50 ${t.page.p50Ms} ms, p95 ${t.page.p95Ms} ms; search across docs: p50 ${t.search.p50Ms} ms, p95 ${t.search.p95Ms} ms`);
}

// ---------- main ----------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { writeCatalog } = await importOrExit(GENERATOR, 'The catalog generator (shared/bench, expected beside the repository)');
  const { startPortal, startBareWorker, freePort } = await importOrExit(join(ROOT, 'scripts', 'lib', 'portal.mjs'), 'scripts/lib/portal.mjs');
  const backstage = existsSync(BACKSTAGE) ? JSON.parse(readFileSync(BACKSTAGE, 'utf8')) : undefined;
  const report = { date: new Date().toISOString(), machine: machine(), options: opts, stateRoot: stateRoot(opts), sizes: [] };
  const ui = opts.parts.includes('ui') ? await importOrExit(join(ROOT, 'scripts', 'bench', 'ui.mjs'), 'scripts/bench/ui.mjs') : undefined;
  if (opts.parts.includes('catalog')) {
    if (!opts.ingestOnly) report.bareFloor = await measureBareFloor({ startBareWorker }, opts);
    for (const n of opts.sizes) report.sizes.push(await benchSize(n, opts, { writeCatalog, startPortal, freePort, benchUi: ui?.benchUi }));
  } else if (ui) {
    report.ui = await ui.benchUi({ n: opts.sizes[0], runs: opts.uiRuns });
  }
  // Self-registration and sign-in each start their own portal and GitHub stand-in.
  if (opts.parts.includes('github')) {
    const { benchGithub } = await importOrExit(join(ROOT, 'scripts', 'bench', 'github.mjs'), 'scripts/bench/github.mjs');
    report.github = await benchGithub(opts.quick ? { pushes: 20, deliveries: 500, repos: 25 } : {});
  }
  if (opts.parts.includes('auth')) {
    const { benchAuth } = await importOrExit(join(ROOT, 'scripts', 'bench', 'auth.mjs'), 'scripts/bench/auth.mjs');
    report.auth = await benchAuth(opts.quick ? { requests: 100 } : {});
  }
  if (opts.parts.includes('techdocs')) {
    const { benchTechdocs } = await importOrExit(join(ROOT, 'scripts', 'bench', 'techdocs.mjs'), 'scripts/bench/techdocs.mjs');
    report.techdocs = await benchTechdocs(opts.quick ? { requests: 50 } : {});
  }
  let scaffolder;
  if (opts.parts.includes('scaffolder')) {
    scaffolder = await importOrExit(join(ROOT, 'scripts', 'bench', 'scaffolder.mjs'), 'scripts/bench/scaffolder.mjs');
    report.scaffolder = await scaffolder.benchScaffolder(opts.quick ? { runs: 3, concurrent: 20 } : {});
  }
  const m = report.machine;
  console.log(`\nGreenroom catalog bench, ${report.date.slice(0, 10)}: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, wrangler ${m.wrangler}, ${opts.requests} requests per query, local D1 state in ${report.stateRoot}`);
  if (report.bareFloor) {
    const { sequential: s, concurrent: c } = report.bareFloor;
    console.log(`\nRequest-path floor without the portal (a one-line Worker, no bindings, served the same way): seq ${fmt(s.p50, s.p95)} ms, c${opts.concurrency} ${fmt(c.p50, c.p95)} ms, ${c.rps} req/s`);
  }
  for (const r of report.sizes) printSize(r, backstage, opts.concurrency);
  for (const r of [...report.sizes.map((s) => s.ui), report.ui]) if (r) ui.printUi(r);
  if (report.github) printGithub(report.github);
  if (report.auth) console.log(`\nAuthentication and policy per request (server time; target <= 1 ms): ${JSON.stringify(report.auth)}`);
  if (report.techdocs) printTechdocs(report.techdocs);
  if (report.scaffolder) scaffolder.printScaffolder(report.scaffolder);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const out = join(ROOT, 'bench-results', `bench-${report.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(report, null, 1));
  console.log(`\nJSON: ${out}`);
  if (report.sizes.some((r) => r.check.problems) || (report.github && !report.github.storm.finalCatalog.exact)) process.exit(1);
}

// Exit through process.exit so portal.mjs's exit hook stops the Worker server instead of orphaning it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

main().catch((err) => {
  console.error(`[bench] failed: ${err?.stack ?? err}`);
  process.exit(1);
});
