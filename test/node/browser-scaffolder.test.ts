// The scaffolder in real Chromium against a real local Greenroom holding the demo
// organisation: pick a built-in template in the gallery, fill its form (a validation error shown,
// then fixed), review, create, follow the task live to completion and open the created entity.
// Screenshots (light, dark, phone) land in test-results/ (git-ignored) for a human to look at.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkBrowserPrerequisites, launchChromium } from './support/browser';
import { registerLocation } from './support/locations';
import { PageProblems } from './support/page-problems';
import { ROOT, SEED_DEMO, TEST_RESULTS } from './support/paths';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTempFiles, serveTestFolder, type ServedFolder } from './support/served-folder';
const TEMPLATE_TITLE = 'Hono service on Cloudflare Workers';

// A Backstage-format template from a repository: it logs, then waits (more than debug:wait allows
// fails at once, for good), so a test can watch a task run, cancel it, see it fail and retry it.
const WAIT_TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: wait-a-while
  title: Wait a while
  description: Logs a line, then waits.
  tags: [test]
spec:
  owner: group:default/payments-team
  type: test
  parameters:
    - title: Timing
      properties:
        seconds:
          title: Seconds
          type: number
          default: 30
        greeting:
          title: Greeting
          type: string
          enum: [hello, hi]
          default: hello
        names:
          title: Names
          type: array
          items:
            type: string
        loud:
          title: Loud
          type: boolean
        token:
          title: Token
          type: string
          ui:field: Secret
  steps:
    - id: hello
      name: Say hello
      action: debug:log
      input:
        message: Waiting \${{ parameters.seconds }} seconds
    - id: wait
      name: Wait
      action: debug:wait
      input:
        seconds: \${{ parameters.seconds }}
