import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../../worker/env';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** Public half of the test GitHub App key, for the stand-in to verify App JWTs. */
      TEST_GITHUB_PUBLIC_KEY: string;
    }
  }
}
