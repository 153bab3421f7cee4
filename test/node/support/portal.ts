import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPortal } from '../../../scripts/lib/portal.mjs';

/** A running portal with its own fresh state; stop() also deletes the state. */
export interface TestPortal {
  url: string;
  stop(): Promise<void>;
}

/** Starts a local portal as `npm start` serves it, on a free port with a fresh migrated database. */
export async function startTestPortal(vars: Record<string, string> = {}): Promise<TestPortal> {
  const persistTo = await mkdtemp(join(tmpdir(), 'greenroom-test-'));
  // Per-request logging costs time and tells a test nothing; errors still reach the failure tail.
  const portal = await startPortal({ port: await freePort(), persistTo, vars, logLevel: 'error' }).catch(async (error: unknown) => {
    await rm(persistTo, { recursive: true, force: true });
    throw error;
  });
  return {
    url: portal.url,
    async stop() {
      await portal.stop();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}
