#!/usr/bin/env node
// The portal UI in real Chromium against a big catalog: what the browser downloads for the first
// page, how long from navigation until the catalog table shows its first rows, and from a click
// on a row until the entity page shows the entity.
//
//   node scripts/bench/ui.mjs [--n 10000] [--runs 9]          loads its own catalog of N entities
//   node scripts/bench/ui.mjs --url http://127.0.0.1:8787     a portal already running (its catalog as it is)
//   --path '/catalog?kind=api'                                 the list page to time (default /catalog)
//   npm run bench -- --only catalog,ui --n 100000             reuses the catalog part's portal
//
// JavaScript: the scripts Chromium fetches for /catalog and / in a fresh profile (the entry, the
// shared chunks and the lazily loaded route chunks), gzipped here at level 9, whatever the local
// server's own compression (Cloudflare's edge compresses them its own way). Targets: <= 100 KB gzipped.
// Timings, measured inside the page with performance.now() and a MutationObserver:
//   first rows   navigation start → the first row of the catalog table is in the DOM (fresh
//                profile each run: HTML, scripts, /api/auth/me, facets and the first page)
//   entity page  click on a row's name → the entity page at that link shows its header <h1>
//                (by-name fetch; the route's code is preloaded once rows show), each run a different row
// Targets: first rows <= 1 s, entity page <= 300 ms (p95 over the runs). The machine is shared, so
// figures are noisy. Results: a summary on stdout and bench-results/ui.json (git-ignored).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveFolder } from '../serve-folder.mjs';
import { getJson, quantile } from '../lib/bench-load.mjs';
import { freePort, startPortal } from '../lib/portal.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'web', 'dist');
const GENERATOR = resolve(ROOT, '..', 'shared', 'bench', 'gen-catalog.mjs');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const TARGETS = { jsGzipKB: 100, firstRowsMs: 1000, entityPageMs: 300 };
const ENTITIES_PER_FILE = 200;

const summary = (values) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95), max: quantile(values, 1), runs: values.length });

/** Gzipped and raw bytes of the scripts a fresh profile fetches for `path`, per file. */
async function shippedScripts(browser, base, path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = new Set();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') urls.add(new URL(request.url()).pathname);
  });
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  await context.close();
  const files = [...urls].map((pathname) => {
    const file = join(DIST, pathname);
    const raw = readFileSync(file);
    return { file: pathname, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
  });
  const total = (key) => files.reduce((n, f) => n + f[key], 0);
  return { path, scripts: files.length, rawKB: Math.round(total('rawBytes') / 102.4) / 10, gzipKB: Math.round(total('gzipBytes') / 102.4) / 10, files };
}

/** Milliseconds from navigation start until the catalog table has a row, in a fresh profile. */
async function firstRows(browser, base, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('table tbody tr th a')) {
        window.__firstRowsAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  await page.waitForFunction(() => window.__firstRowsAt !== undefined, undefined, { timeout: 30_000 });
  const ms = await page.evaluate(() => window.__firstRowsAt);
  return { ms, context, page };
}

/** Milliseconds from a click on row `index`'s name until the page at its link shows the entity's header. */
function clickToEntity(page, index) {
  return page.evaluate(
    (i) =>
      new Promise((resolve, reject) => {
        const link = document.querySelectorAll('table tbody tr th a')[i];
        if (!link) return reject(new Error(`no row ${i}`));
        const href = link.getAttribute('href');
        const shown = () => location.pathname === href && !!document.querySelector('.entity-header h1')?.textContent?.trim();
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (shown()) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error(`entity page ${href} not shown after 10 s (at ${location.pathname})`)), 10_000);
        link.click();
      }),
    index,
  );
}

/**
 * Measures the UI against the portal at `url` (its catalog already loaded), or starts a portal
 * and loads `n` generated entities first. Needs web/dist (npm run build) and /usr/bin/chromium.
 * @param {{ url?: string, n?: number, runs?: number, path?: string, log?: (line: string) => void }} [options]
 */
export async function benchUi({ url, n = 10_000, runs = 9, path = '/catalog', log = (l) => console.log(`[bench:ui] ${l}`) } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: npm run build first');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const own = url === undefined ? await loadOwnCatalog(n, log) : undefined;
  const base = url ?? own.url;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const { totalItems } = await getJson(`${base}/api/catalog/entities/by-query?limit=0`);
    log(`catalog holds ${totalItems} entities; ${runs} runs each`);
    const js = [await shippedScripts(browser, base, path), await shippedScripts(browser, base, '/')];
    for (const j of js) log(`JS for ${j.path}: ${j.scripts} scripts, ${j.rawKB} KB raw, ${j.gzipKB} KB gzipped`);
    // One unmeasured load fills the server's facet and count caches, as any visitor before you would.
    const warm = await firstRows(browser, base, path);
    await warm.context.close();
    const rows = [];
    const entity = [];
    for (let r = 0; r < runs; r++) {
      const { ms, context, page } = await firstRows(browser, base, path);
      rows.push(Math.round(ms));
      entity.push(Math.round(await clickToEntity(page, r % 20)));
      await context.close();
    }
    const result = {
      entities: totalItems,
      path,
      javascript: js,
      firstRowsMs: summary(rows),
      entityPageMs: summary(entity),
      samples: { firstRowsMs: rows, entityPageMs: entity },
      targets: TARGETS,
    };
    log(`navigation → first rows: p50 ${result.firstRowsMs.p50} ms, p95 ${result.firstRowsMs.p95} ms (target ≤ ${TARGETS.firstRowsMs})`);
    log(`click → entity page: p50 ${result.entityPageMs.p50} ms, p95 ${result.entityPageMs.p95} ms (target ≤ ${TARGETS.entityPageMs})`);
    return result;
  } finally {
    await browser.close();
    await own?.stop();
  }
}

