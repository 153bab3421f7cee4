import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { InputError, NotFoundError } from '../../lib/errors';
import { ReaderError } from '../ingest/reader';
import { processLocation } from '../ingest/process';
import { DEFAULT_GITHUB_HOSTS } from '../ingest/scm-url';
import { ingestTree, locationKey } from '../ingest/runner';
import { parseEntityRef, stringifyEntityRef } from '../model/ref';
import { validateEntity } from '../model/validate';
import { readerHttpError, requestIngestDeps } from './locations';

/** Refresh, validation and analysis routes of Backstage's catalog API. */
export const actionRoutes = new Hono<AppEnv>()
  .post('/refresh', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { entityRef?: unknown } | null;
    if (typeof body?.entityRef !== 'string') throw new InputError('Refresh needs an entityRef');
    let ref: string;
    try {
      ref = stringifyEntityRef(parseEntityRef(body.entityRef));
    } catch (err) {
      throw new InputError(`Invalid entityRef: ${(err as Error).message}`);
    }
    const where = await c.var.store.entityLocation(ref);
    if (!where?.locationKey) throw new NotFoundError(`No entity named '${ref}' found`);
    let key = await c.var.store.getLocationKey(where.locationKey);
    // A location generated at registration refreshes the location it stands for.
    if (where.locationKey.startsWith('bootstrap:')) {
      const [row] = await c.var.store.readByRefs([ref]);
      const spec = row ? (JSON.parse(row.json) as { spec?: { type?: string; target?: string } }).spec : undefined;
      key = spec?.type && spec.target ? await c.var.store.getLocationKey(locationKey(spec.type, spec.target)) : undefined;
    }
    if (!key) throw new NotFoundError(`Entity '${ref}' has no location to refresh`);
    await ingestTree(
      requestIngestDeps(c),
      {
        type: 'process-location',
        locationKey: key.key,
        originKey: key.originKey,
        ...(key.parentKey ? { parentKey: key.parentKey } : {}),
        ...(key.parentRef ? { parentRef: key.parentRef } : {}),
        depth: 0,
      },
      25,
    ).catch(readerHttpError);
    return c.body(null, 200);
  })
  .post('/validate-entity', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { entity?: unknown; location?: unknown } | null;
    if (!body || typeof body !== 'object') throw new InputError('Request body must be a JSON object');
    if (typeof body.location !== 'string' && body.location !== undefined) throw new InputError('location must be a string');
    const result = validateEntity(body.entity);
    if (result.ok) return c.json({});
    return c.json({ errors: [{ name: 'InputError', message: result.message, rule: result.rule }] }, 400);
  })
  .post('/analyze-location', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { location?: { type?: unknown; target?: unknown }; catalogFilename?: unknown } | null;
    const target = body?.location?.target;
    if (typeof target !== 'string') throw new InputError('analyze-location needs location.target');
    const type = typeof body?.location?.type === 'string' ? body.location.type : 'url';
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new InputError(`Location target "${target}" is not an absolute URL`);
    }
    const filename = typeof body?.catalogFilename === 'string' ? body.catalogFilename : 'catalog-info.yaml';
    const deps = requestIngestDeps(c);
    const isFile = /\.ya?ml$/i.test(url.pathname);
    const repo = url.href.replace(/\/+$/, '');
    const onGithub = (deps.reader.githubHosts ?? DEFAULT_GITHUB_HOSTS).has(url.host);
    const fileUrl = isFile ? url.href : onGithub ? `${repo}/blob/HEAD/${filename}` : `${repo}/${filename}`;
    try {
      const out = await processLocation({ locationKey: locationKey(type, fileUrl), originKey: locationKey(type, fileUrl), reader: deps.reader, rules: deps.rules });
      const existing = await c.var.store.readByRefs(out.entities.map((p) => p.ref));
      return c.json({
        existingEntityFiles: out.entities.map((p, i) => ({
          entity: p.entity,
          isRegistered: existing[i] !== undefined,
          location: { type, target: fileUrl },
        })),
        errors: out.errors,
        generateEntities: [],
      });
    } catch (err) {
      if (!(err instanceof ReaderError) || err.code !== 'not-found' || isFile) return readerHttpError(err);
    }
    const slug = url.pathname.split('/').filter(Boolean).pop() ?? 'component';
    const name = slug.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[-_.]+|[-_.]+$/g, '').slice(0, 63) || 'component';
    return c.json({
      existingEntityFiles: [],
      generateEntities: [
        {
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name, namespace: 'default', annotations: { 'backstage.io/source-location': `url:${repo}` } },
            spec: { type: 'service', lifecycle: 'production' },
          },
          fields: [
            { field: 'spec.owner', state: 'needsUserInput', description: 'Entity owner (a group or user ref)', value: null },
          ],
        },
      ],
    });
  });
