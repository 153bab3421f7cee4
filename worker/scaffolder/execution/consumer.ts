import type { Env } from '../../env';
import { scaffolderDeps } from './deps';
import { instanceId, type ScaffoldMessage } from './message';

/** Attempts after which a task whose workflow cannot be started is failed (matches max_retries in wrangler.toml). */
const MAX_ATTEMPTS = 5;

async function exists(env: Env, id: string): Promise<boolean> {
  try {
    await (await env.SCAFFOLD.get(id)).status();
    return true;
  } catch {
    return false;
  }
}

/**
 * Consumes the scaffolder queue: each message starts the workflow instance of one task run. The
 * instance id is fixed by the task, so a message delivered twice finds it there and is acked.
 */
export async function consumeScaffold(batch: MessageBatch<ScaffoldMessage>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const { taskId, run } = msg.body;
    const id = instanceId(taskId, run);
    try {
      await env.SCAFFOLD.create({ id, params: { taskId, run } });
      msg.ack();
    } catch (err) {
      if (await exists(env, id)) {
        msg.ack();
        continue;
      }
      console.error(`starting scaffolder task ${taskId} (run ${run}) failed (attempt ${msg.attempts}):`, err);
      if (msg.attempts >= MAX_ATTEMPTS) {
        const { tasks } = scaffolderDeps(env);
        const error = { name: 'Error', message: `The task could not be started: ${(err as Error).message}` };
        if (await tasks.finish(taskId, run, 'failed', { error })) await tasks.appendEvent(taskId, 'completion', { message: error.message, status: 'failed', error });
        msg.ack();
      } else {
        msg.retry({ delaySeconds: Math.min(30, 2 ** msg.attempts) });
      }
    }
  }
}
