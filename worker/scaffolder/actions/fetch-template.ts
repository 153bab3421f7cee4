import { renderSkeleton } from '../skeleton/render';
import { workspacePath } from '../workspace/path';
import { defineAction } from './types';

interface Input {
  url: string;
  targetPath?: string;
  values?: Record<string, unknown>;
  copyWithoutTemplating?: string[];
  templateFileExtension?: string | boolean;
  replace?: boolean;
}

/** fetch:template — a skeleton folder rendered with values into the workspace. */
export const fetchTemplate = defineAction<Input>({
  id: 'fetch:template',
  description: 'Downloads a skeleton folder (relative to the template, a built-in template or a GitHub URL) and renders it with values: contents and file names, ${{ values.x }}, {% if %} and {% for %}.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', description: 'Folder to fetch: relative to the template (./skeleton) or an absolute GitHub URL.' },
        targetPath: { type: 'string', description: 'Workspace folder to write to (default: the workspace root).' },
        values: { type: 'object', description: 'Values the skeleton sees as values.*' },
        copyWithoutTemplating: { type: 'array', items: { type: 'string' }, description: 'Globs whose contents are copied without rendering (names still rendered).' },
        templateFileExtension: { type: ['string', 'boolean'], description: 'Only render files with this extension (true: .njk) and strip it.' },
        replace: { type: 'boolean', description: 'Overwrite files already in the workspace (default true).' },
      },
    },
    output: { type: 'object', properties: {} },
  },
  examples: [{ description: 'Render the skeleton next to the template', example: 'action: fetch:template\ninput:\n  url: ./skeleton\n  values:\n    name: ${{ parameters.name }}' }],
  async handler(ctx) {
    const { input } = ctx;
    const files = await ctx.templateSource.readDir(input.url);
    await ctx.log(`Fetched ${files.length} files from ${input.url}`);
    const rendered = renderSkeleton(files, {
      values: input.values ?? {},
      ...(input.copyWithoutTemplating ? { copyWithoutTemplating: input.copyWithoutTemplating } : {}),
      ...(input.templateFileExtension !== undefined ? { templateFileExtension: input.templateFileExtension } : {}),
    });
    const target = workspacePath(input.targetPath ?? '');
    let written = 0;
    for (const f of rendered) {
      const path = workspacePath(f.path, target);
      if (input.replace === false && (await ctx.workspace.read(path))) continue;
      await ctx.workspace.write(path, f.content);
      written++;
    }
    await ctx.log(`Wrote ${written} files${target ? ` under ${target}` : ''}`);
  },
});
