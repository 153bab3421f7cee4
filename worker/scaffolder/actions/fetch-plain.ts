import { workspacePath } from '../workspace/path';
import { defineAction } from './types';

/** fetch:plain — a folder copied into the workspace as it is. */
export const fetchPlain = defineAction<{ url: string; targetPath?: string }>({
  id: 'fetch:plain',
  description: 'Downloads a folder (relative to the template, a built-in template or a GitHub URL) into the workspace without rendering it.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', description: 'Folder to fetch.' },
        targetPath: { type: 'string', description: 'Workspace folder to write to (default: the root).' },
      },
    },
  },
  async handler(ctx) {
    const files = await ctx.templateSource.readDir(ctx.input.url);
    const target = workspacePath(ctx.input.targetPath ?? '');
    for (const f of files) await ctx.workspace.write(workspacePath(f.path, target), f.content);
    await ctx.log(`Copied ${files.length} files from ${ctx.input.url}`);
  },
});
