import { workspacePath } from '../workspace/path';
import { defineAction } from './types';

/** fetch:plain:file — one file copied into the workspace as it is. */
export const fetchPlainFile = defineAction<{ url: string; targetPath: string }>({
  id: 'fetch:plain:file',
  description: 'Downloads one file into the workspace without rendering it.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      required: ['url', 'targetPath'],
      properties: { url: { type: 'string' }, targetPath: { type: 'string' } },
    },
  },
  async handler(ctx) {
    const target = workspacePath(ctx.input.targetPath);
    await ctx.workspace.write(target, await ctx.templateSource.readFile(ctx.input.url));
    await ctx.log(`Wrote ${target}`);
  },
});
