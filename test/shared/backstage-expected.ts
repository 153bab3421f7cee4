import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Backstage's example descriptors; CI clones the repository next to a copy of `shared/`. */
export const BACKSTAGE_EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/fixtures/backstage-examples');

/** One line of EXPECTED.jsonl: Backstage's own verdict on one document of its examples. */
export interface Expected {
  file: string;
  docIndex: number;
  ref: string | null;
  valid: boolean;
  error?: string;
  message?: string;
  relations: { type: string; targetRef: string }[];
  reverseRelations: { sourceRef: string; type: string; targetRef: string }[];
  defaultRulesAllow?: boolean;
  unresolvedPlaceholders?: string[];
}

/** Every verdict, in file order. */
export function readExpected(): Expected[] {
  return readFileSync(join(BACKSTAGE_EXAMPLES, 'EXPECTED.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Expected);
}
