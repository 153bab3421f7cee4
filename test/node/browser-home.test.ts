// The home page and the theme switch in real Chromium, signed in for real (guest mode off) through
// the local GitHub OAuth stand-in, against a local Greenroom holding the demo organisation:
// what one owns through one's groups, stars that follow the person, recent changes, search and
// quick links; light and dark themes that persist and never flash. Screenshots land in test-results/.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OAuthStandinServer } from '../../scripts/lib/github-oauth-standin-server.mjs';
import { signInThroughStandin } from './support/oauth-sign-in';
import { PageProblems } from './support/page-problems';
import { TEST_RESULTS } from './support/paths';
import type { TestPortal } from './support/portal';
import { startSignedInDemo, type SignedInDemo } from './support/signed-in-demo';

// Fernhill's people (seed/demo/org/users.yaml) as GitHub knows them.
const USERS = [
  { login: 'aokafor', name: 'Amara Okafor', orgs: ['fernhill'] },
  { login: 'meitanaka', name: 'Mei Tanaka', orgs: ['fernhill'], teams: ['fernhill/storefront'] },
];
const POLICY = { roles: { viewer: ['*'], member: ['github-org:fernhill'], admin: ['github-user:aokafor'] } };
const RECENT_KINDS = ['component', 'api', 'system', 'domain', 'resource', 'group', 'user', 'template'];

let portal: TestPortal;
let standin: OAuthStandinServer;
let demo: SignedInDemo;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems = new PageProblems({ csp: true });

const shot = (name: string) => page.screenshot({ path: join(TEST_RESULTS, `browser-home-${name}.png`), fullPage: true });
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const label = (e: { metadata: { name: string; title?: string } }) => e.metadata.title ?? e.metadata.name;
const listNames = (name: string) => page.getByRole('list', { name, exact: true }).locator('.home-entity-name').allInnerTexts();

