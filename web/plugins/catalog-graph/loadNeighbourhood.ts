import type { Entity } from '../../api/types';
import { nextFrontier } from './graphModel';

/** Fetches entities by ref in one request, answering `null` where the catalog has none. */
export type FetchBatch = (refs: string[]) => Promise<(Entity | null)[]>;

/**
 * Fills `known` with every entity within `depth` hops of `roots` over the selected relations:
 * one batch per hop (the roots being hop 0), and only refs not already in `known`, so growing
 * the depth or re-selecting a relation type fetches nothing twice.
 * Returns the number of batches sent.
 */
export async function loadNeighbourhood(
  roots: readonly string[],
  depth: number,
  pairIds: ReadonlySet<string>,
  known: Map<string, Entity | null>,
  fetchBatch: FetchBatch,
): Promise<number> {
  let batches = 0;
  const seen = new Set(roots);
  let frontier = [...roots];
  for (let hop = 0; hop <= depth && frontier.length; hop++) {
    const missing = frontier.filter((ref) => !known.has(ref));
    if (missing.length) {
      batches++;
      const found = await fetchBatch(missing);
      missing.forEach((ref, i) => known.set(ref, found[i] ?? null));
    }
    if (hop === depth) break;
    frontier = nextFrontier(frontier, known, seen, pairIds);
    for (const ref of frontier) seen.add(ref);
  }
  return batches;
}
