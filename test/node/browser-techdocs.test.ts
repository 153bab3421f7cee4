// The TechDocs reader in real Chromium against a real local Greenroom: a site uploaded in
// techdocs-cli's layout is read through an entity's Docs tab and the standalone reader (nav,
// relative links, anchors, table of contents, in-site search, edit link, owner, build time), the
// docs index lists it, and an XSS corpus — uploaded, and fed straight to the browser sanitizer —
// never runs. Screenshots (light, dark, phone) land in test-results/ for a human to look at.

import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createTarGzip } from 'nanotar';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGithubStandin, type GithubStandinServer } from '../../scripts/lib/github-standin-server.mjs';
import { registerLocation } from './support/locations';
import { ROOT, TEST_RESULTS } from './support/paths';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTestFolder, type ServedFolder } from './support/served-folder';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const SITE_NAME = 'Docs reader handbook';

/** An experimental component of the docs team whose docs are built next to it (techdocs-ref dir:.). */
const documentedComponent = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: experimental
  owner: docs-team
`;

const DESCRIPTORS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: docs-reader
  title: Docs reader
  description: A service whose handbook is read in the browser test.
  annotations:
    backstage.io/techdocs-ref: dir:.
    backstage.io/source-location: url:https://github.com/fernhill-grocer/docs-reader/tree/main/
spec:
  type: service
  lifecycle: production
  owner: docs-team
---
${documentedComponent('xss-docs')}---
${documentedComponent('docs-pending')}---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: undocumented
spec:
  type: service
  lifecycle: experimental
  owner: docs-team
`;

// A 2×2 PNG, so the image check can ask the browser whether it really decoded.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNkYGBgYGBgYGBgYGBgAAAADQABi4SvPwAAAABJRU5ErkJggg==',
  'base64',
);

const filler = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `<p>${topic} paragraph ${i + 1}: enough text to make the page taller than the window, so scrolling to an anchor is visible.</p>`).join('\n');

const EDIT_BASE = 'https://github.com/fernhill-grocer/docs-reader/edit/main/docs/';

/** A page as mkdocs-material (techdocs-core) writes it: theme chrome around `article.md-content__inner`, with its edit button. */
function materialPage(title: string, body: string, source?: string): string {
  return `<!doctype html>
<html lang="en" class="no-js"><head><meta charset="utf-8"><title>${title} - ${SITE_NAME}</title>
<link rel="stylesheet" href="/assets/stylesheets/main.css"><script src="/assets/javascripts/bundle.js"></script></head>
<body dir="ltr"><header class="md-header"><nav class="md-header__inner">${SITE_NAME}</nav></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary"><nav class="md-nav md-nav--primary"><ul class="md-nav__list"><li>nav</li></ul></nav></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
${source ? `<a href="${EDIT_BASE}${source}" title="Edit this page" class="md-content__button md-icon"><svg viewBox="0 0 24 24"><path d="M0 0h24v24H0z"></path></svg></a>` : ''}
${body}
</article></div></div></main><footer class="md-footer">footer</footer></div></body></html>`;
}

