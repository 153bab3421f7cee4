// Backstage's own example descriptors, served over HTTP and registered with a real `wrangler
// dev` Greenroom: what Backstage accepts must be readable with the relations Backstage derives,
// and what it rejects must not become an entity but a visible error on its location.
//
// Lines that point outside the served tree cannot be read in a test, and must not be tried:
// the portal runs with no outside host allowed (CATALOG_ALLOWED_HOSTS empty), so each of them
// must show up as an error on its location. They are found from the files themselves:
//   - acme-corp.yaml targets acme/org.yaml on github.com with `type: github`, which the portal
//     does not read at all (only `url` locations are read);
//   - sample-templates/remote-templates.yaml targets six templates on github.com;
//   - the `$text` placeholders of apis/config-schema, spotify, wayback-archive and wayback-search
//     point at github.com: Backstage stubbed them (EXPECTED's unresolvedPlaceholders), here the
//     document fails with a `placeholder` error and is no entity.
// Relative lines work over HTTP as they would from a repository: apis/petstore-webhook-api.yaml's
// `$text: ./petstore-webhook.oas.yaml` is an error in EXPECTED only because Backstage's run read
// the files from disk, where relative placeholders are refused; here it must resolve. Two
// targets name files the fixture leaves out (all.yaml's ./all-apis.yaml and all-templates.yaml's
// ./bui-kitchen-sink-demo/template.yaml): not found, visibly. Files no Location points at are
// registered one by one.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CatalogClient } from '@backstage/catalog-client';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/portal.mjs';
import { locationKeys, nonePending, registerLocation, waitForKeys, type KeyStatus } from './support/locations';
import { BACKSTAGE_EXAMPLES, readExpected, type Expected } from '../shared/backstage-expected';
import { startTestPortal, type TestPortal } from './support/portal';
import { serveTestFolder, type ServedFolder } from './support/served-folder';


type Entity = NonNullable<Awaited<ReturnType<CatalogClient['getEntityByRef']>>>;

const expected = readExpected();
const files = [...new Set(expected.map((e) => e.file))].sort();
const docsOf = new Map(files.map((f) => [f, parseAllDocuments(readFileSync(join(BACKSTAGE_EXAMPLES, f), 'utf8')).map((d) => d.toJSON())]));

let portal: TestPortal;
let served: ServedFolder;
let client: CatalogClient;
const urlOf = (file: string) => `${served.url}/${file}`;
const isServed = (url: string) => url.startsWith(`${served.url}/`);
const fileOf = (url: string) => relative(served.url, url);

/** `{type, key}` of every target of the Location documents of `file`, as the portal keys them. */
function locationTargets(file: string): { type: string; key: string; url?: string }[] {
  return (docsOf.get(file) ?? []).flatMap((doc) => {
    if (doc?.kind !== 'Location') return [];
    const type: string = doc.spec?.type ?? 'url';
    const targets: string[] = [doc.spec?.target, ...(doc.spec?.targets ?? [])].filter((t) => typeof t === 'string');
    return targets.map((t) => {
      if (type !== 'url') return { type, key: `${type}:${t}` };
      const url = new URL(t, urlOf(file)).href;
      return { type, key: `url:${url}`, url };
    });
  });
}

/** Targets of `$text`/`$json`/`$yaml` placeholders anywhere in a document, resolved against its file. */
function placeholderUrls(value: unknown, file: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => placeholderUrls(v, file));
  if (typeof value !== 'object' || value === null) return [];
  const entries = Object.entries(value);
  if (entries.length === 1 && ['$text', '$json', '$yaml'].includes(entries[0]![0]) && typeof entries[0]![1] === 'string') {
    return [new URL(entries[0]![1], urlOf(file)).href];
  }
  return entries.flatMap(([, v]) => placeholderUrls(v, file));
}

const docOf = (e: Expected) => docsOf.get(e.file)?.[e.docIndex];
const readsOutside = (e: Expected) => placeholderUrls(docOf(e), e.file).some((u) => !isServed(u));
/**
 * Backstage's verdict, except for placeholders: outside ones cannot be read here, and relative
 * ones, refused under Backstage's file: location, resolve under a url location.
 */
