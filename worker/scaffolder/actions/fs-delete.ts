import { globToRegExp } from '../../lib/glob';
import { workspacePath } from '../workspace/path';
import { defineAction } from './types';

/** fs:delete — removes files matching paths or globs from the workspace. */
export const fsDelete = defineAction<{ files: string[] }>({
  id: 'fs:delete',
  description: 'Deletes files or folders (paths or globs) from the workspace.',
  supportsDryRun: true,
  schema: {
    input: { type: 'object', required: ['files'], properties: { files: { type: 'array', items: { type: 'string' } } } },
  },
  async handler(ctx) {
    const all = await ctx.workspace.list();
    const patterns = ctx.input.files.flatMap((f) => {
      const clean = workspacePath(f);
      return [globToRegExp(clean), globToRegExp(`${clean}/**`)];
    });
    const doomed = all.filter((p) => patterns.some((re) => re.test(p)));
    for (const p of doomed) await ctx.workspace.delete(p);
    await ctx.log(`Deleted ${doomed.length} files`);
  },
});