const HANDBOOK: Record<string, string> = {
  'index.html': materialPage(
    'Docs reader',
    `<h1 id="docs-reader">Docs reader</h1>
<p>The handbook of the docs reader service. Start with <a href="guides/setup/">setting up</a>.</p>
<h2 id="overview">Overview</h2>
<p>It reads documentation.</p>
<h2 id="architecture">Architecture</h2>
<p><img src="img/diagram.png" alt="Architecture diagram" width="240" height="120"></p>
<div class="admonition note"><p class="admonition-title">Note</p><p>Admonitions are styled.</p></div>
<pre><code class="language-ts"><span class="hljs-keyword">const</span> answer = <span class="hljs-number">42</span>;</code></pre>
<table><thead><tr><th>Setting</th><th style="text-align:right">Default</th></tr></thead><tbody><tr><td>timeout</td><td style="text-align:right">30s</td></tr></tbody></table>`,
    'index.md',
  ),
  'guides/setup/index.html': materialPage(
    'Setting up',
    `<h1 id="setting-up">Setting up</h1>
<p>Jump to <a href="#database">the database section</a>, or read <a href="../deploy/#rollback">how to roll back</a>.</p>
<h2 id="prerequisites">Prerequisites</h2>
${filler('Prerequisites', 12)}
<h2 id="install">Install</h2>
${filler('Install', 12)}
<h3 id="database">Database</h3>
${filler('Database', 14)}`,
    'guides/setup.md',
  ),
  'guides/deploy/index.html': materialPage(
    'Deploying',
    `<h1 id="deploying">Deploying</h1>
<p>Deploys go out through the pipeline. Back to the <a href="../../">handbook</a>.</p>
<h2 id="pipeline">Pipeline</h2>
${filler('Pipeline', 12)}
<h2 id="rollback">Rollback</h2>
<p>A zeppelin-shaped rollback: re-run the previous release.</p>
${filler('Rollback', 12)}`,
    'guides/deploy.md',
  ),
};

const SEARCH_INDEX = {
  config: { lang: ['en'], separator: '[\\s\\-]+' },
  docs: [
    { location: '', title: 'Docs reader', text: 'The handbook of the docs reader service.' },
    { location: 'guides/setup/', title: 'Setting up', text: 'Prerequisites Install Database' },
    { location: 'guides/deploy/', title: 'Deploying', text: 'Pipeline Rollback zeppelin' },
  ],
};

// Each payload sets a flag (or opens a dialog) if it ever runs.
const XSS_CORPUS = [
  `<script>window.__xss.push('script')</script>`,
  `<img src="x" onerror="window.__xss.push('img-onerror')" alt="broken">`,
  `<a id="js-link" href="javascript:window.__xss.push('js-link')">javascript link</a>`,
  `<a id="tab-link" href="jav&#x09;ascript:window.__xss.push('tab-link')">tab-obfuscated link</a>`,
  `<a id="entity-link" href="&#106;avascript:window.__xss.push('entity-link')">entity-encoded link</a>`,
  `<a id="data-link" href="data:text/html,<script>alert(1)</script>">data link</a>`,
  `<svg onload="window.__xss.push('svg-onload')"><circle r="4"></circle></svg>`,
  `<svg><a xlink:href="javascript:window.__xss.push('svg-xlink')"><text y="10">svg link</text></a></svg>`,
  `<iframe srcdoc="<script>parent.__xss.push('srcdoc')</script>"></iframe>`,
  `<iframe src="javascript:parent.__xss.push('iframe-js')"></iframe>`,
  `<object data="javascript:window.__xss.push('object')"></object>`,
  `<embed src="javascript:window.__xss.push('embed')">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss.push('mxss')">`,
  `<form action="javascript:window.__xss.push('form')"><button id="xss-button">Go</button></form>`,
  `<details open ontoggle="window.__xss.push('ontoggle')"><summary>s</summary>t</details>`,
  `<div style="background:url(javascript:window.__xss.push('style-url'))">styled</div>`,
  `<p id="overlay" style="position:fixed;inset:0;z-index:9999;background:red">overlay</p>`,
  `<style>@import url("javascript:window.__xss.push('style-import')"); body{display:none}</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss.push('meta')">`,
  `<base href="javascript:window.__xss.push('base')//">`,
  `<input autofocus onfocus="window.__xss.push('autofocus')">`,
  `<video><source onerror="window.__xss.push('source')"></video>`,
  `<a href="#" onclick="window.__xss.push('onclick')" id="onclick-link">click me</a>`,
  `<img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>" alt="svg data">`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss.push('noscript')>"></noscript>`,
];

const XSS_PAGE = materialPage(
  'XSS corpus',
  `<h1 id="xss-corpus">XSS corpus</h1>
<p id="survivor">Plain text survives.</p>
${XSS_CORPUS.join('\n')}
<h2 id="after">After the corpus</h2><p>The end.</p>`,
);

