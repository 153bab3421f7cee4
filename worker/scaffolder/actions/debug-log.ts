import { defineAction } from './types';

/** debug:log — writes a message (and optionally the workspace listing) to the step's log. */
export const debugLog = defineAction<{ message?: string; listWorkspace?: boolean | 'with-filenames' | 'with-contents'; extra?: unknown }>({
  id: 'debug:log',
  description: 'Writes a message to the log; optionally lists the workspace (with-filenames or with-contents).',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      properties: {
        message: { type: 'string' },
        listWorkspace: { enum: [true, false, 'with-filenames', 'with-contents'] },
        extra: {},
      },
    },
  },
  async handler(ctx) {
    if (ctx.input.message !== undefined) await ctx.log(ctx.input.message);
    if (ctx.input.extra !== undefined) await ctx.log(JSON.stringify(ctx.input.extra));
    if (ctx.input.listWorkspace) {
      const paths = await ctx.workspace.list();
      if (ctx.input.listWorkspace === 'with-contents') {
        for (const p of paths) {
          const f = await ctx.workspace.read(p);
          await ctx.log(`${p}:\n${new TextDecoder().decode(f?.content ?? new Uint8Array())}`);
        }
      } else {
        await ctx.log(`Workspace:\n${paths.map((p) => `  ${p}`).join('\n')}`);
      }
    }
  },
});
