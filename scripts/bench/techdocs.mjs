#!/usr/bin/env node
// TechDocs figures against a local portal:
//
//   node scripts/bench/techdocs.mjs [--requests 300] [--pages 100]
//
//   build    time to render a 100-page site (nested folders, code, tables, admonitions, an
//            image) with the renderer the Worker runs on push (worker/techdocs/render/), in Node
//   publish  POST of that site as a tar.gz until the portal answers (unpack, sanitize, R2, D1)
//   page     a docs page served (GET /api/techdocs/static/docs/…), client p50/p95
//   search   GET /api/search/query?types[]=techdocs across the docs pages, client p50/p95
// `scripts/bench.mjs --only techdocs` calls benchTechdocs(); run alone, this file starts its own
// portal and writes bench-results/techdocs.json.

import '../../bin/ts-resolve.mjs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';
import { createTar } from 'nanotar';
import { quantile } from '../lib/bench-load.mjs';
import { freePort, startPortal } from '../lib/portal.mjs';
import { serveFolder } from '../serve-folder.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { buildSite } = await import('../../worker/techdocs/render/build.ts');
const BUILD_RUNS = 5;
const WARMUP = 10;
const ENTITY = 'bench-docs';
const WORDS = ['basket', 'slot', 'courier', 'picking', 'refund', 'ledger', 'invoice', 'warehouse', 'substitution', 'allergen', 'voucher', 'replica'];

const encoder = new TextEncoder();