let portal: TestPortal;
let standin: GithubStandinServer;
let served: ServedFolder;
let servedDir: string;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];
let dialogs: string[] = [];

const shot = (p: Page, name: string) => p.screenshot({ path: join(TEST_RESULTS, `browser-techdocs-${name}.png`), fullPage: true });

/** A fresh tab that records uncaught errors, dialogs, CSP violations and XSS flags of the app. */
async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const p = await context.newPage();
  await p.addInitScript(() => {
    const w = window as unknown as { __xss: string[]; __csp: string[] };
    w.__xss = [];
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${(e.target as Element)?.outerHTML?.slice(0, 120)}`));
  });
  p.on('pageerror', (error) => pageErrors.push(error.message));
  p.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return p;
}

/** Packs files as a techdocs-cli `site/` folder in a tar.gz, as CI would upload it. */
async function siteArchive(files: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  return createTarGzip(Object.entries(files).map(([name, data]) => ({ name, data })));
}

async function publish(name: string, files: Record<string, string | Uint8Array>): Promise<void> {
  const res = await fetch(`${portal.url}/api/techdocs/publish/default/component/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip' },
    body: new Uint8Array(await siteArchive(files)).buffer,
  });
  if (res.status !== 200) throw new Error(`Publishing ${name} answered ${res.status}: ${await res.text()}`);
}

const metadataFile = (siteName: string, etag: string, files: string[]) =>
  JSON.stringify({ site_name: siteName, site_description: `About ${siteName}`, build_timestamp: Date.UTC(2026, 10, 20, 9, 30), files, etag });

const article = (p: Page) => p.locator('.docs-content article');
/** The page's title, without the permalink mark a rendered heading carries. */
const h1 = (p: Page) => article(p).locator('h1').evaluate((el) => (el.textContent ?? '').replace('¶', '').trim());
const activeIsContent = (p: Page) => p.evaluate(() => document.activeElement?.classList.contains('docs-content') ?? false);
/** Where an element's top edge is relative to the window, in CSS pixels. */
const topOf = (p: Page, selector: string) => p.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().top));

const DANGEROUS = `script, iframe, object, embed, svg, math, form, style, link, meta, base, video, source, [style], [srcdoc], [xlink\\:href]`;

/** What of the corpus reached the DOM under `root`: dangerous elements, handlers and script URLs. */
const leftovers = (p: Page, root: string) =>
  p.evaluate(
    ({ root, dangerous }) => {
      const scope = document.querySelector(root);
      if (!scope) return ['no content'];
      const found: string[] = Array.from(scope.querySelectorAll(dangerous)).map((el) => `element ${el.outerHTML.slice(0, 80)}`);
      for (const el of Array.from(scope.querySelectorAll('*'))) {
        for (const attr of el.getAttributeNames()) {
          const value = el.getAttribute(attr) ?? '';
          if (attr.startsWith('on')) found.push(`handler ${attr}`);
          if (/^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u0020]/g, '')) && !(el.tagName === 'IMG' && attr === 'src' && /^data:image\//i.test(value))) {
            found.push(`url ${attr}=${value.slice(0, 40)}`);
          }
        }
      }
      return found;
    },
    { root, dangerous: DANGEROUS },
  );

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist/index.html is missing: build the web app first (`npm run build`; `npm test` builds before running vitest).');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does).`);
  servedDir = await mkdtemp(join(tmpdir(), 'greenroom-techdocs-'));
  await writeFile(join(servedDir, 'catalog-info.yaml'), DESCRIPTORS);
  // The portal's GitHub App talks to a stand-in, so docs can also be built on push (the only thing simulated).
  standin = await startGithubStandin();
  [portal, served, browser] = await Promise.all([
    startTestPortal(standin.vars),
    serveTestFolder(servedDir),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  await registerLocation(portal.url, `${served.url}/catalog-info.yaml`);
  const handbookFiles = [...Object.keys(HANDBOOK), 'img/diagram.png', 'search/search_index.json'];
  await publish('docs-reader', {
    ...HANDBOOK,
    'img/diagram.png': PNG,
    'search/search_index.json': JSON.stringify(SEARCH_INDEX),
    'techdocs_metadata.json': metadataFile(SITE_NAME, 'handbook-v1', handbookFiles),
  });
  await publish('xss-docs', {
    'index.html': XSS_PAGE,
    'search/search_index.json': JSON.stringify({ config: {}, docs: [{ location: '', title: 'XSS corpus', text: 'x' }] }),
    'techdocs_metadata.json': metadataFile('XSS corpus', 'xss-v1', ['index.html']),
  });
}, 240_000);