const validHere = (e: Expected) => !readsOutside(e) && (e.valid || e.error === 'placeholder');

/** Files no other file's Location points at, in the served tree: each must be registered itself. */
function rootFiles(): string[] {
  const reached = new Set(files.flatMap((f) => locationTargets(f).flatMap((t) => (t.url && isServed(t.url) ? [fileOf(t.url)] : []))));
  return files.filter((f) => !reached.has(f));
}

let keys: Map<string, KeyStatus>;
let entities: Map<string, Entity>;
/** Refs two files define: the first registered keeps it. */
let conflictLosers: Set<Expected>;
const present = (e: Expected) => validHere(e) && !conflictLosers.has(e);

beforeAll(async () => {
  [portal, served] = await Promise.all([startTestPortal({ CATALOG_ALLOWED_HOSTS: '' }), serveTestFolder(BACKSTAGE_EXAMPLES)]);
  client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => `${portal.url}/api/catalog` }, fetchApi: { fetch } });
  const roots = rootFiles();
  const ids: string[] = [];
  for (const file of roots) ids.push((await registerLocation(portal.url, urlOf(file))).location.id);
  // Beyond the first files, processing continues on the queue.
  keys = new Map((await waitForKeys(portal.url, ids, nonePending)).map((k) => [k.key, k]));

  const seen = new Map<string, Expected>();
  conflictLosers = new Set();
  const inRegistrationOrder = [...expected].sort((a, b) => roots.indexOf(rootOf(a.file, roots)) - roots.indexOf(rootOf(b.file, roots)));
  for (const e of inRegistrationOrder.filter(validHere)) {
    if (e.ref && seen.has(e.ref)) conflictLosers.add(e);
    else if (e.ref) seen.set(e.ref, e);
  }
  const refs = expected.flatMap((e) => (e.ref ? [e.ref] : []));
  const { items } = await client.getEntitiesByRefs({ entityRefs: refs });
  entities = new Map(refs.flatMap((ref, i) => (items[i] ? [[ref, items[i]!]] : [])));
}, 240_000);

afterAll(async () => {
  await Promise.all([portal?.stop(), served?.close()]);
});

/** The root whose tree holds `file` (itself when it is one). */
function rootOf(file: string, roots: string[]): string {
  for (const root of roots) {
    const queue = [root];
    const seen = new Set<string>();
    while (queue.length) {
      const f = queue.shift()!;
      if (f === file) return root;
      if (seen.has(f)) continue;
      seen.add(f);
      queue.push(...locationTargets(f).flatMap((t) => (t.url && isServed(t.url) ? [fileOf(t.url)] : [])));
    }
  }
  throw new Error(`${file} is not reachable from any registered file`);
}

const keyOf = (file: string) => `url:${urlOf(file)}`;
const relationSet = (entity: Entity | undefined) => new Set((entity?.relations ?? []).map((r) => `${r.type} ${r.targetRef}`));

