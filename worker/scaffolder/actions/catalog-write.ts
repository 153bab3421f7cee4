import { stringify } from 'yaml';
import { workspacePath } from '../workspace/path';
import { defineAction } from './types';

/** catalog:write — writes an entity as a catalog-info.yaml into the workspace. */
export const catalogWrite = defineAction<{ filePath?: string; entity: Record<string, unknown> }>({
  id: 'catalog:write',
  description: 'Writes a catalog descriptor (catalog-info.yaml by default) into the workspace.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      required: ['entity'],
      properties: {
        filePath: { type: 'string', description: 'Workspace path (default catalog-info.yaml).' },
        entity: { type: 'object', description: 'The entity to write.' },
      },
    },
  },
  async handler(ctx) {
    const path = workspacePath(ctx.input.filePath ?? 'catalog-info.yaml');
    await ctx.workspace.write(path, stringify(ctx.input.entity));
    await ctx.log(`Wrote ${path}`);
  },
});
