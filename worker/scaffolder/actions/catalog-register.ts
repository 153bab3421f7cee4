import { registerLocation } from '../../catalog/ingest/register';
import { ReaderError } from '../../catalog/ingest/reader';
import { defineAction, PermanentActionError } from './types';

/**
 * catalog:register — registers a catalog-info.yaml URL as a location. registerLocation ingests
 * the file inline, so its entity is readable on return and the task's "Open in catalog" link
 * works at once.
 */
export const catalogRegister = defineAction<{ catalogInfoUrl?: string; repoContentsUrl?: string; catalogInfoPath?: string; optional?: boolean }>({
  id: 'catalog:register',
  description: 'Registers a catalog descriptor URL (catalogInfoUrl, or repoContentsUrl plus catalogInfoPath); its entity is readable once the step ends.',
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
    let refs: string[];
    try {
      ({ refs } = await registerLocation(ctx.catalog, { type: 'url', target: url }, await ctx.catalog.store.findLocation('url', url)));
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
    await ctx.log(`Registered ${url}: ${entityRefs.join(', ')}`);
    ctx.output('entityRef', entityRef);
    ctx.output('catalogInfoUrl', url);
  },
});
