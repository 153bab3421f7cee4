import type { Page } from 'playwright-core';

/**
 * Signs in through the UI as a person would: opens `path`, is sent to the sign-in page, goes to the
 * GitHub OAuth stand-in's consent page and authorizes as `login`. Where the portal sends them
 * afterwards is the caller's to wait for (a stranger lands on an error, not on `path`).
 */
export async function signInThroughStandin(page: Page, portalUrl: string, standinUrl: string, login: string, path: string): Promise<void> {
  await page.goto(`${portalUrl}${path}`);
  await page.waitForURL(/\/sign-in\?redirect=/);
  await page.getByRole('link', { name: 'Sign in with GitHub' }).click();
  await page.waitForURL(`${standinUrl}/login/oauth/authorize?**`);
  await page.getByRole('link', { name: `Authorize as ${login}` }).click();
}