/** The API as a signed-in person (their session cookie). */
async function apiAs<T>(cookie: string, path: string): Promise<T> {
  const res = await fetch(`${portal.url}${path}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** A fresh browser profile that records uncaught errors and CSP violations. */
async function freshPage(options: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  return problems.watch(await context.newPage());
}

/** Signs in through the UI (sign-in page, the stand-in's consent page, back) and lands on `path`. */
async function signIn(login: string, path = '/'): Promise<string> {
  await signInThroughStandin(page, portal.url, standin.url, login, path);
  await page.waitForURL(`${portal.url}${path}`);
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-greenroom-session')!;
  return `${cookie.name}=${cookie.value}`;
}

beforeAll(async () => {
  await mkdir(TEST_RESULTS, { recursive: true });
  demo = await startSignedInDemo({ users: USERS, policy: POLICY, sessionSecret: 'browser-home-secret', admin: 'aokafor' });
  ({ portal, standin, browser } = demo);
}, 240_000);

afterAll(async () => {
  await demo?.close();
});

afterEach(async () => {
  await context?.close();
  problems.expectNone('uncaught errors or CSP violations in the page');
});

describe('the home page', () => {
  it('shows what one owns through one’s groups, recent changes, search and quick links', async () => {
    page = await freshPage();
    const cookie = await signIn('meitanaka');
    await poll(() => page.locator('h1').innerText()).toMatch(/^Good (morning|afternoon|evening), Mei Tanaka$/);

    // Owned: everything owned by her or by the groups she is in, as the catalog answers for her.
    const me = await apiAs<{ identity: { ownershipEntityRefs: string[] } }>(cookie, '/api/auth/me');
    expect(me.identity.ownershipEntityRefs).toContain('group:default/storefront-team');
    const filter = me.identity.ownershipEntityRefs.map((r) => `relations.ownedBy=${r}`).join(',');
    const owned = await apiAs<{ items: { metadata: { name: string; title?: string } }[]; totalItems: number }>(
      cookie,
      `/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}&orderField=metadata.name,asc&limit=8&fields=metadata.name,metadata.title`,
    );
    expect(owned.items.length).toBeGreaterThan(0);
    await poll(() => listNames('Owned by you')).toEqual(owned.items.map(label));
    const ownedCard = page.locator('section', { has: page.getByRole('heading', { name: 'Owned by you' }) });
    await expect(ownedCard.getByRole('link', { name: 'See all' }).getAttribute('href')).resolves.toContain('/catalog?owner=');

    // Recently changed: the catalog's newest changes, with when.
    const recent = await apiAs<{ items: { entity: { metadata: { name: string; title?: string } } }[] }>(
      cookie,
      `/api/catalog/entities/recently-changed?limit=8&${RECENT_KINDS.map((k) => `filter=kind=${k}`).join('&')}&fields=metadata.name,metadata.title`,
    );
    expect(recent.items.length).toBe(8);
    await poll(() => listNames('Recently changed entities')).toEqual(recent.items.map((i) => label(i.entity)));
    await expect(page.locator('.home-time').first().innerText()).resolves.toMatch(/now|ago/);

    // Nothing starred yet; quick links to create something, register, read docs.
    await poll(() => page.getByText('Nothing starred yet').isVisible()).toBe(true);
    const quick = page.getByRole('navigation', { name: 'Quick links' });
    for (const href of ['/create', '/catalog-import', '/docs']) await expect(quick.locator(`a[href="${href}"]`).count()).resolves.toBe(1);
    await shot('light');

    // The search box hands the term to the search page.
    await page.getByRole('searchbox', { name: 'Search Greenroom' }).fill('payments');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${portal.url}/search?query=payments`);
  });

  it('shows the entities one starred in the catalog, newest first, for that person only', async () => {
    page = await freshPage();
    const cookie = await signIn('meitanaka', '/catalog');
    const firstRow = page.locator('table tbody tr').first();
    await poll(() => firstRow.locator('th a').innerText()).not.toBe('');
    const first = await firstRow.locator('th a').innerText();
    await firstRow.getByRole('button', { name: `Star ${first}` }).click();
    await poll(() => firstRow.getByRole('button', { name: `Star ${first}` }).getAttribute('aria-pressed')).toBe('true');

    await page.goto(`${portal.url}/catalog/default/api/payments-api`);
    const apiTitle = await page.locator('h1').innerText();
    await page.locator('.entity-header').getByRole('button', { name: `Star ${apiTitle}` }).click();
    const stars = async () => (await apiAs<{ items: { entityRef: string }[] }>(cookie, '/api/settings/starred')).items.map((s) => s.entityRef);
    await poll(stars).toEqual(['api:default/payments-api', expect.stringMatching(/^component:default\//)]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(`${portal.url}/`);
    await poll(() => listNames('Starred entities')).toEqual([apiTitle, first]);
    await shot('starred');

    // Unstarring on the home page takes it off the list and off the server.
    await page.getByRole('list', { name: 'Starred entities' }).getByRole('button', { name: `Star ${apiTitle}` }).click();
    await poll(() => listNames('Starred entities')).toEqual([first]);
    await poll(stars).toHaveLength(1);
    // A reload reads them from the server again.
    await page.reload();
    await poll(() => listNames('Starred entities')).toEqual([first]);
    await context.close();

    // Someone else has stars of their own.
    page = await freshPage();
    await signIn('aokafor');
    await poll(() => page.getByText('Nothing starred yet').isVisible()).toBe(true);
  });
});

describe('themes', () => {
  it('follows the system by default, switches to dark, keeps it across a reload without a flash, and back', async () => {
    page = await freshPage({ colorScheme: 'light' });
    // Records the theme the page has when <body> starts: before anything of the page is painted.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string | null }).themeAtBody = document.documentElement.getAttribute('data-theme');
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await signIn('meitanaka');
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await theme()).toBe('light');
    const lightBackground = await background();

    await page.getByRole('button', { name: 'Theme: System theme' }).click();
    await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark theme', exact: true }).click();
    await poll(theme).toBe('dark');
    expect(await background()).not.toBe(lightBackground);
    await expect(page.getByRole('button', { name: 'Theme: Dark theme' }).count()).resolves.toBe(1);

    await page.reload();
    await poll(() => page.locator('h1').innerText()).toContain('Mei Tanaka');
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).toBe('dark');
    expect(await theme()).toBe('dark');
    await shot('dark');

    // Every page in the dark theme, for a human to look at.
    for (const [name, path] of [
      ['catalog', '/catalog'],
      ['entity', '/catalog/default/component/storefront-web'],
      ['api', '/catalog/default/api/payments-api/definition'],
      ['group', '/catalog/default/group/storefront-team'],
      ['tokens', '/settings/tokens'],
      ['search', '/search?query=pay'],
      ['docs', '/docs'],
      ['create', '/create'],
    ] as const) {
      await page.goto(`${portal.url}${path}`);
      await poll(() => page.locator('h1').count()).toBeGreaterThan(0);
      await page.waitForLoadState('networkidle');
      expect(await theme(), path).toBe('dark');
      await page.screenshot({ path: join(TEST_RESULTS, `browser-home-dark-${name}.png`), fullPage: true });
    }

    // Back to following the system, which follows the OS live.
    await page.getByRole('button', { name: 'Theme: Dark theme' }).click();
    await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'System theme', exact: true }).click();
    await poll(theme).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await poll(theme).toBe('dark');
    await page.reload();
    await poll(theme).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('greenroom.theme'))).toBeNull();
  });

  it('fits a phone', async () => {
    page = await freshPage({ viewport: { width: 390, height: 844 } });
    await signIn('meitanaka');
    await poll(() => page.locator('h1').innerText()).toContain('Mei Tanaka');
    await poll(() => page.locator('.home-entity').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await shot('phone');
  });
});