/** Generates (or reuses) the bench catalog of `n` entities, starts a portal and ingests it. */
async function loadOwnCatalog(n, log) {
  if (!existsSync(GENERATOR)) throw new Error(`the catalog generator is missing at ${GENERATOR}`);
  const { writeCatalog } = await import(pathToFileURL(GENERATOR).href);
  const files = Math.max(1, Math.ceil(n / ENTITIES_PER_FILE));
  // The same folder bench.mjs writes, so either reuses the other's catalog.
  const dir = join(tmpdir(), `greenroom-bench-n${n}-f${files}`);
  if (!existsSync(join(dir, 'manifest.json'))) {
    log(`generating ${n} entities in ${files} files → ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    writeCatalog({ n, out: dir, files });
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const expected = manifest.n + (files > 1 ? files : 0) + 1;
  const folderPort = await freePort();
  const server = await serveFolder(dir, folderPort);
  const persistTo = mkdtempSync(join(tmpdir(), 'greenroom-bench-ui-'));
  const portal = await startPortal({ port: await freePort(), persistTo, logLevel: 'error', healthTimeoutMs: 180_000 });
  const stop = async () => {
    await portal.stop();
    server.close();
    server.closeAllConnections();
    rmSync(persistTo, { recursive: true, force: true });
  };
  try {
    const res = await fetch(`${portal.url}/api/catalog/locations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url', target: `http://127.0.0.1:${folderPort}/catalog.yaml` }),
    });
    if (res.status !== 201) throw new Error(`registering the bench catalog answered ${res.status}: ${await res.text()}`);
    const t0 = performance.now();
    for (;;) {
      const { totalItems } = await getJson(`${portal.url}/api/catalog/entities/by-query?limit=0`);
      if (totalItems >= expected) break;
      if (performance.now() - t0 > Math.max(300_000, n * 20)) throw new Error(`ingestion incomplete: ${totalItems} of ${expected}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    log(`loaded ${expected} entities in ${Math.round((performance.now() - t0) / 1000)} s`);
    return { url: portal.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Prints the figures of one run (bench.mjs uses it too). */
export function printUi(ui) {
  const [catalogJs, homeJs] = ui.javascript;
  const ok = (value, target) => (value <= target ? 'ok' : 'MISS');
  console.log(`\nPortal UI in Chromium (${ui.entities.toLocaleString('en')} entities; p50/p95 over ${ui.firstRowsMs.runs} runs; shared machine, noisy)`);
  console.log(`  JavaScript for ${catalogJs.path}: ${catalogJs.gzipKB} KB gzipped (${catalogJs.rawKB} KB raw, ${catalogJs.scripts} files) ${ok(catalogJs.gzipKB, ui.targets.jsGzipKB)} (≤ ${ui.targets.jsGzipKB})`);
  console.log(`  JavaScript for /:        ${homeJs.gzipKB} KB gzipped (${homeJs.rawKB} KB raw, ${homeJs.scripts} files) ${ok(homeJs.gzipKB, ui.targets.jsGzipKB)}`);
  console.log(`  navigation → first rows of ${ui.path}: ${ui.firstRowsMs.p50}/${ui.firstRowsMs.p95} ms ${ok(ui.firstRowsMs.p95, ui.targets.firstRowsMs)} (≤ ${ui.targets.firstRowsMs})`);
  console.log(`  click → entity page:     ${ui.entityPageMs.p50}/${ui.entityPageMs.p95} ms ${ok(ui.entityPageMs.p95, ui.targets.entityPageMs)} (≤ ${ui.targets.entityPageMs})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    if (i === -1) return fallback;
    const v = Number(args[i + 1]);
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive integer`);
    return v;
  };
  // Exit through process.exit so portal.mjs's exit hook stops the Worker server instead of orphaning it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
  const url = args.includes('--url') ? args[args.indexOf('--url') + 1] : undefined;
  const path = args.includes('--path') ? args[args.indexOf('--path') + 1] : undefined;
  benchUi({ url, n: option('--n', 10_000), runs: option('--runs', 9), ...(path ? { path } : {}) })
    .then((ui) => {
      printUi(ui);
      mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
      writeFileSync(join(ROOT, 'bench-results', 'ui.json'), JSON.stringify({ date: new Date().toISOString(), ...ui }, null, 1));
      process.exit(0);
    })
    .catch((error) => {
      console.error(`[bench:ui] failed: ${error?.stack ?? error}`);
      process.exit(1);
    });
}