`;

let portal: TestPortal;
let seed: ServedFolder;
let extra: ServedFolder;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
const pageErrors = new PageProblems();

const shot = (p: Page, name: string) => p.screenshot({ path: join(TEST_RESULTS, `browser-scaffolder-${name}.png`), fullPage: true });

/** A fresh tab (own context, so colour scheme and size can differ) that records uncaught errors. */
async function openPage(options: { dark?: boolean; phone?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  return pageErrors.watch(await context.newPage());
}

/** Starts a task through the API as the form would. */
async function runTask(templateRef: string, values: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${portal.url}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: portal.url },
    body: JSON.stringify({ templateRef, values }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  checkBrowserPrerequisites();
  await mkdir(TEST_RESULTS, { recursive: true });
  [portal, seed, extra, browser] = await Promise.all([
    startTestPortal(),
    serveTestFolder(SEED_DEMO),
    serveTempFiles('greenroom-templates-', { 'template.yaml': WAIT_TEMPLATE }),
    launchChromium(),
  ]);
  // The demo organisation gives the OwnerPicker its groups.
  await registerLocation(portal.url, `${seed.url}/catalog-info.yaml`);
  await registerLocation(portal.url, `${extra.url}/template.yaml`);
}, 240_000);

afterAll(async () => {
  await Promise.all([browser?.close(), portal?.stop(), seed?.close(), extra?.close()]);
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  pageErrors.expectNone('uncaught errors in the page');
});

describe('the scaffolder in a browser', () => {
  it('goes from the gallery through the form and the task to the created entity', async () => {
    const name = `browser-svc-${Date.now().toString(36)}`;
    page = await openPage();
    await page.goto(`${portal.url}/create`);
    // One heading per card (a card's tags are list items too).
    const cards = page.getByRole('list', { name: 'Templates' }).getByRole('heading');
    await expect.poll(() => cards.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await shot(page, 'gallery');
    await expect.poll(() => page.getByRole('heading', { name: TEMPLATE_TITLE }).count()).toBe(1);

    // Search narrows the gallery (and lands in the URL, so it can be shared).
    await page.getByRole('searchbox', { name: 'Search templates' }).pressSequentially('hono', { delay: 30 });
    await page.waitForURL(/[?&]q=hono\b/);
    await expect.poll(() => cards.count()).toBe(1);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: TEMPLATE_TITLE }) });
    await card.getByRole('link', { name: 'Choose' }).click();
    await page.waitForURL(/\/create\/templates\/default\/hono-worker-service$/);

    // Page 1: the name field asks for focus; a bad name is refused inline.
    await expect.poll(() => page.getByRole('heading', { name: 'About the service' }).count()).toBe(1);
    const nameField = page.getByRole('textbox', { name: /^Name/ });
    await expect.poll(() => nameField.evaluate((el) => el.matches(':focus'))).toBe(true);
    await nameField.fill('Not A Valid Name');
    const owner = page.getByRole('combobox', { name: /^Owner/ });
    await owner.pressSequentially('payments', { delay: 30 });
    await page.getByRole('option', { name: /payments-team/ }).first().click();
    await expect(owner.inputValue()).resolves.toMatch(/payments-team/);
    await page.getByRole('form').getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByText(/must match the pattern/).count()).toBe(1);
    await expect(nameField.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect.poll(() => nameField.evaluate((el) => el.matches(':focus'))).toBe(true);
    await expect(page.getByRole('heading', { name: 'About the service' }).count()).resolves.toBe(1);
    await shot(page, 'validation-error');

    // Fixing it clears the error as one types, and the wizard moves on.
    await nameField.fill(name);
    await expect.poll(() => page.getByText(/must match the pattern/).count()).toBe(0);
    await page.getByRole('form').getByRole('button', { name: 'Next' }).click();

    // Page 2: publishing locally is the default; the GitHub page stays hidden.
    await expect.poll(() => page.getByRole('heading', { name: 'Where to publish' }).count()).toBe(1);
    await expect(page.getByRole('radio', { name: /Download/ }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: /GitHub repository settings/ }).count()).resolves.toBe(0);
    // Choosing GitHub reveals the repository field and the GitHub page; going back to local hides them.
    await page.getByText('A new GitHub repository').click();
    await expect.poll(() => page.getByRole('group', { name: /^Repository/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /GitHub repository settings/ }).count()).toBe(1);
    await page.getByText('Download (no GitHub needed)').click();
    await expect.poll(() => page.getByRole('group', { name: /^Repository/ }).count()).toBe(0);
    await page.getByRole('form').getByRole('button', { name: 'Review' }).click();

    // Review: what was entered, then create.
    await expect.poll(() => page.getByRole('heading', { name: 'Review and create' }).count()).toBe(1);
    const review = page.locator('.sc-review');
    await expect(review.getByText(name, { exact: true }).count()).resolves.toBe(1);
    await expect(review.getByText(/payments-team/).count()).resolves.toBe(1);
    await expect(review.getByText('Download (no GitHub needed)', { exact: true }).count()).resolves.toBe(1);
    await shot(page, 'review');
    await page.getByRole('form').getByRole('button', { name: 'Create' }).click();

    // The task page follows the run live until it completes.
    await page.waitForURL(/\/create\/tasks\/[^/]+$/);
    const taskId = decodeURIComponent(page.url().split('/').pop()!);
    await expect.poll(() => page.locator('.page-actions .sc-status').innerText(), { timeout: 90_000 }).toBe('Completed');
    const steps = page.getByRole('navigation', { name: 'Steps' });
    await expect(steps.getByRole('button', { name: /Render the skeleton/ }).locator('.sc-status').innerText()).resolves.toMatch(/Completed/);
    await expect(steps.getByRole('button', { name: /Create the GitHub repository/ }).locator('.sc-status').innerText()).resolves.toMatch(/Skipped/);
    await steps.getByRole('button', { name: /Render the skeleton/ }).click();
    await expect.poll(() => page.getByRole('log', { name: 'Log of Render the skeleton' }).locator('.sc-log-line').count()).toBeGreaterThan(0);
    const output = page.getByRole('list', { name: 'Output links' });
    await expect(output.getByRole('link', { name: /Download/ }).getAttribute('href')).resolves.toBe(`/api/scaffolder/v2/tasks/${taskId}/archive`);
    await shot(page, 'task-completed');

    // The task is listed among mine.
    await page.getByRole('link', { name: 'All tasks' }).click();
    await page.waitForURL(/\/create\/tasks$/);
    await expect.poll(() => page.getByRole('link', { name: TEMPLATE_TITLE }).count()).toBeGreaterThan(0);
    await page.goBack();
    await page.waitForURL(/\/create\/tasks\/[^/]+$/);

    // The created entity opens on its page.
    await page.getByRole('list', { name: 'Output links' }).getByRole('link', { name: /Open in catalog/ }).click();
    await page.waitForURL(new RegExp(`/catalog/default/component/${name}$`));
    await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toBe(name);
    await shot(page, 'created-entity');
  }, 240_000);

  it('previews a template in the editor with a dry run', async () => {
    page = await openPage();
    await page.goto(`${portal.url}/create/edit`);
    const start = page.getByRole('combobox', { name: 'Start from' });
    await expect.poll(() => start.locator('option').count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await start.selectOption({ label: TEMPLATE_TITLE });
    await expect.poll(() => page.getByRole('textbox', { name: 'Template YAML' }).inputValue()).toMatch(/name: hono-worker-service/);
    const values = page.getByRole('textbox', { name: 'Values (YAML)' });
    const files = page.getByRole('list', { name: 'Files' });
    const catalogInfo = files.getByRole('button', { name: 'catalog-info.yaml' });
    // A registered template's skeleton is found by the server.
    await values.fill('name: dry-svc\nowner: group:default/payments-team\npublish: local\n');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => catalogInfo.count(), { timeout: 60_000 }).toBe(1);
    await catalogInfo.click();
    await expect.poll(() => page.locator('.sc-file-content').innerText()).toMatch(/name: dry-svc/);

    // A template folder from disk (as Backstage's editor opens one) brings its own YAML and skeleton.
    await page.getByLabel('Or open a template folder').setInputFiles(join(ROOT, 'templates', 'hono-worker-service'));
    await expect.poll(() => page.getByText(/files from hono-worker-service are sent/).count()).toBe(1);
    await expect(page.getByRole('textbox', { name: 'Template YAML' }).inputValue()).resolves.toMatch(/title: Hono service on Cloudflare Workers/);
    await values.fill('name: folder-svc\nowner: group:default/payments-team\npublish: local\n');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => page.locator('.sc-file-content').innerText(), { timeout: 60_000 }).toMatch(/name: folder-svc/);
    await shot(page, 'editor');

    // A broken template is explained, not swallowed.
    await page.getByRole('textbox', { name: 'Template YAML' }).fill('kind: Template\nspec: [');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'not valid YAML' }).count()).toBe(1);

    // The actions a step can use are listed with their inputs.
    await page.getByRole('link', { name: 'Installed actions' }).click();
    await page.waitForURL(/\/create\/actions$/);
    const fetchTemplate = page.getByRole('region', { name: 'fetch:template' });
    await expect.poll(() => fetchTemplate.getByRole('rowheader').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^url/)]));
    await expect(page.getByRole('heading', { name: 'publish:local' }).count()).resolves.toBe(1);
  }, 180_000);

  it('fills every kind of field, and sends a secret apart from the values', async () => {
    page = await openPage();
    const sent: { values?: Record<string, unknown>; secrets?: Record<string, unknown> }[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/scaffolder/v2/tasks')) sent.push(request.postDataJSON());
    });
    await page.goto(`${portal.url}/create/templates/default/wait-a-while`);
    await expect.poll(() => page.getByRole('heading', { name: 'Timing' }).count(), { timeout: 30_000 }).toBe(1);
    // Defaults are filled in; numbers stay numbers.
    await expect(page.getByRole('textbox', { name: 'Seconds' }).inputValue()).resolves.toBe('30');
    await page.getByRole('textbox', { name: 'Seconds' }).fill('1');
    await page.getByRole('button', { name: /Greeting/ }).click();
    await page.getByRole('option', { name: 'hi' }).click();
    await page.getByRole('button', { name: 'Add names' }).click();
    await page.getByRole('textbox', { name: 'Names 1' }).fill('ann');
    await page.getByRole('button', { name: 'Add names' }).click();
    await page.getByRole('textbox', { name: 'Names 2' }).fill('bob');
    await page.getByText('Loud', { exact: true }).click();
    await expect(page.getByRole('checkbox', { name: 'Loud' }).isChecked()).resolves.toBe(true);
    await page.getByLabel('Token').fill('s3cr3t-value');
    await page.getByRole('form').getByRole('button', { name: 'Review' }).click();

    const review = page.locator('.sc-review');
    await expect.poll(() => review.innerText()).toMatch(/ann, bob/);
    expect(await review.innerText()).not.toContain('s3cr3t-value');
    await expect(review.getByText('••••••••').count()).resolves.toBe(1);
    await shot(page, 'review-fields');
    await page.getByRole('form').getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/create\/tasks\/[^/]+$/);
    expect(sent).toEqual([{ templateRef: 'template:default/wait-a-while', values: { seconds: 1, greeting: 'hi', names: ['ann', 'bob'], loud: true }, secrets: { token: 's3cr3t-value' } }]);
    await expect.poll(() => page.locator('.page-actions .sc-status').innerText(), { timeout: 90_000 }).toBe('Completed');
    const taskId = decodeURIComponent(page.url().split('/').pop()!);
    const stored = await fetch(`${portal.url}/api/scaffolder/v2/tasks/${taskId}`).then((r) => r.text());
    expect(stored).not.toContain('s3cr3t-value');
  }, 240_000);

  it('follows a running task live, cancels it, and explains a failure', async () => {
    const status = () => page.locator('.page-actions .sc-status').innerText();
    const running = await runTask('template:default/wait-a-while', { seconds: 30 });
    page = await openPage();
    await page.goto(`${portal.url}/create/tasks/${running}`);
    await expect.poll(status, { timeout: 60_000 }).toBe('Running');
    const steps = page.getByRole('navigation', { name: 'Steps' });
    await expect.poll(() => steps.getByRole('button', { name: /Wait/ }).locator('.sc-status').innerText(), { timeout: 30_000 }).toMatch(/Running/);
    await expect.poll(() => page.getByRole('log', { name: 'Log of Wait' }).innerText()).toMatch(/Waiting 30000 ms/);
    await steps.getByRole('button', { name: /Say hello/ }).click();
    await expect.poll(() => page.getByRole('log', { name: 'Log of Say hello' }).innerText()).toMatch(/Waiting 30 seconds/);
    await shot(page, 'task-running');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Cancel this task?' });
    await dialog.getByRole('button', { name: 'Cancel task' }).click();
    await expect.poll(status, { timeout: 60_000 }).toBe('Cancelled');
    await expect(page.getByRole('button', { name: 'Retry' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Cancel', exact: true }).count()).resolves.toBe(0);
    await context?.close();

    // Waiting longer than debug:wait allows fails for good, and the page says which step and why.
    const failing = await runTask('template:default/wait-a-while', { seconds: 3600 });
    page = await openPage();
    await page.goto(`${portal.url}/create/tasks/${failing}`);
    await expect.poll(status, { timeout: 60_000 }).toBe('Failed');
    const alert = page.getByRole('alert').filter({ hasText: 'Step “Wait” failed' });
    await expect.poll(() => alert.innerText()).toMatch(/at most 10 minutes/);
    await shot(page, 'task-failed');

    // Retry runs it again under the same id: the page follows the new run to its (same) end.
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.getByRole('log', { name: 'Log of Wait' }).innerText().catch(() => ''), { timeout: 60_000 }).toMatch(/at most 10 minutes|Beginning/);
    await expect.poll(status, { timeout: 60_000 }).toBe('Failed');
    expect(page.url()).toMatch(new RegExp(`/create/tasks/${failing}$`));
  }, 240_000);

  it('looks right in the dark and on a phone', async () => {
    const taskId = await runTask('template:default/hono-worker-service', { name: `dark-svc-${Date.now().toString(36)}`, owner: 'group:default/payments-team', publish: 'local' });
    for (const [label, options] of [['dark', { dark: true }], ['phone', { phone: true }], ['phone-dark', { phone: true, dark: true }]] as const) {
      page = await openPage(options);
      await page.goto(`${portal.url}/create`);
      await expect.poll(() => page.getByRole('heading', { name: TEMPLATE_TITLE }).count(), { timeout: 30_000 }).toBe(1);
      await shot(page, `gallery-${label}`);
      await page.goto(`${portal.url}/create/templates/default/hono-worker-service`);
      await expect.poll(() => page.getByRole('heading', { name: 'About the service' }).count()).toBe(1);
      await page.getByRole('form').getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => page.getByText('is required').count()).toBeGreaterThan(0);
      await shot(page, `form-${label}`);
      await page.goto(`${portal.url}/create/tasks/${taskId}`);
      await expect.poll(() => page.locator('.page-actions .sc-status').innerText(), { timeout: 90_000 }).toBe('Completed');
      await shot(page, `task-${label}`);
      await context?.close();
      context = undefined;
    }
  }, 300_000);
});
