// The portal's entity page, relations graph, register flow, search page and command palette in real
// Chromium against a real local Greenroom holding the demo organisation. Screenshots (light, dark,
// phone) land in test-results/ for a human to look at.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDescriptorTree, type Descriptor } from './support/descriptors';
import { nonePending, registerLocation, waitForKeys } from './support/locations';
import { ROOT, SEED_DEMO, TEST_RESULTS } from './support/paths';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTestFolder, type ServedFolder } from './support/served-folder';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

// A repository the register flow adds: one component, described in its catalog-info.yaml.
const NEW_COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: parcel-tracker
  title: Parcel tracker
  description: Follows parcels from the depot to the door.
spec:
  type: service
  lifecycle: experimental
  owner: orders-team
  system: orders
`;
const BROKEN_FILE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Not A Valid Name!
spec:
  type: service
  owner: orders-team
  lifecycle: production
`;

let portal: TestPortal;
let seed: ServedFolder;
let repo: ServedFolder;
let repoDir: string;
let browser: Browser;
let demo: Descriptor[];
let page: Page;
let pageErrors: string[] = [];

const docs = (kind: string) => demo.map((d) => d.doc).filter((d) => d.kind === kind);
const shot = (p: Page, name: string) => p.screenshot({ path: join(TEST_RESULTS, `browser-portal-ui-${name}.png`), fullPage: true });

/** A fresh tab recording uncaught errors; `options` pick the colour scheme or a phone viewport. */
async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const p = await context.newPage();
  p.on('pageerror', (error) => pageErrors.push(error.message));
  return p;
}

/** Counts `POST /entities/by-refs` requests the page makes from now on. */
function countByRefs(p: Page): () => number {
  let n = 0;
  p.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/catalog/entities/by-refs')) n++;
  });
  return () => n;
}

