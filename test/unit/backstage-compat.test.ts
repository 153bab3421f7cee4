import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BACKSTAGE_EXAMPLES, readExpected, type Expected } from '../shared/backstage-expected';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { processLocation } from '../../worker/catalog/ingest/process';
import { createUrlReader, type UrlReader } from '../../worker/catalog/ingest/reader';
import type { DocumentError, LocationOutput, ProcessedEntity } from '../../worker/catalog/ingest/types';
import { ALLOW_ALL_RULES, DEFAULT_RULES } from '../../worker/catalog/model/rules';

// Backstage's own verdicts on its example descriptors (see LICENSE-NOTE.md there). CI clones
// the repository next to a copy of `shared/`, so the fixtures sit beside the repository root.
const FIXTURES = BACKSTAGE_EXAMPLES;

const expected = readExpected();

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [relative(FIXTURES, join(dir, e.name))] : [],
  );
}

/** The fixtures served as if from github.com/backstage/backstage, read through the real reader. */
const BLOB = 'https://github.com/backstage/backstage/blob/master/';
const RAW = 'https://raw.githubusercontent.com/backstage/backstage/master/';
const RAW_HOST = 'https://raw.githubusercontent.com/';

/** `$text` targets Backstage itself could not read in its run: served a stub here. */
const outsideTargets = new Set(
  expected.flatMap((e) => e.unresolvedPlaceholders ?? []).map((p) => p.slice(p.indexOf(':') + 1)),
);
const STUB_DEFINITION = 'openapi: 3.0.0\ninfo:\n  title: stubbed\n';

function rawOf(githubUrl: string): string {
  return githubUrl.replace('https://github.com/', RAW_HOST).replace(/\/(blob|tree)\//, '/');
}

const fetchedUrls = new Set<string>();

const fetchStub = async (input: string | URL | Request): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  fetchedUrls.add(url);
  if ([...outsideTargets].some((t) => rawOf(t) === url)) return new Response(STUB_DEFINITION);
  const path = url.startsWith(RAW) ? url.slice(RAW.length) : undefined;
  if (path !== undefined && existsSync(join(FIXTURES, path))) return new Response(readFileSync(join(FIXTURES, path)));
  return new Response('not found', { status: 404 });
};

const reader = createUrlReader({ allowedHosts: ['github.com'], allowLocalUrls: false });

async function ingest(file: string, rules = ALLOW_ALL_RULES): Promise<LocationOutput> {
  const key = `url:${BLOB}${file}`;
  return processLocation({ locationKey: key, originKey: key, reader, rules });
}

type Outcome = ProcessedEntity | DocumentError;

function outcomeAt(output: LocationOutput, docIndex: number): Outcome | undefined {
  return [...output.entities, ...output.errors].find((o) => o.docIndex === docIndex);
}

/** The part of Backstage's message that is ours to match: what follows "caused by …Error: ", minus its docs link. */
function coreOf(message: string): string {
  const cause = message.match(/caused by (?:Type)?Error: (.*)$/s)?.[1] ?? message;
  return cause.replace(/\. To learn more about catalog file format.*$/s, '').replace(/ - missingProperty: \w+$/, '');
}

const byFile = new Map<string, LocationOutput>();
const byFileDefaultRules = new Map<string, LocationOutput>();

