import { Hono } from 'hono';
import type { AppEnv } from '../env';
import type { BackendPlugin } from '../plugin';
import { hexDigest } from '../lib/digest';
import { InputError, NotFoundError } from '../lib/errors';
import { ANNOTATION, type Entity } from '../catalog/model/entity';
import { contentTypeOf } from './content-types';
import { entityTitle, readableDocsEntity, readDocsEntity, techdocsRef } from './entity';
import { decodeSitePath, docsEntityRef, siteKey } from './paths';
import { publishSite } from './publish';
import { METADATA_FILE } from './render/site-files';
import { TechDocsStore } from './store';
import { unpackArchive, UPLOAD_LIMITS } from './upload/archive';
import { normalizeUploadedSite } from './upload/uploaded';

/**
 * Docs files may be opened directly, so besides being sanitized they are served under a policy
 * that runs no script at all and sandboxes the document; images and styles of the site load.
 */
const DOCS_CSP =
  "default-src 'none'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; script-src 'none'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox allow-same-origin allow-popups";

const STATIC_PREFIX = '/static/docs/';

const storeOf = (c: { var: AppEnv['Variables'] }) => new TechDocsStore(c.var.store.db);

/** `{type, target}` of the location an entity came from, as Backstage's entity metadata route answers. */
function locationMetadata(entity: Entity): { type: string; target: string } | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION.managedByLocation];
  const colon = value?.indexOf(':') ?? -1;
  return value && colon > 0 ? { type: value.slice(0, colon), target: value.slice(colon + 1) } : undefined;
}

const routes = new Hono<AppEnv>()
  .get('/static/docs/:namespace/:kind/:name/*', async (c) => {
    const target = await readableDocsEntity(c);
    // The raw path, still encoded, so an encoded slash cannot pass for a separator.
    const raw = new URL(c.req.url).pathname;
    const afterPrefix = raw.slice(raw.indexOf(STATIC_PREFIX) + STATIC_PREFIX.length);
    const path = decodeSitePath(afterPrefix.split('/').slice(3).join('/'));
    const type = contentTypeOf(path);
    if (!type) throw new NotFoundError(`No documentation file ${path}`);
    // Only If-None-Match: other preconditions would also come back bodiless and pass for a 304.
    const ifNoneMatch = c.req.header('if-none-match');
    const object = await c.env.DOCS.get(siteKey(target, path), ifNoneMatch ? { onlyIf: new Headers({ 'if-none-match': ifNoneMatch }) } : {});
    if (!object) throw new NotFoundError(`No documentation file ${path} for ${docsEntityRef(target)}`);
    const headers = new Headers({
      'content-type': type,
      etag: object.httpEtag,
      'cache-control': 'private, no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': DOCS_CSP,
    });
    if (!('body' in object)) return new Response(null, { status: 304, headers });
    headers.set('content-length', String(object.size));
    return new Response(c.req.method === 'HEAD' ? null : object.body, { headers });
  })
  .get('/metadata/techdocs/:namespace/:kind/:name', async (c) => {
    const target = await readableDocsEntity(c);
    const object = await c.env.DOCS.get(siteKey(target, METADATA_FILE));
    if (!object) throw new NotFoundError(`${docsEntityRef(target)} has no documentation site yet`);
    return c.json(await object.json());
  })
  .get('/metadata/entity/:namespace/:kind/:name', async (c) => {
    const { entity } = await readDocsEntity(c);
    const location = locationMetadata(entity);
    return c.json({ ...entity, ...(location ? { locationMetadata: location } : {}) });
  })
  .get('/status/:namespace/:kind/:name', async (c) => {
    const { target, entity } = await readDocsEntity(c);
    const site = await storeOf(c).site(target);
    return c.json({
      entityRef: docsEntityRef(target),
      techdocsRef: techdocsRef(entity) ?? null,
      state: site?.state ?? 'none',
      source: site?.source ?? null,
      etag: site?.etag ?? null,
      builtAt: site?.builtAt ?? null,
      lastAttemptAt: site?.lastAttemptAt ?? null,
      error: site?.error ? { message: site.error, at: site.errorAt } : null,
    });
  })
  .get('/sites', async (c) => {
    const sites = await storeOf(c).listSites(c.var.store.readScope);
    return c.json({
      items: sites.map((s) => {
        const entity = JSON.parse(s.body) as Entity;
        const owner = typeof entity.spec?.owner === 'string' ? entity.spec.owner : null;
        return {
          entityRef: s.entityRef,
          namespace: s.namespace,
          kind: s.kind,
          name: s.name,
          title: entityTitle(entity),
          siteName: s.siteName,
          siteDescription: s.siteDescription,
          owner,
          builtAt: s.builtAt,
          state: s.state,
        };
      }),
    });
  })
  .post('/publish/:namespace/:kind/:name', async (c) => {
    const { target, entity } = await readDocsEntity(c);
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > UPLOAD_LIMITS.compressedBytes) throw new InputError(`The archive is larger than ${UPLOAD_LIMITS.compressedBytes / 1048576} MB`);
    const body = new Uint8Array(await c.req.arrayBuffer());
    if (body.byteLength === 0) throw new InputError('The body must be a tar.gz or zip archive of a built site (techdocs-cli generate output)');
    const site = normalizeUploadedSite(unpackArchive(body), { defaultSiteName: entityTitle(entity), etag: await hexDigest('SHA-256', body) });
    const result = await publishSite(c.env.DOCS, storeOf(c), target, site, { source: 'upload' });
    return c.json(result);
  });

/** TechDocs: documentation sites in R2, built on push or uploaded, served to the reader. */
export const techdocsPlugin: BackendPlugin = { id: 'techdocs', routes };