/** No link or image on the page may carry a script URL. */
async function expectNoScriptUrls(p: Page) {
  expect(await p.locator('a[href^="javascript:" i], a[href*="javascript:" i], img[src*="javascript:" i]').count()).toBe(0);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist/index.html is missing: build the web app first (`npm run build`).');
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does).`);
  demo = await readDescriptorTree(SEED_DEMO, 'catalog-info.yaml');
  repoDir = await mkdtemp(join(tmpdir(), 'greenroom-import-'));
  await writeFile(join(repoDir, 'catalog-info.yaml'), NEW_COMPONENT);
  await writeFile(join(repoDir, 'broken.yaml'), BROKEN_FILE);
  await mkdir(TEST_RESULTS, { recursive: true });
  [portal, seed, repo, browser] = await Promise.all([
    startTestPortal(),
    serveTestFolder(SEED_DEMO),
    serveTestFolder(repoDir),
    chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
  ]);
  const { location } = await registerLocation(portal.url, `${seed.url}/catalog-info.yaml`);
  await waitForKeys(portal.url, [location.id], nonePending, 120_000);
}, 300_000);

afterAll(async () => {
  await Promise.all([browser?.close(), portal?.stop(), seed?.close(), repo?.close()]);
  if (repoDir) await rm(repoDir, { recursive: true, force: true });
});

afterEach(async () => {
  if (page) {
    await expectNoScriptUrls(page);
    await page.context().close();
  }
  expect(pageErrors.join('\n'), 'uncaught errors in the page').toBe('');
  pageErrors = [];
});

describe('entity page, relations and graph', () => {
  it('shows the header links, follows the Graph tab, loads one by-refs batch per depth and opens a clicked node', async () => {
    page = await openPage();
    const byRefs = countByRefs(page);
    await page.goto(`${portal.url}/catalog/default/component/payments-service`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Payments service');
    const links = page.getByRole('list', { name: 'Links' });
    await expect(links.getByRole('link', { name: /View source/ }).getAttribute('href')).resolves.toBe('https://github.com/fernhill-grocer/payments-service/tree/main/');
    const relations = page.locator('.card', { has: page.getByRole('heading', { name: 'Relations' }) });
    await expect.poll(() => relations.locator('dt').allTextContents()).toEqual(expect.arrayContaining(['Owned by', 'Part of', 'Provides API', 'Consumes API']));
    await shot(page, 'entity');

    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.waitForURL(/\/component\/payments-service\/graph$/);
    const root = page.locator('.graph-node-root');
    await expect.poll(() => root.getAttribute('aria-label')).toBe('Component Payments service');
    const team = page.locator('.graph-node[data-ref="group:default/payments-team"]');
    await expect.poll(() => team.count()).toBe(1);
    // The page's own entity is at hand: depth 1 needs one batch, for its neighbours.
    expect(byRefs()).toBe(1);
    await page.getByLabel('Depth').selectOption('2');
    await expect.poll(() => page.locator('.graph-node[data-ref="group:default/commerce-engineering"]').count()).toBe(1);
    expect(byRefs()).toBe(2);
    await page.getByLabel('Depth').selectOption('3');
    await expect.poll(() => page.locator('.graph-node[data-ref="group:default/fernhill"]').count()).toBe(1);
    expect(byRefs()).toBe(3);
    // Back to depth 1 and the relation filter re-use what was fetched.
    await page.getByLabel('Depth').selectOption('1');
    await page.getByRole('checkbox', { name: 'Ownership' }).uncheck();
    await expect.poll(() => team.count()).toBe(0);
    expect(byRefs()).toBe(3);
    await page.getByRole('checkbox', { name: 'Ownership' }).check();
    await expect.poll(() => team.count()).toBe(1);
    expect(byRefs()).toBe(3);
    await shot(page, 'graph-tab');

    // The keyboard alternative lists the same edges as links.
    await page.getByText(/^Relations as a list/).click();
    const edgeRows = page.locator('.graph-edge-list tbody tr');
    await expect.poll(() => edgeRows.count()).toBeGreaterThan(3);
    await expect(page.locator('.graph-edge-list').getByRole('row', { name: /Payments service Owned by/ }).count()).resolves.toBeGreaterThan(0);

    await team.click();
    await page.waitForURL(/\/catalog\/default\/group\/payments-team$/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(String(docs('Group').find((g) => g.metadata?.name === 'payments-team')?.metadata?.title ?? 'payments-team'));
  });

  it('serves /catalog-graph with Backstage query parameters, one batch per level, and is keyboard-operable', async () => {
    page = await openPage();
    // Without a root the page offers to find one (the nav entry lands here).
    await page.goto(`${portal.url}/catalog`);
    await page.getByRole('link', { name: 'Catalog graph' }).click();
    await page.getByRole('searchbox', { name: 'Find an entity to start from' }).pressSequentially('payments', { delay: 30 });
    await page.getByRole('list', { name: 'Matching entities' }).getByRole('link', { name: /Payments service/ }).click();
    await page.waitForURL(/rootEntityRefs%5B%5D=component%3Adefault%2Fpayments-service|rootEntityRefs\[\]=component/);
    await expect.poll(() => page.locator('.graph-node-root').getAttribute('aria-label')).toBe('Component Payments service');
    await page.context().close();

    page = await openPage();
    const byRefs = countByRefs(page);
    await page.goto(`${portal.url}/catalog-graph?rootEntityRefs[]=component:default/payments-service&maxDepth=2`);
    await expect.poll(() => page.locator('.graph-node[data-ref="group:default/commerce-engineering"]').count()).toBe(1);
    // Level 0 (the root), 1 and 2.
    expect(byRefs()).toBe(3);
    await page.locator('.graph-node[data-ref="api:default/payments-api"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/catalog\/default\/api\/payments-api$/);
    expect(byRefs()).toBe(3);
  });

  it('renders an OpenAPI definition as operations with parameters and responses, and GraphQL as highlighted source', async () => {
    page = await openPage();
    const openapi = parse(await readFile(join(SEED_DEMO, 'apis', 'orders.openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, { summary?: string }>> };
    const expected = Object.entries(openapi.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m)).map((m) => `${m.toUpperCase()} ${path}`));
    await page.goto(`${portal.url}/catalog/default/api/orders-api/definition`);
    const operations = page.locator('.api-operation-summary');
    await expect.poll(() => operations.count()).toBe(expected.length);
    const shown = (await operations.evaluateAll((els) => els.map((el) => `${el.querySelector('.api-method')?.textContent} ${el.querySelector('.api-path')?.textContent}`))).sort();
    expect(shown).toEqual([...expected].sort());
    await page.locator('.api-operation-summary', { hasText: 'Place an order' }).click();
    const placed = page.locator('.api-operation[open]');
    await expect(placed.getByRole('columnheader', { name: 'Name' }).count()).resolves.toBe(1);
    await expect(placed.getByText('Idempotency-Key').count()).resolves.toBe(1);
    await expect(placed.getByRole('heading', { name: /Request body/ }).count()).resolves.toBe(1);
    await expect(placed.getByRole('heading', { name: 'Responses' }).count()).resolves.toBe(1);
    await expect.poll(() => page.locator('.api-schemas summary').count()).toBeGreaterThan(0);
    await shot(page, 'openapi');

    await page.goto(`${portal.url}/catalog/default/api/storefront-graphql/definition`);
    await expect.poll(() => page.locator('pre[data-language="graphql"] .hljs-keyword').count()).toBeGreaterThan(0);
    await page.goto(`${portal.url}/catalog/default/api/order-events/definition`);
    await expect.poll(() => page.locator('pre[data-language="yaml"] .hljs-attr').count()).toBeGreaterThan(0);
    await shot(page, 'asyncapi');
  });

  it('never renders script URLs from annotations or profiles, and offers to unregister an orphan', async () => {
    page = await openPage();
    const base = (await fetch(`${portal.url}/api/catalog/entities/by-name/user/default/amara.okafor`).then((r) => r.json())) as Record<string, unknown> & { metadata: Record<string, unknown>; spec: Record<string, unknown> };
    const hostile = {
      ...base,
      metadata: {
        ...base.metadata,
        annotations: { 'backstage.io/orphan': 'true', 'backstage.io/source-location': 'url:javascript:alert(1)', 'backstage.io/edit-url': 'JavaScript:alert(2)', 'backstage.io/view-url': 'data:text/html,x' },
        links: [{ url: 'javascript:alert(3)', title: 'Run me' }],
      },
      spec: { ...base.spec, profile: { displayName: 'Amara Okafor', email: 'amara@fernhill.example', picture: 'javascript:alert(4)' } },
    };
    await page.route('**/api/catalog/entities/by-name/user/default/amara.okafor', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(hostile) }));
    await page.goto(`${portal.url}/catalog/default/user/amara.okafor`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('amara.okafor');
    await expect.poll(() => page.getByText('This entity is orphaned').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Unregister entity' }).count()).toBe(1);
    await expect(page.getByRole('list', { name: 'Links' }).getByRole('link').count()).resolves.toBe(0);
    await expect.poll(() => page.locator('.profile .avatar').count()).toBe(1);
    expect(await page.locator('img[src*="javascript" i]').count()).toBe(0);
    await page.getByRole('button', { name: 'Unregister entity' }).click();
    await expect(page.getByRole('alertdialog', { name: 'Unregister this orphaned entity?' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('group and user pages', () => {
  it('shows a group\'s members, child groups and everything it owns', async () => {
    page = await openPage();
    const group = 'commerce-engineering';
    const members = docs('User').filter((u) => (u.spec?.memberOf as string[] | undefined)?.includes(group));
    expect(members.length).toBeGreaterThan(0);
    const owned = (await fetch(`${portal.url}/api/catalog/entities/by-query?filter=relations.ownedBy=group:default/${group}&limit=200&fields=metadata.name`).then((r) => r.json())) as { items: unknown[]; totalItems: number };
    await page.goto(`${portal.url}/catalog/default/group/${group}`);
    const membersCard = page.locator('.card', { has: page.getByRole('heading', { name: /^Members/ }) });
    await expect.poll(() => membersCard.locator('.member-name').allInnerTexts()).toEqual(
      [...members]
        .sort((a, b) => (String(a.metadata?.name) < String(b.metadata?.name) ? -1 : 1))
        .map((m) => String((m.spec?.profile as { displayName?: string })?.displayName ?? m.metadata?.name)),
    );
    await expect(membersCard.getByRole('link', { name: /@fernhill\.example$/ }).first().getAttribute('href')).resolves.toMatch(/^mailto:/);
    const profile = page.locator('.card', { has: page.getByRole('heading', { name: 'Profile' }) });
    await expect.poll(() => profile.getByRole('link', { name: 'payments-team' }).count()).toBe(1);
    const ownership = page.locator('.card', { has: page.getByRole('heading', { name: /^Ownership/ }) });
    await expect.poll(() => ownership.getByRole('heading', { name: /^Ownership/ }).innerText()).toBe(`Ownership (${owned.totalItems})`);
    await shot(page, 'group');

    // A user sees what their groups own too.
    const user = members[0]!;
    await page.goto(`${portal.url}/catalog/default/user/${user.metadata?.name}`);
    const userOwnership = page.locator('.card', { has: page.getByRole('heading', { name: /^Ownership/ }) });
    await expect.poll(() => userOwnership.getByRole('heading', { name: /^Ownership/ }).innerText()).toBe(`Ownership (${owned.totalItems})`);
    await expect.poll(() => page.getByText(/Including what this user's group owns/).count()).toBe(1);
    await shot(page, 'user');
  });
});

describe('register an existing component', () => {
  it('previews a location, registers it and lands on the new entity once it is readable', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog`);
    await page.getByRole('link', { name: 'Register existing' }).click();
    await page.waitForURL(/\/catalog-import$/);
    const input = page.getByLabel('Repository or descriptor URL');

    await input.fill(`${repo.url}/missing.yaml`);
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Could not read that location' }).count()).toBe(1);
    await expect.poll(() => page.locator('.error-details').innerText()).toContain('POST /api/catalog/analyze-location');

    await input.fill(`${repo.url}/broken.yaml`);
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect.poll(() => page.getByText(/problem in this location/).count()).toBe(1);
    await expect.poll(() => page.getByText('There is nothing to register.').count()).toBe(1);
    await shot(page, 'import-problem');

    await input.fill(`${repo.url}/catalog-info.yaml`);
    await page.getByRole('button', { name: 'Analyze' }).click();
    const preview = page.locator('.import-preview');
    await expect.poll(() => preview.locator('.import-entity-name').allInnerTexts()).toEqual(['Parcel tracker']);
    await shot(page, 'import-preview');
    let polls = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/catalog/entities/by-name/component/default/parcel-tracker')) polls++;
    });
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(/\/catalog\/default\/component\/parcel-tracker$/, { timeout: 60_000 });
    await expect.poll(() => page.locator('h1').innerText()).toBe('Parcel tracker');
    expect(polls).toBeGreaterThan(0);

    // Registering the same location again is refused, and says why.
    await page.goto(`${portal.url}/catalog-import`);
    await page.getByLabel('Repository or descriptor URL').fill(`${repo.url}/catalog-info.yaml`);
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect.poll(() => page.getByText('already registered').count()).toBe(1);
    await expect.poll(() => page.getByText('Everything here is registered already.').count()).toBe(1);
  });
});

