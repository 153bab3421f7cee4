import { Validator, type Schema } from '@cfworker/json-schema';
import { ACTIONS } from '../actions';
import { evaluateCondition, isTruthy, renderValue } from '../template/expressions';
import type { ActionContext, ActionDefinition } from '../actions/types';
import { PermanentActionError } from '../actions/types';
import type { TaskSpec, TemplateStep } from '../tasks/types';
import { redact } from './redact';

/** Outputs of the steps run so far, as expressions see them (`steps['id'].output`). */
export type StepOutputs = Record<string, { output: Record<string, unknown> }>;

/** What `${{ }}` sees while a task runs: parameters (secret fields included), secrets, steps, user. */
export function expressionContext(spec: TaskSpec, secrets: Readonly<Record<string, string>>, steps: StepOutputs): Record<string, unknown> {
  return { parameters: { ...spec.parameters, ...secrets }, secrets, steps, user: spec.user };
}

/** One pass of a step: `each` gives one per item, with `each.key`/`each.value`. */
export interface Iteration {
  key: string | number;
  value: unknown;
}

/** Whether a step runs (`if`) and over what (`each`); undefined iterations means once. */
export function planStep(step: TemplateStep, ctx: Record<string, unknown>): { skip: boolean; iterations?: Iteration[] } {
  if (!evaluateCondition(step.if, ctx)) return { skip: true };
  if (step.each === undefined) return { skip: false };
  const each = renderValue(step.each, ctx);
  if (Array.isArray(each)) return { skip: false, iterations: each.map((value, key) => ({ key, value })) };
  if (each && typeof each === 'object') return { skip: false, iterations: Object.entries(each).map(([key, value]) => ({ key, value })) };
  if (!isTruthy(each)) return { skip: false, iterations: [] };
  throw new PermanentActionError(`Step "${step.id}": each must be an array or an object`);
}

const validators = new WeakMap<object, Validator>();

function checkInput(action: ActionDefinition, input: unknown, stepId: string): void {
  let v = validators.get(action.schema.input);
  if (!v) validators.set(action.schema.input, (v = new Validator(action.schema.input as Schema, '7', false)));
  const result = v.validate(input);
  if (result.valid) return;
  const problems = result.errors
    .filter((e) => !['properties', 'items', 'allOf', 'anyOf', 'oneOf', '$ref'].includes(e.keyword))
    .map((e) => `${e.instanceLocation.replace(/^#\/?/, '') || 'input'}: ${e.error}`);
  throw new PermanentActionError(`Invalid input for ${action.id} in step "${stepId}": ${[...new Set(problems)].join('; ')}`);
}

/** What running one step needs besides the step: the base context and a per-run logger. */
export interface StepRun {
  step: TemplateStep;
  ctx: Record<string, unknown>;
  secrets: Readonly<Record<string, string>>;
  /** The action context minus the parts that vary per step/iteration. */
  base: Omit<ActionContext, 'input' | 'output' | 'log' | 'task'> & { task: Omit<ActionContext['task'], 'stepId'> };
  log(message: string): Promise<void>;
}

/**
 * Runs a step's action (every iteration for `each`), its input rendered and checked against the
 * action's schema first; an action no one registered is a permanent error. Returns the step's
 * output, secrets redacted. With `each`, each output name collects one value per iteration, as Backstage does.
 */
export async function runStep(run: StepRun, iterations: Iteration[] | undefined): Promise<Record<string, unknown>> {
  const { step } = run;
  const action = ACTIONS.get(step.action);
  if (!action) throw new PermanentActionError(`Template action "${step.action}" does not exist`);
  const output: Record<string, unknown> = {};
  for (const iteration of iterations ?? [undefined]) {
    const ctx = iteration ? { ...run.ctx, each: iteration } : run.ctx;
    const input = (renderValue(step.input ?? {}, ctx) ?? {}) as Record<string, unknown>;
    checkInput(action, input, step.id);
    if (iteration) await run.log(`Running ${action.id} for ${String(iteration.key)}: ${JSON.stringify(redact(iteration.value, run.secrets))}`);
    if (run.base.dryRun && !action.supportsDryRun) {
      await run.log(`Skipping ${action.id} in a dry run (it would change something outside the workspace)`);
      continue;
    }
    await action.handler({
      ...run.base,
      task: { ...run.base.task, stepId: step.id },
      input,
      log: run.log,
      output(name, value) {
        if (iteration) output[name] = [...((output[name] as unknown[]) ?? []), value];
        else output[name] = value;
      },
    });
  }
  return redact(output, run.secrets);
}

/** spec.output rendered after the last step: links and text whose `if` is false are left out. */
export function renderTaskOutput(spec: TaskSpec, ctx: Record<string, unknown>, secrets: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec.output ?? {})) {
    if ((key === 'links' || key === 'text') && Array.isArray(value)) {
      out[key] = value
        .filter((item) => !(item && typeof item === 'object' && 'if' in item) || evaluateCondition((item as { if: unknown }).if, ctx))
        .map((item) => {
          const { if: _if, ...rest } = item as Record<string, unknown>;
          return renderValue(rest, ctx);
        });
    } else {
      out[key] = renderValue(value, ctx);
    }
  }
  return redact(out, secrets);
}