afterAll(async () => {
  await Promise.all([browser?.close(), portal?.stop(), served?.close(), standin?.close()]);
  if (servedDir) await rm(servedDir, { recursive: true, force: true });
});

afterEach(async () => {
  // Nothing the reader inserted may even try what the portal's CSP forbids (inline scripts, styles…).
  if (page && !page.isClosed()) {
    const violations = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
    expect(violations, 'CSP violations in the page').toEqual([]);
  }
  await page?.context().close();
  expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  expect(dialogs, 'dialogs opened by the page').toEqual([]);
  pageErrors = [];
  dialogs = [];
});

describe('reading docs in a browser', () => {
  it('opens the Docs tab and moves through nav, relative links, anchors, TOC and search', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog/default/component/docs-reader`);
    await page.getByRole('tab', { name: 'Docs' }).click();
    await page.waitForURL(/\/catalog\/default\/component\/docs-reader\/docs$/);
    await expect.poll(() => h1(page)).toBe('Docs reader');

    // Owner, last-built time, the image from the static route, and the page's TOC.
    const meta = page.locator('.docs-meta');
    await expect(meta.getByRole('link', { name: 'docs-team' }).count()).resolves.toBe(1);
    const { build_timestamp } = (await (await fetch(`${portal.url}/api/techdocs/metadata/techdocs/default/component/docs-reader`)).json()) as { build_timestamp: number };
    await expect(meta.locator('time').getAttribute('datetime')).resolves.toBe(new Date(build_timestamp).toISOString());
    const img = article(page).getByRole('img', { name: 'Architecture diagram' });
    await expect(img.getAttribute('src')).resolves.toBe('/api/techdocs/static/docs/default/component/docs-reader/img/diagram.png');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(2);
    const toc = page.getByRole('navigation', { name: 'On this page' });
    await expect.poll(() => toc.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Architecture']);
    // Theme chrome of the uploaded page (header, nav, footer) is not part of the article.
    await expect(article(page).locator('.md-header, .md-footer').count()).resolves.toBe(0);
    await shot(page, 'tab-home');

    // Left nav → another page: the URL follows, focus moves to the content, the TOC follows the page.
    const nav = page.getByRole('navigation', { name: `${SITE_NAME} pages` });
    await expect(nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).resolves.toBe('page');
    await nav.getByRole('link', { name: 'Setting up' }).click();
    await page.waitForURL(/\/docs\?page=guides%2Fsetup%2F$/);
    await expect.poll(() => h1(page)).toBe('Setting up');
    await expect.poll(() => activeIsContent(page)).toBe(true);
    await expect(nav.getByRole('link', { name: 'Setting up' }).getAttribute('aria-current')).resolves.toBe('page');
    // "Edit this page" leads to the page's Markdown on GitHub; the theme's own icon button is gone.
    await expect(meta.getByRole('link', { name: 'Edit this page' }).getAttribute('href')).resolves.toBe(`${EDIT_BASE}guides/setup.md`);
    await expect(article(page).locator('.md-content__button').count()).resolves.toBe(0);
    await expect.poll(() => toc.getByRole('link').allInnerTexts()).toEqual(['Prerequisites', 'Install', 'Database']);
    await expect(page.getByRole('navigation', { name: 'Docs breadcrumb' }).innerText()).resolves.toMatch(/Docs reader handbook\s*Guides\s*Setting up/);

    // An anchor inside the page: no reload, the URL gets the hash, the heading scrolls into view.
    await article(page).getByRole('link', { name: 'the database section' }).click();
    await page.waitForURL(/\?page=guides%2Fsetup%2F#database$/);
    await expect.poll(() => topOf(page, '#database')).toBeLessThan(150);
    await expect.poll(() => topOf(page, '#database')).toBeGreaterThanOrEqual(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('database');
    // The TOC marks the section being read.
    await expect.poll(() => toc.getByRole('link', { name: 'Database' }).getAttribute('aria-current')).toBe('location');

    // A TOC entry does the same.
    await toc.getByRole('link', { name: 'Install' }).click();
    await page.waitForURL(/#install$/);
    await expect.poll(() => topOf(page, '#install')).toBeLessThan(150);

    // A relative link to an anchor on another page.
    await page.evaluate(() => window.scrollTo(0, 0));
    await article(page).getByRole('link', { name: 'how to roll back' }).click();
    await page.waitForURL(/\?page=guides%2Fdeploy%2F#rollback$/);
    await expect.poll(() => h1(page)).toBe('Deploying');
    await expect.poll(() => topOf(page, '#rollback')).toBeLessThan(150);
    await expect.poll(() => topOf(page, '#rollback')).toBeGreaterThanOrEqual(0);

    // History works like any page: back returns to the setup page.
    await page.goBack();
    await expect.poll(() => h1(page)).toBe('Setting up');
    await page.goForward();
    await expect.poll(() => h1(page)).toBe('Deploying');

    // In-site search over every page of the site, with the match marked; a hit leads to its section.
    await page.getByRole('searchbox', { name: `Search ${SITE_NAME}` }).fill('zeppelin');
    const results = page.locator('.docs-search-results');
    await expect.poll(() => results.getByRole('heading').innerText()).toMatch(/^1 result for “zeppelin”/);
    await expect(results.locator('mark').allInnerTexts()).resolves.toEqual(['zeppelin']);
    await shot(page, 'search');
    await page.getByRole('searchbox', { name: `Search ${SITE_NAME}` }).fill('database section');
    await expect.poll(() => results.getByRole('link').first().innerText()).toMatch(/^Setting up/);
    await results.getByRole('link').first().click();
    await expect.poll(() => h1(page)).toBe('Setting up');
    await expect(page.locator('.docs-search-results').count()).resolves.toBe(0);
  });

  it('opens the standalone reader at Backstage’s URL, with breadcrumbs and anchor', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/docs/default/component/docs-reader/guides/setup/#install`);
    await expect.poll(() => h1(page)).toBe('Setting up');
    await expect.poll(() => topOf(page, '#install')).toBeLessThan(150);
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('link', { name: 'Docs', exact: true }).getAttribute('href')).resolves.toBe('/docs');
    await expect(crumbs.getByRole('link', { name: SITE_NAME }).getAttribute('href')).resolves.toBe('/docs/default/component/docs-reader/');
    // Links between pages stay inside the standalone reader.
    await article(page).getByRole('link', { name: 'how to roll back' }).click();
    await page.waitForURL(/\/docs\/default\/component\/docs-reader\/guides\/deploy\/#rollback$/);
    await expect.poll(() => h1(page)).toBe('Deploying');
    await article(page).getByRole('link', { name: 'handbook' }).click();
    await page.waitForURL(/\/docs\/default\/component\/docs-reader\/$/);
    await expect.poll(() => h1(page)).toBe('Docs reader');
    // Following a link to another page brings the reader's top (breadcrumbs, search) back into view.
    await expect.poll(() => page.locator('.docs-toolbar').evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'reader-light');

    // A page the site does not have: said so, with the site's nav still there to go elsewhere.
    await page.goto(`${portal.url}/docs/default/component/docs-reader/no/such/page/`);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'This page does not exist in these docs' }).count()).toBe(1);
    await page.getByRole('navigation', { name: `${SITE_NAME} pages` }).getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => h1(page)).toBe('Docs reader');
  });

  it('turns Backstage’s entity-docs URL into the Docs tab', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog/default/component/docs-reader/docs/guides/setup/#install`);
    await page.waitForURL(/\/catalog\/default\/component\/docs-reader\/docs\?page=guides%2Fsetup%2F#install$/);
    await expect.poll(() => h1(page)).toBe('Setting up');
    await expect(page.getByRole('tab', { name: 'Docs' }).getAttribute('aria-selected')).resolves.toBe('true');
  });

  it('offers the Docs tab only to entities that declare docs, and says when none were published yet', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog/default/component/undocumented`);
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toContain('Overview');
    await expect(page.getByRole('tab', { name: 'Docs' }).count()).resolves.toBe(0);
    await page.goto(`${portal.url}/catalog/default/component/docs-pending/docs`);
    await expect.poll(() => page.locator('.empty-state-title').innerText()).toBe('No documentation has been published yet');
  });

  it('lists every entity with docs on the docs index, searchable, with owners', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/docs`);
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.locator('th a').allInnerTexts()).toEqual(expect.arrayContaining([SITE_NAME, 'XSS corpus']));
    await expect(rows.locator('th a').allInnerTexts()).resolves.not.toContain('undocumented');
    await expect(rows.filter({ hasText: 'docs-pending' }).innerText()).resolves.toMatch(/Not built yet/);
    await shot(page, 'index');
    const handbook = rows.filter({ hasText: SITE_NAME });
    await expect(handbook.getByRole('link', { name: 'docs-team' }).count()).resolves.toBe(1);
    await page.getByRole('searchbox', { name: 'Search docs' }).fill('handbook');
    await page.waitForURL(/[?&]q=handbook/);
    await expect.poll(() => rows.locator('th a').allInnerTexts()).toEqual([SITE_NAME]);
    await rows.getByRole('link', { name: SITE_NAME }).click();
    await page.waitForURL(/\/docs\/default\/component\/docs-reader\/$/);
    await expect.poll(() => h1(page)).toBe('Docs reader');
  });

  it('shows docs in the dark theme and at phone width', async () => {
    page = await openPage({ colorScheme: 'dark' });
    await page.goto(`${portal.url}/docs/default/component/docs-reader/`);
    await expect.poll(() => h1(page)).toBe('Docs reader');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // Docs text takes the theme's colours, not black on dark grey.
    const color = await article(page).locator('p').first().evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(231, 234, 238)');
    await shot(page, 'reader-dark');
    await page.context().close();

    page = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${portal.url}/docs/default/component/docs-reader/guides/setup/`);
    await expect.poll(() => h1(page)).toBe('Setting up');
    // The page list starts folded on a phone and nothing is wider than the screen.
    await expect(page.locator('.docs-nav-disclosure').evaluate((el: HTMLDetailsElement) => el.open)).resolves.toBe(false);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(TEST_RESULTS, 'browser-techdocs-reader-phone.png') });
    await page.locator('.docs-nav-summary').click();
    await page.getByRole('navigation', { name: `${SITE_NAME} pages` }).getByRole('link', { name: 'Deploying' }).click();
    await expect.poll(() => h1(page)).toBe('Deploying');
    // Picking a page folds the list again, so the page is what the reader sees.
    await expect.poll(() => page.locator('.docs-nav-disclosure').evaluate((el: HTMLDetailsElement) => el.open)).toBe(false);
  });
});

describe('untrusted docs HTML', () => {
  it('published through the upload route, none of the corpus runs or reaches the DOM', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/docs/default/component/xss-docs/`);
    await expect.poll(() => h1(page)).toBe('XSS corpus');
    await expect(page.locator('#survivor').innerText()).resolves.toBe('Plain text survives.');
    // Click everything that could be a trigger, then give anything delayed a moment.
    for (const id of ['#js-link', '#tab-link', '#entity-link', '#data-link', '#onclick-link']) {
      if (await page.locator(id).count()) await page.locator(id).click({ force: true });
    }
    await page.waitForTimeout(500);
    expect(page.url()).toBe(`${portal.url}/docs/default/component/xss-docs/`);
    await expect(page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).resolves.toEqual([]);
    await expect(page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).resolves.toEqual([]);
    await expect(leftovers(page, '.docs-content')).resolves.toEqual([]);
    await expect(page.locator('body').evaluate((el) => getComputedStyle(el).display)).resolves.not.toBe('none');
    await shot(page, 'xss');
  });

  it('the browser sanitizer alone stops the corpus in real Chromium (no CSP to help it)', async () => {
    // The reader's own module, bundled as the app bundles it, in a page with no CSP: the
    // raw corpus runs there (the control), the sanitized one must not.
    const bundle = await build({
      stdin: {
        contents: `import { sanitizeDocsHtml } from './web/lib/sanitizeDocsHtml.ts'; window.sanitizeDocsHtml = sanitizeDocsHtml;`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      format: 'iife',
      write: false,
      platform: 'browser',
    });
    page = await openPage();
    await page.setContent('<!doctype html><html><body><div id="raw"></div><div id="clean"></div></body></html>');
    await page.evaluate(() => {
      (window as unknown as { __xss: string[] }).__xss = [];
    });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });

    const corpus = XSS_CORPUS.join('\n');
    await page.evaluate((html) => {
      const w = window as unknown as { sanitizeDocsHtml: (html: string) => unknown };
      (document.getElementById('clean') as unknown as { append(node: unknown): void }).append(w.sanitizeDocsHtml(html));
    }, corpus);
    await page.waitForTimeout(500);
    for (const id of ['#js-link', '#tab-link', '#entity-link', '#data-link', '#onclick-link']) {
      if (await page.locator(`#clean ${id}`).count()) await page.locator(`#clean ${id}`).click({ force: true });
    }
    await page.waitForTimeout(300);
    await expect(page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).resolves.toEqual([]);
    await expect(leftovers(page, '#clean')).resolves.toEqual([]);
    // What documentation needs survives: text, safe links, images, task-list checkboxes, table alignment.
    const kept = await page.evaluate(() => {
      const w = window as unknown as { sanitizeDocsHtml: (html: string) => unknown };
      const div = document.createElement('div') as unknown as { append(node: unknown): void; innerHTML: string };
      div.append(
        w.sanitizeDocsHtml(
          '<p>ok</p><a href="../x/#y">rel</a><a href="https://e.example/">ext</a><img src="img/a.png" alt="a"><img src="data:image/png;base64,iVBORw0KGgo=" alt="b"><input type="text" onfocus="x()"><table><tr><td style="text-align:right">1</td></tr></table>',
        ),
      );
      return div.innerHTML;
    });
    expect(kept).toContain('<p>ok</p>');
    expect(kept).toContain('<a href="../x/#y">rel</a>');
    expect(kept).toContain('<a href="https://e.example/">ext</a>');
    expect(kept).toContain('<img src="img/a.png" alt="a">');
    expect(kept).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(kept).toContain('<input type="checkbox" disabled="">');
    expect(kept).toContain('<td align="right">1</td>');

    // The control: the same corpus inserted raw does run here, so the check above can fail.
    await page.evaluate((html) => {
      document.getElementById('raw')!.innerHTML = html;
    }, corpus);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __xss: string[] }).__xss.length)).toBeGreaterThan(0);
    await page.evaluate(() => {
      (window as unknown as { __xss: string[] }).__xss = [];
    });
  });
});

