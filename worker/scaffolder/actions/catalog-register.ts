import { registerLocation } from '../../catalog/ingest/register';
import { ReaderError } from '../../catalog/ingest/reader';
import { defineAction, PermanentActionError } from './types';

const READABLE_WAIT_MS = 10_000;

/**
 * catalog:register — registers a catalog-info.yaml URL as a location and returns only once its
 * entity can be read from the catalog, so the task's "Open in catalog" link works at once.
 */
export const catalogRegister = defineAction<{ catalogInfoUrl?: string; repoContentsUrl?: string; catalogInfoPath?: string; optional?: boolean }>({
  id: 'catalog:register',
  description: 'Registers a catalog descriptor URL (catalogInfoUrl, or repoContentsUrl plus catalogInfoPath) and waits until its entity is readable.',
  schema: {
    input: {
      type: 'object',
      oneOf: [{ required: ['catalogInfoUrl'] }, { required: ['repoContentsUrl'] }],
      properties: {
        catalogInfoUrl: { type: 'string' },
        repoContentsUrl: { type: 'string' },
        catalogInfoPath: { type: 'string', description: 'Default /catalog-info.yaml.' },
        optional: { type: 'boolean', description: 'Do not fail when the descriptor cannot be read.' },
      },
    },
    output: { type: 'object', properties: { entityRef: { type: 'string' }, catalogInfoUrl: { type: 'string' } } },
  },
  async handler(ctx) {
    const { input } = ctx;
    const url = input.catalogInfoUrl ?? `${input.repoContentsUrl!.replace(/\/+$/, '')}/${(input.catalogInfoPath ?? '/catalog-info.yaml').replace(/^\/+/, '')}`;
    const store = ctx.catalog.store;
    let refs: string[];
    try {
      ({ refs } = await registerLocation(ctx.catalog, { type: 'url', target: url }, await store.findLocation('url', url)));
    } catch (e) {
      if (input.optional) {
        await ctx.log(`Could not register ${url} (optional): ${(e as Error).message}`);
        return;
      }
      // A file that is not there is not going to appear by retrying; a failed fetch might.
      if (e instanceof ReaderError && e.code !== 'fetch-failed') throw new PermanentActionError(`Cannot register ${url}: ${e.message}`);
      throw e;
    }
    const entityRefs = refs.filter((r) => !r.startsWith('location:'));
    const entityRef = entityRefs[0] ?? refs[0];
    if (!entityRef) throw new PermanentActionError(`${url} holds no entity`);
    const deadline = Date.now() + READABLE_WAIT_MS;
    while (!(await store.readByRefs([entityRef]))[0]) {
      if (Date.now() > deadline) throw new Error(`${entityRef} was registered but is not readable yet`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await ctx.log(`Registered ${url}: ${entityRefs.join(', ')}`);
    ctx.output('entityRef', entityRef);
    ctx.output('catalogInfoUrl', url);
  },
});
