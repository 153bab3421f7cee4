import { workspacePath } from '../workspace/path';
import { defineAction, PermanentActionError } from './types';

/** fs:rename — moves files (or whole folders) within the workspace. */
export const fsRename = defineAction<{ files: { from: string; to: string; overwrite?: boolean }[] }>({
  id: 'fs:rename',
  description: 'Renames files or folders in the workspace.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      required: ['files'],
      properties: {
        files: {
          type: 'array',
          items: {
            type: 'object',
            required: ['from', 'to'],
            properties: { from: { type: 'string' }, to: { type: 'string' }, overwrite: { type: 'boolean' } },
          },
        },
      },
    },
  },
  async handler(ctx) {
    for (const { from, to, overwrite } of ctx.input.files) {
      const src = workspacePath(from);
      const dst = workspacePath(to);
      const single = await ctx.workspace.read(src);
      const moves = single ? [[src, dst]] : (await ctx.workspace.list(src)).map((p) => [p, dst + p.slice(src.length)]);
      if (!moves.length) throw new PermanentActionError(`fs:rename: "${from}" is not in the workspace`);
      for (const [a, b] of moves as [string, string][]) {
        if (!overwrite && (await ctx.workspace.read(b))) throw new PermanentActionError(`fs:rename: "${b}" exists (set overwrite: true to replace it)`);
        const file = (await ctx.workspace.read(a))!;
        await ctx.workspace.write(b, file.content, file.executable);
        await ctx.workspace.delete(a);
      }
      await ctx.log(`Renamed ${src} to ${dst}`);
    }
  },
});
