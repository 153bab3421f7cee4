import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A YAML document of a descriptor file, with where it came from. */
export interface Descriptor {
  file: string;
  docIndex: number;
  doc: {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: string; namespace?: string; title?: string; tags?: string[]; links?: { url: string }[] };
    spec?: Record<string, unknown>;
  };
}

/** The documents of `entry` and of the files its Location entities list (relative targets only). */
export async function readDescriptorTree(dir: string, entry: string): Promise<Descriptor[]> {
  const out: Descriptor[] = [];
  const queue = [entry];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const docs = parseAllDocuments(await readFile(join(dir, file), 'utf8'));
    for (const [docIndex, parsed] of (Array.isArray(docs) ? docs : [docs]).entries()) {
      const doc = parsed.toJSON() as Descriptor['doc'];
      out.push({ file, docIndex, doc });
      if (doc.kind !== 'Location') continue;
      const targets: unknown[] = Array.isArray(doc.spec?.targets) ? doc.spec.targets : [];
      for (const target of [doc.spec?.target, ...targets]) {
        if (typeof target === 'string' && target.startsWith('./')) queue.push(join(dirname(file), target));
      }
    }
  }
  return out;
}
