import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from 'cloudflare:workers';
import { NonRetryableError } from 'cloudflare:workflows';
import type { Env } from '../../env';
import { GithubApiError } from '../../github/errors';
import { HttpError } from '../../lib/errors';
import { PermanentActionError } from '../actions/types';
import { templateSource } from '../sources/source';
import { ExpressionError } from '../template/expressions';
import type { TaskSpec, TaskStatus, TemplateStep } from '../tasks/types';
import { ENDED } from '../tasks/types';
import { R2Workspace } from '../workspace/workspace';
import { scaffolderDeps, type ScaffolderDeps } from './deps';
import type { ScaffoldParams } from './message';
import { redact } from './redact';
import { expressionContext, planStep, renderTaskOutput, runStep, type StepOutputs } from './steps';

// Each template step is one durable step: retried with backoff on transient failures (a flaky
// GitHub, a network blip), never repeated once it has completed, whatever happens to the Worker.
const STEP_CONFIG = { retries: { limit: 3, delay: '1 second', backoff: 'exponential' }, timeout: '15 minutes' } as const;

type StepResult = { output: Record<string, unknown> };

/** Errors that retrying the same step cannot fix. */
const isPermanent = (e: unknown) =>
  e instanceof PermanentActionError ||
  e instanceof ExpressionError ||
  e instanceof GithubApiError ||
  (e instanceof HttpError && e.status < 500) ||
  (e instanceof Error && e.name === 'NonRetryableError');

/** Whether run `run` is over: the task is gone, has ended, or a retry started a newer run. */
const isStopped = (state: { status: TaskStatus; run: number } | undefined, run: number): boolean => !state || state.run !== run || ENDED.has(state.status);

/**
 * Runs one task run as a durable workflow: begin (workspace cleared), one `step.do` per template
 * step, then complete (output rendered, secrets dropped) or fail. State lives in D1 (task, events)
 * and R2 (workspace), so a crash or redeploy resumes after the last completed step.
 */
export class ScaffoldWorkflow extends WorkflowEntrypoint<Env, ScaffoldParams> {
  override async run(event: Readonly<WorkflowEvent<ScaffoldParams>>, step: WorkflowStep): Promise<{ status: string }> {
    const { taskId, run } = event.payload;
    const deps = scaffolderDeps(this.env);

    const begun = await step.do('begin', async () => {
      if (!(await deps.tasks.start(taskId, run))) return { go: false };
      await new R2Workspace(this.env.WORKSPACES, taskId).clear();
      await deps.tasks.appendEvent(taskId, 'log', { message: run > 1 ? `Starting run ${run} of the task` : 'Starting the task' });
      return { go: true };
    });
    if (!begun.go) return { status: 'not-started' };

    const task = await deps.tasks.get(taskId);
    if (!task) return { status: 'gone' };
    const spec = task.spec;
    const outputs: StepOutputs = {};
    for (const [i, s] of spec.steps.entries()) {
      if (await this.stopped(deps, taskId, run)) return { status: 'cancelled' };
      try {
        const result = await step.do(`${i + 1}. ${s.id}`, STEP_CONFIG, async (sctx) => (await this.runOne(deps, taskId, run, spec, s, outputs, sctx.attempt ?? 1)) as never);
        outputs[s.id] = { output: (result as StepResult).output };
      } catch (err) {
        if (await this.stopped(deps, taskId, run)) return { status: 'cancelled' };
        // The engine hands the step's error back as "<Name>: <message>".
        const message = (err instanceof Error ? err.message : String(err)).replace(/^(NonRetryableError|Error): /, '');
        await step.do('fail', async () => {
          const { secrets } = (await deps.tasks.runState(taskId)) ?? { secrets: {} };
          const error = { name: 'Error', message: redact(`Step "${s.name}" failed: ${message}`, secrets) };
          await deps.tasks.stepEvent(taskId, s.id, { status: 'failed', endedAt: new Date().toISOString() }, { status: 'failed', message: error.message });
          if (await deps.tasks.finish(taskId, run, 'failed', { error })) {
            await deps.tasks.appendEvent(taskId, 'completion', { message: `Run failed: ${error.message}`, status: 'failed', error });
          }
          return {};
        });
        return { status: 'failed' };
      }
    }

    await step.do('complete', async () => {
      const state = await deps.tasks.runState(taskId);
      const secrets = state?.secrets ?? {};
      let output: Record<string, unknown>;
      try {
        output = renderTaskOutput(spec, expressionContext(spec, secrets, outputs), secrets);
      } catch (e) {
        const error = { name: 'Error', message: redact(`The template's output could not be rendered: ${(e as Error).message}`, secrets) };
        if (await deps.tasks.finish(taskId, run, 'failed', { error })) await deps.tasks.appendEvent(taskId, 'completion', { message: error.message, status: 'failed', error });
        return {};
      }
      if (await deps.tasks.finish(taskId, run, 'completed', { output })) {
        await deps.tasks.appendEvent(taskId, 'completion', { message: 'Run completed', status: 'completed', output });
      }
      return {};
    });
    return { status: 'completed' };
  }

  /** Whether this run should stop (cancelled, or superseded by a retry). */
  private async stopped(deps: ScaffolderDeps, taskId: string, run: number): Promise<boolean> {
    return isStopped(await deps.tasks.state(taskId), run);
  }

  private async runOne(deps: ScaffolderDeps, taskId: string, run: number, spec: TaskSpec, s: TemplateStep, outputs: StepOutputs, attempt: number): Promise<StepResult> {
    const state = await deps.tasks.runState(taskId);
    if (!state || isStopped(state, run)) return { output: {} };
    const { secrets } = state;
    const log = async (message: string) => {
      await deps.tasks.appendEvent(taskId, 'log', { stepId: s.id, message: redact(message, secrets) });
    };
    const now = () => new Date().toISOString();
    const ctx = expressionContext(spec, secrets, outputs);
    try {
      const plan = planStep(s, ctx);
      if (plan.skip) {
        await deps.tasks.stepEvent(taskId, s.id, { status: 'skipped', endedAt: now() }, { status: 'skipped', message: `Skipping "${s.name}": its condition is false` });
        return { output: {} };
      }
      await deps.tasks.stepEvent(
        taskId,
        s.id,
        { status: 'processing', startedAt: now() },
        { status: 'processing', message: attempt > 1 ? `Retrying "${s.name}" (attempt ${attempt})` : `Beginning step "${s.name}"` },
      );
      const output = await runStep(
        {
          step: s,
          ctx,
          secrets,
          log,
          base: {
            workspace: new R2Workspace(this.env.WORKSPACES, taskId),
            templateSource: templateSource({ baseUrl: spec.templateInfo.baseUrl, config: deps.config, reader: deps.catalog.reader }),
            secrets,
            task: { id: taskId, createdBy: spec.user.ref ?? '', templateRef: spec.templateInfo.entityRef },
            dryRun: false,
            isCancelled: () => this.stopped(deps, taskId, run),
            env: this.env,
            config: deps.config,
            tasks: deps.tasks,
            catalog: deps.catalog,
          },
        },
        plan.iterations,
      );
      await deps.tasks.stepEvent(taskId, s.id, { status: 'completed', endedAt: now() }, { status: 'completed', message: `Finished step "${s.name}"` });
      return { output };
    } catch (err) {
      const message = redact(err instanceof Error ? err.message : String(err), secrets);
      await log(`Attempt ${attempt} failed: ${message}`);
      if (isPermanent(err)) throw new NonRetryableError(message);
      throw new Error(message);
    }
  }
}