/** A documentation source tree of `pages` pages in ten folders, with a nav in mkdocs.yml. */
export function generateDocs(pages) {
  const files = new Map();
  const sections = new Map();
  files.set('docs/index.md', encoder.encode('# Bench handbook\n\nGenerated for the TechDocs benchmark.\n\n![diagram](img/diagram.svg)\n'));
  files.set('docs/img/diagram.svg', encoder.encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'));
  for (let i = 1; i < pages; i++) {
    const folder = `area-${i % 10}`;
    const path = `${folder}/topic-${i}.md`;
    const w = (k) => WORDS[(i * 7 + k) % WORDS.length];
    const body = [
      `# Topic ${i}: ${w(0)} and ${w(1)}`,
      '',
      `This page explains how the ${w(2)} flow handles a ${w(3)} when the ${w(4)} is late. See [the handbook](../index.md) and [the next topic](topic-${i + 10}.md).`,
      '',
      '## Steps',
      '',
      ...Array.from({ length: 6 }, (_, k) => `${k + 1}. Check the ${w(k)} queue, then confirm the ${w(k + 1)} record for order ${i * 100 + k}.`),
      '',
      '```ts',
      `export function handle${i}(order: { id: string; total: number }): boolean {`,
      `  return order.total > ${i} && order.id.startsWith('FH-');`,
      '}',
      '```',
      '',
      '!!! warning "Careful"',
      `    The ${w(5)} service retries ${i % 5} times before paging.`,
      '',
      '| Field | Meaning |',
      '|-------|---------|',
      ...Array.from({ length: 5 }, (_, k) => `| \`${w(k)}_${k}\` | the ${w(k + 2)} of the ${w(k + 3)} |`),
      '',
      '![diagram](../img/diagram.svg)',
      '',
      `Unique marker: topicmarker${i}.`,
    ].join('\n');
    files.set(`docs/${path}`, encoder.encode(body));
    if (!sections.has(folder)) sections.set(folder, []);
    sections.get(folder).push(path);
  }
  const nav = ['nav:', '  - Home: index.md', ...[...sections].flatMap(([folder, paths]) => [`  - ${folder}:`, ...paths.map((p) => `      - ${p}`)])];
  files.set('mkdocs.yml', encoder.encode(`site_name: Bench handbook\n${nav.join('\n')}\n`));
  return files;
}

async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

const round = (ms) => Math.round(ms * 10) / 10;
const stats = (values) => ({ p50Ms: quantile(values, 0.5), p95Ms: quantile(values, 0.95), n: values.length });

/**
 * Runs the TechDocs benchmark. Without `url` a portal is started (and stopped) here.
 * @param {{ url?: string, requests?: number, pages?: number, log?: (line: string) => void }} [options]
 */
export async function benchTechdocs({ url, requests = 300, pages = 100, log = (l) => console.log(`[bench:techdocs] ${l}`) } = {}) {
  const sources = generateDocs(pages);
  const builds = [];
  let site;
  for (let i = 0; i < BUILD_RUNS; i++) {
    const run = await timed(() => buildSite(sources, { defaultSiteName: 'Bench' }));
    builds.push(run.ms);
    site = run.value;
  }
  log(`built a ${site.pages.length}-page site: median ${round(quantile(builds, 0.5))} ms over ${BUILD_RUNS} runs`);

  const seedDir = mkdtempSync(join(tmpdir(), 'greenroom-bench-techdocs-seed-'));
  writeFileSync(join(seedDir, 'catalog-info.yaml'), `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${ENTITY}\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: bench\n`);
  const seedPort = await freePort();
  const seedServer = await serveFolder(seedDir, seedPort);
  let persistTo;
  let portal;
  if (url === undefined) {
    persistTo = mkdtempSync(join(tmpdir(), 'greenroom-bench-techdocs-'));
    portal = await startPortal({ port: await freePort(), persistTo, logLevel: 'error' });
  }
  const base = url ?? portal.url;
  try {
    const registered = await fetch(`${base}/api/catalog/locations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ type: 'url', target: `http://127.0.0.1:${seedPort}/catalog-info.yaml` }),
    });
    if (registered.status !== 201 && registered.status !== 409) throw new Error(`registering the bench entity answered ${registered.status}: ${await registered.text()}`);
    const archive = gzipSync(createTar([...site.files].map(([name, data]) => ({ name, data }))));
    const published = await timed(async () => {
      const res = await fetch(`${base}/api/techdocs/publish/default/component/${ENTITY}`, { method: 'POST', headers: { 'content-type': 'application/gzip', origin: base }, body: archive });
      if (!res.ok) throw new Error(`publishing answered ${res.status}: ${await res.text()}`);
      return res.json();
    });
    log(`published ${published.value.files} files (${Math.round(archive.byteLength / 1024)} KiB tar.gz) in ${round(published.ms)} ms`);

    const pagePaths = site.pages.map((p) => p.path);
    const pageTimes = [];
    for (let i = 0; i < WARMUP + requests; i++) {
      const path = pagePaths[(i * 37) % pagePaths.length];
      const t = await timed(async () => {
        const res = await fetch(`${base}/api/techdocs/static/docs/default/component/${ENTITY}/${path}`);
        if (res.status !== 200) throw new Error(`GET page ${path} answered ${res.status}`);
        await res.arrayBuffer();
      });
      if (i >= WARMUP) pageTimes.push(t.ms);
    }
    const searchTimes = [];
    let hits = 0;
    for (let i = 0; i < WARMUP + requests; i++) {
      const term = i % 2 ? `topicmarker${1 + (i % (pages - 1))}` : `${WORDS[i % WORDS.length]} ${WORDS[(i + 3) % WORDS.length]}`;
      const t = await timed(async () => {
        const res = await fetch(`${base}/api/search/query?term=${encodeURIComponent(term)}&types[]=techdocs`);
        if (res.status !== 200) throw new Error(`search answered ${res.status}`);
        return (await res.json()).numberOfResults;
      });
      if (i >= WARMUP) {
        searchTimes.push(t.ms);
        hits += t.value > 0 ? 1 : 0;
      }
    }
    const result = {
      pages: site.pages.length,
      build: { medianMs: round(quantile(builds, 0.5)), runsMs: builds.map(round) },
      publish: { ms: round(published.ms), files: published.value.files, archiveKiB: Math.round(archive.byteLength / 1024) },
      page: stats(pageTimes),
      search: { ...stats(searchTimes), queriesWithHits: hits },
    };
    log(`docs page served: p50 ${result.page.p50Ms} ms, p95 ${result.page.p95Ms} ms over ${requests} requests`);
    log(`search across docs: p50 ${result.search.p50Ms} ms, p95 ${result.search.p95Ms} ms over ${requests} queries (${hits} with hits)`);
    return result;
  } finally {
    await portal?.stop();
    seedServer.close();
    seedServer.closeAllConnections?.();
    rmSync(seedDir, { recursive: true, force: true });
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
  const requests = opt('--requests', 300);
  const pages = opt('--pages', 100);
  if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(pages) || pages < 2) {
    console.error('usage: node scripts/bench/techdocs.mjs [--requests N] [--pages N]');
    process.exit(2);
  }
  const result = await benchTechdocs({ requests, pages });
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'techdocs.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
