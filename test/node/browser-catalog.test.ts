// The built web app in real Chromium against a real local Greenroom holding the demo
// organisation: what an engineer does first, from the catalog list to an entity and onwards.
// Screenshots land in test-results/ (git-ignored) for a human to look at.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkBrowserPrerequisites, launchChromium } from './support/browser';
import { readDescriptorTree, type Descriptor } from './support/descriptors';
import { registerLocation } from './support/locations';
import { PageProblems } from './support/page-problems';
import { SEED_DEMO, TEST_RESULTS } from './support/paths';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTempFiles, serveTestFolder, type ServedFolder } from './support/served-folder';

// A descriptor whose links a hostile repository could write: the script URL must never become a link.
const LINKS_COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: link-check
  title: Link check
  links:
    - url: "javascript:alert(document.domain)"
      title: Run me
    - url: " JavaScript:alert(1)"
      title: Run me too
    - url: https://runbooks.fernhill.example/link-check
      title: Runbook
spec:
  type: service
  lifecycle: experimental
  owner: payments-team
`;

let portal: TestPortal;
let seed: ServedFolder;
let extra: ServedFolder;
let browser: Browser;
let demo: Descriptor[];
let extraLocationId: string;
let page: Page;
const pageErrors = new PageProblems();

const label = (d: { metadata?: { name?: string; title?: string } }) => d.metadata?.title ?? String(d.metadata?.name);
const byName = (a: Descriptor['doc'], b: Descriptor['doc']) => (String(a.metadata?.name) < String(b.metadata?.name) ? -1 : 1);
/** Labels of the demo's entities of one kind, in the order the catalog lists them (by name). */
const demoLabels = (kind: string) =>
  demo
    .map((d) => d.doc)
    .filter((d) => d.kind === kind)
    .sort(byName)
    .map(label);
const demoOf = (kind: string, name: string) => demo.find((d) => d.doc.kind === kind && d.doc.metadata?.name === name)!.doc;
const rowNames = (p: Page) => p.locator('table tbody tr th a').allInnerTexts();
const tableTitle = async (p: Page) => ((await p.locator('#catalog-table-title').textContent()) ?? '').replace(/\s+/g, ' ').trim();
const shot = (name: string) => page.screenshot({ path: join(TEST_RESULTS, `browser-catalog-${name}.png`), fullPage: true });

/** A fresh tab that records uncaught errors of the app. */
async function openPage(): Promise<Page> {
  return pageErrors.watch(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
}

/** The labels the catalog should list for one kind, as the API orders them (by name). */
async function expectedRows(query: string): Promise<string[]> {
  const res = await fetch(`${portal.url}/api/catalog/entities/by-query?${query}&orderField=metadata.name,asc&limit=25&fields=metadata.name,metadata.title`);
  const { items } = (await res.json()) as { items: { metadata: { name: string; title?: string } }[] };
  return items.map(label);
}

beforeAll(async () => {
  checkBrowserPrerequisites();
  demo = await readDescriptorTree(SEED_DEMO, 'catalog-info.yaml');
  await mkdir(TEST_RESULTS, { recursive: true });
  [portal, seed, extra, browser] = await Promise.all([
    startTestPortal(),
    serveTestFolder(SEED_DEMO),
    serveTempFiles('greenroom-links-', { 'catalog-info.yaml': LINKS_COMPONENT }),
    launchChromium(),
  ]);
  await registerLocation(portal.url, `${seed.url}/catalog-info.yaml`);
  extraLocationId = (await registerLocation(portal.url, `${extra.url}/catalog-info.yaml`)).location.id;
}, 240_000);

afterAll(async () => {
  await Promise.all([browser?.close(), portal?.stop(), seed?.close(), extra?.close()]);
});

afterEach(async () => {
  await page?.close();
  pageErrors.expectNone('uncaught errors in the page');
});

describe('the catalog in a browser', () => {
  it('lists the components, switches kind, and narrows the list as one types', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog`);
    const components = await expectedRows('filter=kind=component');
    expect(components).toEqual(expect.arrayContaining(demoLabels('Component')));
    await expect.poll(() => rowNames(page)).toEqual(components);
    await expect.poll(() => tableTitle(page)).toBe(`Components ${components.length}`);
    await shot('components');

    await page.getByRole('button', { name: /^Kind/ }).click();
    await page.getByRole('option', { name: /^API\b/ }).click();
    await page.waitForURL(/[?&]kind=api\b/);
    const apis = demoLabels('API');
    await expect.poll(() => rowNames(page)).toEqual(apis);
    await expect.poll(() => tableTitle(page)).toBe(`APIs ${apis.length}`);
    await shot('apis');

    await page.getByRole('button', { name: /^Kind/ }).click();
    await page.getByRole('option', { name: /^Component\b/ }).click();
    await expect.poll(() => rowNames(page)).toEqual(components);
    await page.getByRole('searchbox', { name: 'Search components' }).pressSequentially('pay', { delay: 40 });
    await page.waitForURL(/[?&]q=pay\b/);
    const narrowed = await expectedRows('filter=kind=component&fullTextFilterTerm=pay');
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(components.length);
    await expect.poll(() => rowNames(page)).toEqual(narrowed);
    await shot('search');
  });

  it('opens an entity page with its owner and relations, and follows a relation', async () => {
    page = await openPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(`${portal.url}/catalog`);
    // Once rows show, the code of a component's page, its tabs and cards, is fetched before any click.
    const preloaded = () => new Set(scripts.map((s) => /\/(OverviewTab|AboutCard|RelationsCard)-[\w-]+\.js$/.exec(s)?.[1]).filter(Boolean));
    await expect.poll(() => preloaded().size).toBe(3);
    const service = demoOf('Component', 'payments-service');
    await page.getByRole('link', { name: label(service), exact: true }).click();
    await page.waitForURL(/\/catalog\/default\/component\/payments-service$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(label(service));
    const header = page.locator('.entity-header');
    await expect(header.getByRole('link', { name: 'payments-team' }).count()).resolves.toBe(1);
    const relations = page.locator('.card', { has: page.getByRole('heading', { name: 'Relations' }) });
    await expect.poll(() => relations.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['Owned by', 'Part of']));
    await expect(relations.getByRole('link', { name: /payments-team/ }).count()).resolves.toBeGreaterThan(0);
    await shot('entity');

    await relations.getByRole('link', { name: /system.*payments/ }).first().click();
    await page.waitForURL(/\/catalog\/default\/system\/payments$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(label(demoOf('System', 'payments')));
    await shot('followed-relation');
  });

  it('serves a deep link to an entity page directly (SPA fallback)', async () => {
    page = await openPage();
    const response = await page.goto(`${portal.url}/catalog/default/api/payments-api`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(label(demoOf('API', 'payments-api')));
    await shot('deep-link');
  });

  it('never renders a javascript: URL from metadata.links as a link', async () => {
    // The catalog refuses such links at ingestion (a recorded processing error); the web app must
    // still never render one, e.g. from an entity stored before that rule: the API answer is
    // altered on its way to the browser to carry them.
    const status = (await fetch(`${portal.url}/api/catalog/locations/${extraLocationId}/status`).then((r) => r.json())) as { keys: { errors: { rule: string }[] }[] };
    expect(status.keys.flatMap((k) => k.errors.map((e) => e.rule))).toContain('policy:field-format:metadata.links');
    expect((await fetch(`${portal.url}/api/catalog/entities/by-name/component/default/link-check`)).status).toBe(404);
    const base = (await fetch(`${portal.url}/api/catalog/entities/by-name/api/default/payments-api`).then((r) => r.json())) as Record<string, unknown> & { metadata: Record<string, unknown> };
    const injected = {
      ...base,
      kind: 'Component',
      metadata: { ...base.metadata, name: 'link-check', title: 'Link check', links: [{ url: 'javascript:alert(document.domain)', title: 'Run me' }, { url: ' JavaScript:alert(1)', title: 'Run me too' }, { url: 'https://runbooks.fernhill.example/link-check', title: 'Runbook' }] },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'payments-team' },
    };
    page = await openPage();
    await page.route('**/api/catalog/entities/by-name/component/default/link-check', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(injected) }));
    await page.goto(`${portal.url}/catalog/default/component/link-check`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Link check');
    const links = page.getByRole('list', { name: 'Links' });
    await expect(links.getByText('Run me', { exact: true }).count()).resolves.toBe(1);
    await expect(links.getByText('Run me too', { exact: true }).count()).resolves.toBe(1);
    expect(await page.locator('a[href*="javascript:" i]').count()).toBe(0);
    await expect(links.getByRole('link', { name: /Runbook/ }).getAttribute('href')).resolves.toBe('https://runbooks.fernhill.example/link-check');
    await expect(links.getByRole('link').count()).resolves.toBe(1);
    await shot('links');
  });
});
