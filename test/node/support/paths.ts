import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The demo organisation `npm start` seeds. */
export const SEED_DEMO = join(ROOT, 'seed', 'demo');

/** Backstage's example descriptors; CI clones the repository next to a copy of `shared/`. */
export const BACKSTAGE_EXAMPLES = resolve(ROOT, '..', 'shared', 'fixtures', 'backstage-examples');

/** Where tests leave artefacts worth looking at (git-ignored). */
export const TEST_RESULTS = join(ROOT, 'test-results');