// Markdown in a repository, built by the portal on push: the reader shows what the renderer made
// (nav from mkdocs.yml, code, admonitions, edit link), Markdown-borne XSS does not run, and a
// push that breaks the build leaves the previous site readable under a banner saying why.
const BUILT_REPO = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: built-docs
  title: Built docs
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: docs-team
`,
  'mkdocs.yml': `site_name: Built handbook
nav:
  - Home: index.md
  - Guides:
      - Setup: guides/setup.md
`,
  'docs/index.md': `# Built handbook

Read the [install steps](guides/setup.md#install) first.

## Code

\`\`\`ts
const answer: number = 42;
\`\`\`

!!! warning "Careful"
    Admonitions come from Markdown too.

| Key | Value |
| --- | ----: |
| a   | 1     |

<script>window.__xss.push('md-script')</script>
<img src="x" onerror="window.__xss.push('md-img')">
<svg onload="window.__xss.push('md-svg')"></svg>
<iframe srcdoc="<script>parent.__xss.push('md-srcdoc')</script>"></iframe>
[a script link](javascript:window.__xss.push('md-js'))
<a href="jav&#x09;ascript:window.__xss.push('md-tab')">tabbed</a>
`,
  'docs/guides/setup.md': `# Setup

## Install

Run the installer.

## Configure

Set the options.
`,
};

