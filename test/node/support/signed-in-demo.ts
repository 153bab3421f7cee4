import type { Browser } from 'playwright-core';
import type { StandinUser } from '../../../scripts/lib/github-oauth-standin';
import { signInWithoutBrowser, startGithubOAuthStandin, type OAuthStandinServer } from '../../../scripts/lib/github-oauth-standin-server.mjs';
import { checkBrowserPrerequisites, launchChromium } from './browser';
import { registerLocation } from './locations';
import { SEED_DEMO } from './paths';
import { startTestPortal, type TestPortal } from './portal';
import { serveTestFolder, type ServedFolder } from './served-folder';

/** A portal where nobody is a guest (sign-in goes through the GitHub OAuth stand-in), holding the demo organisation, and a browser. */
export interface SignedInDemo {
  portal: TestPortal;
  standin: OAuthStandinServer;
  browser: Browser;
  /** Stops everything that was started. */
  close(): Promise<void>;
}

/**
 * Checks the built app and the browser are there, starts the stand-in knowing `users`, a portal with guest
 * mode off and `policy`, and Chromium; then `admin` registers the demo organisation with their session.
 * What started is stopped again on failure.
 */
export async function startSignedInDemo(options: { users: StandinUser[]; policy: unknown; sessionSecret: string; admin: string }): Promise<SignedInDemo> {
  checkBrowserPrerequisites();
  const standin = await startGithubOAuthStandin({ users: options.users });
  const started = await Promise.allSettled([
    startTestPortal({ ...standin.vars, AUTH_GUEST_MODE: 'false', AUTH_SESSION_SECRET: options.sessionSecret, AUTH_POLICY: JSON.stringify(options.policy) }),
    serveTestFolder(SEED_DEMO),
    launchChromium(),
  ]);
  const [portal, seed, browser] = started.map((s) => (s.status === 'fulfilled' ? s.value : undefined)) as [TestPortal?, ServedFolder?, Browser?];
  const close = async () => {
    await Promise.all([browser?.close(), portal?.stop(), seed?.close(), standin.close()]);
  };
  try {
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    await registerLocation(portal!.url, `${seed!.url}/catalog-info.yaml`, await signInWithoutBrowser(portal!.url, standin, options.admin));
  } catch (error) {
    await close();
    throw error;
  }
  return { portal: portal!, standin, browser: browser!, close };
}