describe("Backstage's example descriptors over HTTP", () => {
  it('every document Backstage accepts is an entity, with exactly the relations Backstage derives', () => {
    const accepted = expected.filter((e) => e.valid && present(e));
    // Backstage derived nothing for documents it rejected, so relations with them are checked apart.
    const noVerdict = new Set(expected.filter((e) => !e.valid && present(e)).map((e) => e.ref));
    expect(accepted.length).toBeGreaterThan(60);
    for (const e of accepted) {
      const entity = entities.get(e.ref!);
      expect(entity, `${e.ref} from ${e.file}`).toBeDefined();
      expect(entity!.metadata.annotations?.['backstage.io/managed-by-location'], e.ref!).toBe(keyOf(e.file));
      const wanted = new Set([
        ...e.relations.map((r) => `${r.type} ${r.targetRef}`),
        // What other entities derive about this one shows on it too, as in Backstage.
        ...accepted.flatMap((o) => o.reverseRelations.filter((r) => r.sourceRef === e.ref).map((r) => `${r.type} ${r.targetRef}`)),
      ]);
      const got = [...relationSet(entity)].filter((r) => !noVerdict.has(r.slice(r.indexOf(' ') + 1)));
      expect(got.sort(), `relations of ${e.ref}`).toEqual([...wanted].sort());
    }
  });

  it('a relative placeholder resolves against the URL its file was read from', () => {
    const webhook = entities.get('api:default/petstore-webhook');
    const definition = readFileSync(join(BACKSTAGE_EXAMPLES, 'packages/catalog-model/examples/apis/petstore-webhook.oas.yaml'), 'utf8');
    expect(webhook?.spec?.definition).toBe(definition);
    expect([...relationSet(webhook)]).toEqual(['ownedBy group:default/team-c']);
    expect(relationSet(entities.get('group:default/team-c')).has('ownerOf api:default/petstore-webhook')).toBe(true);
  });

  it('every document Backstage rejects is no entity, but an error with its rule on its file', () => {
    const rejected = expected.filter((e) => !validHere(e));
    expect(rejected.length).toBeGreaterThan(10);
    for (const e of rejected) {
      if (e.ref) expect(entities.has(e.ref), `${e.ref} must not be an entity`).toBe(false);
      const outside = readsOutside(e);
      const errors = keys.get(keyOf(e.file))?.errors ?? [];
      expect(
        errors.filter((x) => x.rule === (outside ? 'placeholder' : e.error) && (e.ref === null || x.ref === e.ref)),
        `error for ${e.ref ?? `document ${e.docIndex}`} of ${e.file}: ${JSON.stringify(errors)}`,
      ).toHaveLength(1);
      if (outside) {
        const [message] = errors.filter((x) => x.ref === e.ref).map((x) => x.message);
        for (const url of placeholderUrls(docOf(e), e.file)) expect(message).toContain(url);
      }
    }
  });

  it('every Location target that cannot be read here is a visible error on its own key', () => {
    const targets = files.filter((f) => expected.some((e) => e.file === f && present(e))).flatMap(locationTargets);
    const unreadable = targets.filter((t) => t.type !== 'url' || !isServed(t.url!) || !existsSync(join(BACKSTAGE_EXAMPLES, fileOf(t.url!))));
    // acme-corp's github target, six remote templates, and two files the fixture leaves out.
    expect(unreadable).toHaveLength(9);
    for (const t of unreadable) {
      const key = keys.get(t.key);
      const rule = t.url && isServed(t.url) ? 'read:not-found' : 'read:not-allowed';
      expect(key, t.key).toMatchObject({ status: 'error', errors: [expect.objectContaining({ rule })] });
    }
  });

  it('of two files defining one ref, the first registered keeps it and the second shows a conflict', () => {
    expect(conflictLosers.size).toBe(1);
    for (const loser of conflictLosers) {
      const errors = keys.get(keyOf(loser.file))?.errors ?? [];
      expect(errors).toContainEqual(expect.objectContaining({ rule: 'conflict', ref: loser.ref }));
      expect(entities.get(loser.ref!)?.metadata.annotations?.['backstage.io/managed-by-location']).not.toBe(keyOf(loser.file));
    }
  });
});

describe('a target on a host that does not answer', () => {
  let dir: string;
  let folder: ServedFolder;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'greenroom-unreachable-'));
    folder = await serveTestFolder(dir);
  });

  afterAll(async () => {
    await folder?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is retried, and its error is visible on the location while it fails', async () => {
    // Nothing listens there: every read fails the way an unreachable GitHub would.
    const target = `http://127.0.0.1:${await freePort()}/catalog-info.yaml`;
    await writeFile(
      join(dir, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: points-nowhere\nspec:\n  targets: ['${target}']\n`,
    );
    const { location } = await registerLocation(portal.url, `${folder.url}/catalog-info.yaml`);
    const withError = (all: KeyStatus[]) => (all.find((k) => k.key === `url:${target}`)?.errors.length ?? 0) > 0;
    const all = await waitForKeys(portal.url, [location.id], withError, 30_000);
    expect(all.find((k) => k.key === `url:${target}`)?.errors[0]?.message).toContain(target);
    expect(await locationKeys(portal.url, [location.id])).toContainEqual(expect.objectContaining({ key: `url:${folder.url}/catalog-info.yaml`, status: 'ok' }));
  }, 45_000);
});
