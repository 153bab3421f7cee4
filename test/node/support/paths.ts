import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The demo organisation `npm start` seeds. */
export const SEED_DEMO = join(ROOT, 'seed', 'demo');

/** Where tests leave artefacts worth looking at (git-ignored). */
export const TEST_RESULTS = join(ROOT, 'test-results');