/** Polls the docs status until `done` says so; the build runs on the GitHub queue. */
async function docsStatus(name: string, done: (s: { state: string; error: unknown; etag: string | null }) => boolean) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await fetch(`${portal.url}/api/techdocs/status/default/component/${name}`);
    const status = res.status === 200 ? ((await res.json()) as { state: string; error: unknown; etag: string | null }) : undefined;
    if (status && done(status)) return status;
    if (Date.now() > deadline) throw new Error(`docs of ${name} never got there: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('docs built on push', () => {
  it('reads a site built from Markdown, and keeps it readable when the next build fails', async () => {
    const org = standin.github.addOrg('fernhill-docs', []);
    const repo = standin.github.addRepo(org.account, 'handbook', BUILT_REPO);
    const installation = standin.github.install(org.account);
    expect(await standin.deliver(portal.url, 'installation', standin.hooks.installation('created', installation))).toBe(202);
    const built = await docsStatus('built-docs', (s) => s.state === 'ok');

    page = await openPage();
    await page.goto(`${portal.url}/catalog/default/component/built-docs/docs`);
    await expect.poll(() => h1(page)).toBe('Built handbook');
    const nav = page.getByRole('navigation', { name: 'Built handbook pages' });
    await expect(nav.getByRole('link').allInnerTexts()).resolves.toEqual(['Home', 'Setup']);
    await expect(article(page).locator('pre code .hljs-keyword').count()).resolves.toBeGreaterThan(0);
    await expect(article(page).locator('.admonition.warning .admonition-title').innerText()).resolves.toBe('Careful');
    await expect(page.locator('.docs-meta').getByRole('link', { name: 'Edit this page' }).getAttribute('href')).resolves.toMatch(
      /^https:\/\/github\.test\/fernhill-docs\/handbook\/edit\/main\/docs\/index\.md$/,
    );
    await expect(leftovers(page, '.docs-content')).resolves.toEqual([]);
    await article(page).getByRole('link', { name: 'install steps' }).click();
    await page.waitForURL(/\?page=guides%2Fsetup%2F#install$/);
    await expect.poll(() => h1(page)).toBe('Setup');
    await expect(page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).resolves.toEqual([]);
    await expect(page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).resolves.toEqual([]);

    // A push whose mkdocs.yml points at a missing page: the build fails, the last good site stays.
    standin.github.files(repo).set('mkdocs.yml', 'site_name: Built handbook\nnav:\n  - Home: index.md\n  - Gone: missing.md\n');
    expect(await standin.deliver(portal.url, 'push', standin.hooks.push(repo))).toBe(202);
    const failed = await docsStatus('built-docs', (s) => s.state === 'error');
    expect(failed.etag).toBe(built.etag);
    await page.goto(`${portal.url}/catalog/default/component/built-docs/docs`);
    const banner = page.getByRole('status').filter({ hasText: 'The latest docs build failed' });
    await expect.poll(() => banner.count()).toBe(1);
    await expect(banner.innerText()).resolves.toMatch(/missing\.md/);
    await expect.poll(() => h1(page)).toBe('Built handbook');
    await shot(page, 'build-error');
  }, 240_000);
});