beforeAll(async () => {
  vi.stubGlobal('fetch', fetchStub);
  for (const file of new Set(expected.map((e) => e.file))) {
    byFile.set(file, await ingest(file));
    byFileDefaultRules.set(file, await ingest(file, DEFAULT_RULES));
  }
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('Backstage example descriptors agree with EXPECTED.jsonl', () => {
  it('has a verdict for every YAML file and every document, and no more', () => {
    expect(new Set(expected.map((e) => e.file))).toEqual(new Set(yamlFiles(FIXTURES)));
    for (const [file, output] of byFile) {
      const docIndexes = [...output.entities, ...output.errors].map((o) => o.docIndex).sort((a, b) => (a ?? 0) - (b ?? 0));
      expect(docIndexes, file).toEqual(expected.filter((e) => e.file === file).map((e) => e.docIndex).sort((a, b) => a - b));
    }
  });

  it.each(expected.map((e) => [`${e.file}#${e.docIndex}`, e] as const))('%s', (_, exp) => {
    const output = byFile.get(exp.file);
    expect(output).toBeDefined();
    const outcome = outcomeAt(output!, exp.docIndex);
    expect(outcome).toBeDefined();
    expect(outcome!.ref ?? null).toBe(exp.ref);

    // Backstage read this file from a `file:` location, where a relative `$text` cannot form a
    // URL; from a URL location the same document resolves. The `file:` verdict is reproduced
    // in the next test; here the URL verdict is checked.
    if (exp.file.endsWith('petstore-webhook-api.yaml')) {
      expect(exp.error).toBe('placeholder');
      expect('entity' in outcome! && outcome.entity.spec?.definition).toBe(
        readFileSync(join(FIXTURES, dirname(exp.file), 'petstore-webhook.oas.yaml'), 'utf8'),
      );
      return;
    }

    if (!exp.valid) {
      expect('rule' in outcome! && outcome.rule).toBe(exp.error);
      const message = (outcome as DocumentError).message;
      expect(coreOf(exp.message!)).toContain(message);
      return;
    }

    expect('entity' in outcome!, JSON.stringify(outcome)).toBe(true);
    const processed = outcome as ProcessedEntity;
    const forward = processed.relations
      .filter((r) => r.source === exp.ref)
      .map((r) => ({ type: r.type, targetRef: r.target }));
    const reverse = processed.relations
      .filter((r) => r.source !== exp.ref)
      .map((r) => ({ sourceRef: r.source, type: r.type, targetRef: r.target }));
    expect(processed.relations.every((r) => r.source === exp.ref || r.target === exp.ref)).toBe(true);
    expect(new Set(forward.map((r) => JSON.stringify(r)))).toEqual(new Set(exp.relations.map((r) => JSON.stringify(r))));
    expect(new Set(reverse.map((r) => JSON.stringify(r)))).toEqual(
      new Set(exp.reverseRelations.map((r) => JSON.stringify({ sourceRef: r.sourceRef, type: r.type, targetRef: r.targetRef }))),
    );

    const underDefaults = outcomeAt(byFileDefaultRules.get(exp.file)!, exp.docIndex);
    if (exp.defaultRulesAllow) {
      expect(underDefaults && 'entity' in underDefaults).toBe(true);
    } else {
      expect(underDefaults && 'rule' in underDefaults && underDefaults.rule).toBe('rule:not-allowed');
    }
  });

  it('reproduces the file: verdict for petstore-webhook-api.yaml: a relative $text with no URL base fails with rule placeholder', async () => {
    // A location key whose target is a plain path, as Backstage's `file:` run had; a reader
    // stub serves that path (the real reader would refuse it before anything is parsed).
    const path = 'packages/catalog-model/examples/apis/petstore-webhook-api.yaml';
    const files: UrlReader = { read: async (p) => readFileSync(join(FIXTURES, p), 'utf8') };
    const output = await processLocation({ locationKey: `url:${path}`, originKey: `url:${path}`, reader: files, rules: ALLOW_ALL_RULES });
    const exp = expected.find((e) => e.file === path)!;
    expect(output.entities).toEqual([]);
    expect(output.errors).toEqual([
      {
        docIndex: 0,
        ref: exp.ref,
        rule: exp.error,
        message: `Placeholder $text could not form a URL out of ${path} and ./petstore-webhook.oas.yaml, TypeError: Invalid URL`,
      },
    ]);
    // Backstage names its base `<root>packages/…`; apart from that prefix the message is the same.
    expect(coreOf(exp.message!).replace('<root>', '')).toContain(output.errors[0]!.message);
  });

  it('served the placeholders Backstage could not read from the stub, through the github.com mapping', () => {
    for (const target of outsideTargets) expect(fetchedUrls.has(rawOf(target)), target).toBe(true);
  });
});
