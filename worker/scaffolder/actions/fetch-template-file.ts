import { renderTemplateString } from '../template/expressions';
import { workspacePath } from '../workspace/path';
import { defineAction } from './types';

/** fetch:template:file — one file rendered with values into the workspace. */
export const fetchTemplateFile = defineAction<{ url: string; targetPath: string; values?: Record<string, unknown>; replace?: boolean }>({
  id: 'fetch:template:file',
  description: 'Downloads one file and renders it with values into the workspace.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      required: ['url', 'targetPath'],
      properties: {
        url: { type: 'string', description: 'File to fetch (relative to the template or absolute).' },
        targetPath: { type: 'string', description: 'Workspace path of the file.' },
        values: { type: 'object' },
        replace: { type: 'boolean', description: 'Overwrite an existing file (default true).' },
      },
    },
  },
  async handler(ctx) {
    const target = workspacePath(ctx.input.targetPath);
    if (ctx.input.replace === false && (await ctx.workspace.read(target))) {
      await ctx.log(`${target} exists; left as it is`);
      return;
    }
    const text = new TextDecoder().decode(await ctx.templateSource.readFile(ctx.input.url));
    await ctx.workspace.write(target, renderTemplateString(text, { values: ctx.input.values ?? {} }));
    await ctx.log(`Wrote ${target}`);
  },
});