describe('search page and command palette', () => {
  it('groups results by type, marks matches without HTML, and filters by type', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/search?query=payments`);
    const results = page.locator('.search-result');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.search-result mark').first().innerText()).toMatch(/payments/i);
    await expect(page.getByRole('heading', { name: 'Software catalog' }).count()).resolves.toBe(1);
    await page.getByRole('radio', { name: 'Documentation' }).click();
    await page.waitForURL(/types%5B%5D=techdocs|types\[\]=techdocs/);
    await page.getByRole('radio', { name: 'All' }).click();
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    await shot(page, 'search');

    // A hostile title arrives as text, and a script location is not linked.
    await page.route('**/api/search/query?*', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          numberOfResults: 1,
          results: [{ type: 'software-catalog', rank: 1, document: { title: 'x', text: '', location: 'javascript:alert(1)', kind: 'Component' }, highlight: { preTag: '<gr-hl>', postTag: '</gr-hl>', fields: { title: '<img src=x onerror="window.__pwned=1"><gr-hl>evil</gr-hl>', text: '' } } }],
        }),
      }),
    );
    await page.goto(`${portal.url}/search?query=evil`);
    await expect.poll(() => page.locator('.search-result-title').innerText()).toBe('<img src=x onerror="window.__pwned=1">evil');
    expect(await page.locator('.search-result img').count()).toBe(0);
    expect(await page.locator('.search-result-title a').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('opens with Ctrl-K anywhere, moves with the arrows, opens with Enter and closes with Escape', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog`);
    await expect.poll(() => page.locator('.palette-trigger').count()).toBe(1);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog');
    const input = page.getByRole('combobox', { name: 'Search entities, docs and pages' });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    await page.keyboard.press('Control+k');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.pressSequentially('payments', { delay: 30 });
    const options = page.getByRole('option');
    const isService = (label: string) => label.startsWith('Payments service') && label.includes('Component');
    await expect.poll(async () => (await options.allInnerTexts()).filter(isService).length).toBe(1);
    await expect.poll(() => page.locator('.palette-option mark').count()).toBeGreaterThan(0);
    await shot(page, 'palette');
    // Walk down to the service with the arrow keys, then open it.
    const labels = await options.allInnerTexts();
    const target = labels.findIndex(isService);
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(async () => isService(await page.locator('.palette-option[aria-selected="true"]').innerText())).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/catalog\/default\/component\/payments-service$/);
    await expect.poll(() => dialog.count()).toBe(0);

    // Pages are there too.
    await page.keyboard.press('Meta+k');
    await input.pressSequentially('regis', { delay: 30 });
    await expect.poll(() => page.locator('.palette-option[aria-selected="true"]').innerText()).toMatch(/^Register existing/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/catalog-import$/);
  });
});

