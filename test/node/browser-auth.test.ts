// Signing in for real: Chromium against a local Greenroom with guest mode off, and a
// local stand-in for GitHub's OAuth endpoints (scripts/lib/github-oauth-standin-server.mjs) that
// checks client, redirect URI, code and PKCE as GitHub does. Nothing leaves this machine.

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

// Fernhill's people (seed/demo/org/users.yaml) as GitHub knows them, and one the catalog does not.
const USERS = [
  { login: 'aokafor', name: 'Amara Okafor', orgs: ['fernhill'] },
  { login: 'meitanaka', name: 'Mei Tanaka', orgs: ['fernhill'], teams: ['fernhill/storefront'] },
  { login: 'therrera', name: 'Tomás Herrera', orgs: [] },
  { login: 'stranger', name: 'A Stranger', orgs: ['fernhill'] },
];
const POLICY = { roles: { viewer: ['*'], member: ['github-org:fernhill'], admin: ['github-user:aokafor'] } };

let portal: TestPortal;
let standin: OAuthStandinServer;
let demo: SignedInDemo;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems = new PageProblems({ csp: true });

const shot = (name: string) => page.screenshot({ path: join(TEST_RESULTS, `browser-auth-${name}.png`), fullPage: true });
const api = (path: string, headers: Record<string, string> = {}) => fetch(`${portal.url}${path}`, { headers });

/** A fresh browser profile (no cookies) that records uncaught errors and CSP violations. */
async function freshPage(): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return problems.watch(await context.newPage());
}

/** Signs in through the UI: the sign-in page, GitHub's (stand-in) consent page, and back. */
async function signIn(login: string, path = '/catalog'): Promise<void> {
  await signInThroughStandin(page, portal.url, standin.url, login, path);
  await page.waitForURL((url) => url.origin === portal.url);
}

