import { defineAction, PermanentActionError } from './types';

const MAX_WAIT_MS = 10 * 60_000;
const POLL_MS = 200;

/** debug:wait — waits a while (stopping early when the task is cancelled). */
export const debugWait = defineAction<{ minutes?: number; seconds?: number; milliseconds?: number }>({
  id: 'debug:wait',
  description: 'Waits for the given time (at most 10 minutes); a cancelled task stops waiting.',
  supportsDryRun: true,
  schema: {
    input: {
      type: 'object',
      properties: { minutes: { type: 'number', minimum: 0 }, seconds: { type: 'number', minimum: 0 }, milliseconds: { type: 'number', minimum: 0 } },
    },
  },
  async handler(ctx) {
    const ms = (ctx.input.minutes ?? 0) * 60_000 + (ctx.input.seconds ?? 0) * 1000 + (ctx.input.milliseconds ?? 0);
    if (ms > MAX_WAIT_MS) throw new PermanentActionError(`debug:wait waits at most 10 minutes, not ${ms} ms`);
    if (ctx.dryRun) {
      await ctx.log(`Would wait ${ms} ms (not in a dry run)`);
      return;
    }
    await ctx.log(`Waiting ${ms} ms`);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(POLL_MS, until - Date.now())));
      if (await ctx.isCancelled()) {
        await ctx.log('Stopped waiting: the task was cancelled');
        return;
      }
    }
  },
});