describe('screenshots in dark and on a phone', () => {
  it('renders the entity, graph, group and search pages dark and narrow', async () => {
    for (const [name, options] of [
      ['dark', { colorScheme: 'dark' }],
      ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ] as const) {
      page = await openPage(options);
      await page.goto(`${portal.url}/catalog/default/component/payments-service/graph`);
      await expect.poll(() => page.locator('.graph-node').count()).toBeGreaterThan(2);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(name === 'dark' ? 'dark' : 'light');
      await shot(page, `${name}-graph`);
      await page.goto(`${portal.url}/catalog/default/group/payments-team`);
      await expect.poll(() => page.locator('.member-name').count()).toBeGreaterThan(0);
      await shot(page, `${name}-group`);
      await page.goto(`${portal.url}/catalog/default/api/orders-api/definition`);
      await expect.poll(() => page.locator('.api-operation').count()).toBeGreaterThan(0);
      await page.locator('.api-operation-summary').first().click();
      await shot(page, `${name}-openapi`);
      await page.goto(`${portal.url}/search?query=order`);
      await expect.poll(() => page.locator('.search-result').count()).toBeGreaterThan(0);
      await shot(page, `${name}-search`);
      await page.goto(`${portal.url}/catalog-import`);
      await expect.poll(() => page.getByLabel('Repository or descriptor URL').count()).toBe(1);
      await shot(page, `${name}-import`);
      await expectNoScriptUrls(page);
      await page.context().close();
    }
    page = await openPage({ colorScheme: 'dark' });
    await page.goto(`${portal.url}/catalog`);
    await expect.poll(() => page.locator('.palette-trigger').count()).toBe(1);
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search entities, docs and pages' }).pressSequentially('order', { delay: 30 });
    await expect.poll(() => page.locator('.palette-option mark').count()).toBeGreaterThan(0);
    await shot(page, 'dark-palette');
  });
});