/** Waits for the page to catch up: sign-in crosses two servers, and the app asks the policy after loading. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

const sessionCookie = async () => (await context.cookies()).find((c) => c.name === '__Host-greenroom-session');

beforeAll(async () => {
  await mkdir(TEST_RESULTS, { recursive: true });
  // Nobody is a guest here: the admin registers the demo organisation with their session.
  demo = await startSignedInDemo({ users: USERS, policy: POLICY, sessionSecret: 'browser-test-secret', admin: 'aokafor' });
  ({ portal, standin, browser } = demo);
}, 240_000);

afterAll(async () => {
  await demo?.close();
});

afterEach(async () => {
  await context?.close();
  problems.expectNone('uncaught errors or CSP violations in the page');
});

describe('signing in, in a browser', () => {
  it('sends a visitor to sign in, signs them in with GitHub, shows who they are, and signs them out', async () => {
    page = await freshPage();
    const first = await page.goto(`${portal.url}/catalog`);
    // The SPA itself comes with a CSP and the other hardening headers.
    const headers = first!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    // The rules file itself is not served.
    expect(await (await fetch(`${portal.url}/_headers`)).text()).not.toContain('Content-Security-Policy');
    await page.waitForURL(`${portal.url}/sign-in?redirect=%2Fcatalog`);
    expect(await api('/api/catalog/entities').then((r) => r.status)).toBe(401);
    await shot('sign-in');

    await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
    await page.waitForURL(`${standin.url}/login/oauth/authorize?**`);
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await page.getByRole('link', { name: 'Authorize as meitanaka' }).click();
    await page.waitForURL(`${portal.url}/catalog`);
    await poll(() => page.getByRole('button', { name: 'Account: Mei Tanaka' }).isVisible()).toBe(true);
    await poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(standin.oauth.exchanges.at(-1)).toEqual({ ok: true, pkce: true });
    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    await shot('signed-in');

    await page.getByRole('button', { name: 'Account: Mei Tanaka' }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(`${portal.url}/sign-in`);
    expect(await sessionCookie()).toBeUndefined();
    // The cookie is dead on the server too, not just forgotten by this browser.
    expect((await api('/api/catalog/entities', { cookie: `${cookie!.name}=${cookie!.value}` })).status).toBe(401);
    await page.goto(`${portal.url}/catalog/default/component/storefront-web`);
    await page.waitForURL(/\/sign-in\?redirect=%2Fcatalog%2Fdefault%2Fcomponent%2Fstorefront-web/);
  });

  it('shows a viewer no write actions, a member only those the policy gives them, an admin all', async () => {
    const actions = () => page.getByRole('group', { name: 'Entity actions' }).getByRole('button').allInnerTexts();
    const nav = () => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();

    page = await freshPage();
    // The page asks the policy about this entity; once the answer is in, nothing may appear.
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/auth/authorize'));
    await signIn('therrera', '/catalog/default/component/storefront-web');
    await page.waitForURL(`${portal.url}/catalog/default/component/storefront-web`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Storefront web');
    expect(await (await asked).json()).toEqual({ items: [{ result: 'DENY' }, { result: 'DENY' }, { result: 'DENY' }] });
    expect(await page.getByRole('button', { name: /Refresh|Unregister|Delete/ }).count()).toBe(0);
    expect(await nav()).not.toContain('API tokens');
    expect(await nav()).not.toContain('Audit log');
    await shot('viewer');
    await context.close();

    // Mei's team owns the storefront: she may refresh and delete it, not unregister the whole demo.
    page = await freshPage();
    await signIn('meitanaka', '/catalog/default/component/storefront-web');
    await poll(actions).toEqual(['Refresh', 'Delete']);
    expect(await nav()).toContain('API tokens');
    expect(await nav()).not.toContain('Audit log');
    await page.goto(`${portal.url}/catalog/default/component/payments-service`);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Payments service');
    await poll(actions).toEqual(['Refresh']);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await poll(() => page.getByRole('button', { name: 'Refresh' }).isEnabled()).toBe(true);
    await context.close();

    page = await freshPage();
    await signIn('aokafor', '/catalog/default/component/payments-service');
    await poll(actions).toEqual(['Refresh', 'Unregister', 'Delete']);
    expect(await nav()).toEqual(expect.arrayContaining(['API tokens', 'Audit log']));
    // Opening an entity from the list shows it at once; its actions wait for the policy's answer.
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Components' }).click();
    const row = page.locator('table a[href="/catalog/default/component/money-js"]');
    await poll(() => row.count()).toBe(1);
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/auth/authorize', async (route) => {
      await held;
      await route.continue();
    });
    await row.click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('money-js');
    expect(await page.getByRole('group', { name: 'Entity actions' }).count()).toBe(0);
    answer();
    await poll(actions).toEqual(['Refresh', 'Unregister', 'Delete']);
    await page.unroute('**/api/auth/authorize');
    await page.goBack();
    await page.goBack();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Payments service');
    await poll(actions).toEqual(['Refresh', 'Unregister', 'Delete']);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this entity?' });
    await poll(() => dialog.isVisible()).toBe(true);
    await shot('admin-confirm-delete');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => dialog.isVisible()).toBe(false);
  });

  it('tells someone the catalog does not know why they cannot sign in', async () => {
    page = await freshPage();
    await signIn('stranger');
    await page.waitForURL(`${portal.url}/sign-in?error=not-in-catalog&login=stranger`);
    await poll(() => page.getByRole('alert').textContent()).toContain('GitHub user stranger is not in the catalog');
    expect(await sessionCookie()).toBeUndefined();
    await shot('refused');
  });

  it('creates an API token shown once, uses it, revokes it; the admin finds all of it in the audit log', async () => {
    page = await freshPage();
    await signIn('meitanaka', '/settings/tokens');
    await page.waitForURL(`${portal.url}/settings/tokens`);
    await page.getByLabel('Name').fill('deploy pipeline');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.locator('.token-secret-value').textContent())!;
    expect(secret).toMatch(/^grt_/);
    expect((await api('/api/catalog/entities?limit=1', { authorization: `Bearer ${secret}` })).status).toBe(200);
    await poll(() => page.getByRole('row', { name: /deploy pipeline/ }).isVisible()).toBe(true);
    await shot('token-created');
    await page.reload();
    await poll(() => page.getByRole('row', { name: /deploy pipeline/ }).isVisible()).toBe(true);
    expect(await page.locator('.token-secret-value').count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke deploy pipeline' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
    await poll(() => page.getByRole('row', { name: /deploy pipeline/ }).textContent()).toContain('Revoked');
    expect((await api('/api/catalog/entities?limit=1', { authorization: `Bearer ${secret}` })).status).toBe(401);
    await context.close();

    page = await freshPage();
    await signIn('aokafor', '/admin/audit');
    await page.waitForURL(`${portal.url}/admin/audit`);
    const rows = page.getByRole('row');
    await poll(() => rows.filter({ hasText: 'DELETE /api/auth/tokens/' }).count()).toBe(1);
    expect(await rows.filter({ hasText: 'POST /api/auth/tokens' }).filter({ hasText: 'user:default/mei.tanaka' }).count()).toBe(1);
    expect(await rows.filter({ hasText: 'auth.signin' }).count()).toBeGreaterThan(3);
    await shot('audit');
  });
});
