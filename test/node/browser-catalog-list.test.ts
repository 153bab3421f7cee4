// The catalog list in real Chromium against a real local Greenroom (local guest): facet
// filters with their counts, sorting, cursor paging, a URL that keeps the view across a reload,
// stars, keyboard-only use of the table, a phone-sized screen and both themes.
// Screenshots land in test-results/ (git-ignored) for a human to look at.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkBrowserPrerequisites, launchChromium } from './support/browser';
import { registerLocation } from './support/locations';
import { PageProblems } from './support/page-problems';
import { SEED_DEMO, TEST_RESULTS } from './support/paths';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTempFiles, serveTestFolder, type ServedFolder } from './support/served-folder';

const BULK = 60;
const pad = (i: number) => String(i).padStart(3, '0');

/** Two teams and 60 components spread over owners, lifecycles, tags and a system: enough for three pages. */
function bulkCatalog(): string {
  const docs = [
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-alpha }\nspec: { type: team, children: [] }',
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-beta }\nspec: { type: team, children: [] }',
    'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: bulk-system }\nspec: { owner: team-alpha }',
  ];
  for (let i = 0; i < BULK; i++) {
    const lifecycle = ['production', 'experimental', 'deprecated'][i % 3];
    const system = i % 4 === 0 ? ', system: bulk-system' : '';
    docs.push(
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: bulk-${pad(i)}, description: Bulk component ${i}, tags: [bulk, ${i % 2 ? 'odd' : 'even'}] }\n` +
        `spec: { type: ${i % 5 === 0 ? 'library' : 'service'}, lifecycle: ${lifecycle}, owner: ${i % 2 ? 'team-beta' : 'team-alpha'}${system} }`,
    );
  }
  return `${docs.join('\n---\n')}\n`;
}

let portal: TestPortal;
let seed: ServedFolder;
let bulk: ServedFolder;
let browser: Browser;
let page: Page;
const pageErrors = new PageProblems();

const shot = (name: string, p: Page = page) => p.screenshot({ path: join(TEST_RESULTS, `browser-catalog-list-${name}.png`), fullPage: true });
const rowNames = (p: Page = page) => p.locator('table tbody tr th a').allInnerTexts();
const tableTitle = async () => ((await page.locator('#catalog-table-title').textContent()) ?? '').replace(/\s+/g, ' ').trim();
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const getJson = async <T>(path: string): Promise<T> => (await fetch(`${portal.url}${path}`)).json() as Promise<T>;
/** A facet's checkbox by its label text (value and count). */
const facetBox = (facet: string, value: string) => page.getByRole('group', { name: facet }).getByRole('checkbox', { name: new RegExp(`^${value}\\b`) });
/** The checkbox with its label, as a person sees and clicks it. */
const facetItem = (facet: string, value: string) =>
  page.getByRole('group', { name: facet }).locator('.facet-checkbox').filter({ has: page.getByRole('checkbox', { name: new RegExp(`^${value}\\b`) }) });

/** The names the API lists for a first page, in its order. */
async function apiNames(query: string): Promise<{ names: string[]; total: number; next?: string }> {
  const body = await getJson<{ items: { metadata: { name: string; title?: string } }[]; totalItems: number; pageInfo: { nextCursor?: string } }>(
    `/api/catalog/entities/by-query?${query}&limit=25&fields=metadata.name,metadata.title`,
  );
  return { names: body.items.map((i) => i.metadata.title ?? i.metadata.name), total: body.totalItems, next: body.pageInfo.nextCursor };
}

async function facetCount(facet: string, filter: string, value: string): Promise<number> {
  const { facets } = await getJson<{ facets: Record<string, { value: string; count: number }[]> }>(
    `/api/catalog/entity-facets?facet=${encodeURIComponent(facet)}&filter=${encodeURIComponent(filter)}`,
  );
  return facets[facet]!.filter((f) => f.value.toLowerCase() === value.toLowerCase()).reduce((n, f) => n + f.count, 0);
}

async function openPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  return pageErrors.watch(await browser.newPage({ viewport }));
}

beforeAll(async () => {
  checkBrowserPrerequisites();
  await mkdir(TEST_RESULTS, { recursive: true });
  [portal, seed, bulk, browser] = await Promise.all([
    startTestPortal(),
    serveTestFolder(SEED_DEMO),
    serveTempFiles('greenroom-bulk-', { 'catalog-info.yaml': bulkCatalog() }),
    launchChromium(),
  ]);
  await registerLocation(portal.url, `${seed.url}/catalog-info.yaml`);
  await registerLocation(portal.url, `${bulk.url}/catalog-info.yaml`);
}, 240_000);

afterAll(async () => {
  await Promise.all([browser?.close(), portal?.stop(), seed?.close(), bulk?.close()]);
});

afterEach(async () => {
  await page?.close();
  pageErrors.expectNone('uncaught errors in the page');
});

describe('the catalog list in a browser', () => {
  it('filters by facets with counts, sorts, pages forward and back, and keeps the view in the URL across a reload', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog`);
    const all = await apiNames('filter=kind=component&orderField=metadata.name,asc');
    await poll(() => rowNames()).toEqual(all.names);

    // Counts next to each value are the catalog's own facet counts.
    const alphaCount = await facetCount('relations.ownedBy', 'kind=component', 'group:default/team-alpha');
    expect(alphaCount).toBe(BULK / 2);
    await poll(() => facetItem('Owner', 'team-alpha').textContent()).toMatch(new RegExp(`team-alpha\\s*${alphaCount}$`));
    await facetItem('Owner', 'team-alpha').click();
    await page.waitForURL(/[?&]owner=group%3Adefault%2Fteam-alpha\b/);
    await poll(() => tableTitle()).toBe(`Components ${alphaCount}`);

    // Other facets count within the owner filter now.
    const ownerFilter = 'kind=component,relations.ownedBy=group:default/team-alpha';
    const production = await facetCount('spec.lifecycle', ownerFilter, 'production');
    expect(production).toBeGreaterThan(0);
    expect(production).toBeLessThan(alphaCount);
    await poll(() => facetItem('Lifecycle', 'production').textContent()).toMatch(new RegExp(`production\\s*${production}$`));
    await facetItem('Lifecycle', 'production').click();
    await page.waitForURL(/[?&]lifecycle=production\b/);
    await poll(() => tableTitle()).toBe(`Components ${production}`);
    await facetItem('Lifecycle', 'production').click();
    await page.waitForURL((url) => !url.searchParams.has('lifecycle'));
    await poll(() => tableTitle()).toBe(`Components ${alphaCount}`);
    await shot('filtered');

    // Sorting is the server's: name descending.
    const nameHeader = page.getByRole('columnheader', { name: /^Name/ });
    await expect(nameHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    await nameHeader.getByRole('button').click();
    await page.waitForURL(/[?&]order=desc\b/);
    const descending = await apiNames(`filter=${encodeURIComponent(ownerFilter)}&orderField=metadata.name,desc`);
    await poll(() => rowNames()).toEqual(descending.names);
    await expect(nameHeader.getAttribute('aria-sort')).resolves.toBe('descending');

    // Forward, forward, back: each page is the API's, and the cursor is in the URL.
    const pages: string[][] = [descending.names];
    let cursor = descending.next;
    for (let i = 0; i < 2 && cursor; i++) {
      const next = await getJson<{ items: { metadata: { name: string } }[]; pageInfo: { nextCursor?: string } }>(
        `/api/catalog/entities/by-query?cursor=${encodeURIComponent(cursor)}&limit=25&fields=metadata.name`,
      );
      pages.push(next.items.map((n) => n.metadata.name));
      cursor = next.pageInfo.nextCursor;
    }
    expect(pages.length).toBe(2);
    await page.getByRole('link', { name: 'Next' }).click();
    await page.waitForURL(/[?&]cursor=/);
    await poll(() => rowNames()).toEqual(pages[1]);
    await shot('page-2');
    await page.getByRole('link', { name: 'Previous' }).click();
    await poll(() => rowNames()).toEqual(pages[0]);
    await page.getByRole('link', { name: 'Next' }).click();
    await poll(() => rowNames()).toEqual(pages[1]);

    // The URL is the view: a reload (or a colleague opening it) shows the same page, filters and sort.
    const shared = page.url();
    await page.reload();
    await poll(() => rowNames()).toEqual(pages[1]);
    expect(page.url()).toBe(shared);
    await expect(facetBox('Owner', 'team-alpha').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort')).resolves.toBe('descending');
    const other = await openPage();
    await other.goto(shared);
    await poll(() => rowNames(other)).toEqual(pages[1]);
    await other.close();

    // Back through history undoes one step at a time.
    await page.goBack();
    await poll(() => rowNames()).toEqual(pages[0]);
  });

  it('shows the first page of the same view, and says so, when a page link has expired', async () => {
    page = await openPage();
    const stale = btoa(JSON.stringify({ s: '{"order":[],"direction":"next","boundary":["component:default/bulk-001"]}', h: 'AAAA' }));
    await page.goto(`${portal.url}/catalog?owner=group:default/team-alpha&cursor=${encodeURIComponent(stale)}`);
    await page.waitForURL((url) => !url.searchParams.has('cursor') && url.searchParams.get('owner') === 'group:default/team-alpha');
    const first = await apiNames('filter=kind=component,relations.ownedBy=group:default/team-alpha&orderField=metadata.name,asc');
    await poll(() => rowNames()).toEqual(first.names);
    const notice = page.getByRole('status').filter({ hasText: 'That page link has expired' });
    await expect(notice.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    await shot('expired-link');
    // Any change of view is a fresh start: the notice goes.
    await facetItem('Lifecycle', 'production').click();
    await page.waitForURL(/[?&]lifecycle=production\b/);
    await poll(() => notice.count()).toBe(0);
  });

  it('narrows with the full-text box together with facets, and clears everything at once', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog?tags=odd`);
    await poll(() => tableTitle()).toBe(`Components ${BULK / 2}`);
    await page.getByRole('searchbox', { name: 'Search components' }).pressSequentially('bulk-01', { delay: 30 });
    await page.waitForURL(/[?&]q=bulk-01\b/);
    const expected = await apiNames('filter=kind=component,metadata.tags=odd&fullTextFilterTerm=bulk-01&orderField=metadata.name,asc');
    expect(expected.names.length).toBeGreaterThan(0);
    await poll(() => rowNames()).toEqual(expected.names);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.waitForURL((url) => !url.search.includes('tags') && !url.search.includes('q='));
    const everything = await apiNames('filter=kind=component');
    expect(everything.total).toBeGreaterThan(BULK / 2);
    await poll(() => tableTitle()).toBe(`Components ${everything.total}`);
    await expect(facetBox('Tags', 'odd').isChecked()).resolves.toBe(false);
    await expect(page.getByRole('searchbox', { name: 'Search components' }).inputValue()).resolves.toBe('');
  });

  it('stars an entity from the table and from its page, stored on the server', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog?q=bulk-007`);
    await poll(() => rowNames()).toEqual(['bulk-007']);
    const star = page.getByRole('button', { name: 'Star bulk-007' });
    await expect(star.getAttribute('aria-pressed')).resolves.toBe('false');
    await star.click();
    await poll(() => star.getAttribute('aria-pressed')).toBe('true');
    const stars = async () => (await getJson<{ items: { entityRef: string }[] }>('/api/settings/starred')).items.map((s) => s.entityRef);
    await poll(stars).toContain('component:default/bulk-007');

    await page.getByRole('link', { name: 'bulk-007' }).click();
    await page.waitForURL(/\/catalog\/default\/component\/bulk-007$/);
    const headerStar = page.locator('.entity-header').getByRole('button', { name: 'Star bulk-007' });
    await poll(() => headerStar.getAttribute('aria-pressed')).toBe('true');
    await shot('entity-starred');
    await headerStar.click();
    await poll(() => headerStar.getAttribute('aria-pressed')).toBe('false');
    await poll(stars).not.toContain('component:default/bulk-007');
  });

  it('works from the keyboard alone: Tab to the table, arrows between rows, Enter opens the entity', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/catalog?owner=group:default/team-beta`);
    const names = (await apiNames('filter=kind=component,relations.ownedBy=group:default/team-beta&orderField=metadata.name,asc')).names;
    await poll(() => rowNames()).toEqual(names);
    const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', cls: (document.activeElement as HTMLElement | null)?.className ?? '' }));
    let presses = 0;
    while (!(await focused()).cls.includes('entity-name-link')) {
      await page.keyboard.press('Tab');
      if (++presses > 80) throw new Error('Tab never reached the table');
    }
    expect((await focused()).text).toBe(names[0]);
    // The focused link is visibly marked.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect((await focused()).text).toBe(names[2]);
    await page.keyboard.press('ArrowUp');
    expect((await focused()).text).toBe(names[1]);
    await page.keyboard.press('End');
    expect((await focused()).text).toBe(names[names.length - 1]);
    await page.keyboard.press('Home');
    expect((await focused()).text).toBe(names[0]);
    // The row's star is just before its name; arrows then move between the rows' stars.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Star ${names[0]}`);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Star ${names[1]}`);
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe(names[1]);
    await shot('keyboard');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/catalog/default/component/${names[1]}$`));
    await poll(() => page.locator('h1').innerText()).toBe(names[1]);
  });

  it('folds the filters into a disclosure on a phone', async () => {
    page = await openPage({ width: 390, height: 844 });
    await page.goto(`${portal.url}/catalog`);
    await poll(() => rowNames().then((r) => r.length)).toBe(25);
    const toggle = page.getByRole('button', { name: /^Filters/ });
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByRole('group', { name: 'Owner' }).isVisible()).resolves.toBe(false);
    await shot('phone');
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await poll(() => page.getByRole('group', { name: 'Owner' }).isVisible()).toBe(true);
    await facetItem('Owner', 'team-beta').click();
    await page.waitForURL(/[?&]owner=/);
    await poll(() => tableTitle()).toBe(`Components ${BULK / 2}`);
    await shot('phone-filters');
  });

  it('looks right in the dark theme', async () => {
    page = await openPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${portal.url}/catalog?owner=group:default/team-alpha`);
    await poll(() => tableTitle()).toBe(`Components ${BULK / 2}`);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(14, 16, 20)');
    await shot('dark');
  });
});
