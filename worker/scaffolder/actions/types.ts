import type { Env } from '../../env';
import type { Config } from '../../config';
import type { IngestDeps } from '../../catalog/ingest/runner';
import type { JsonSchema } from '../template/parameters';
import type { TemplateSource } from '../sources/source';
import type { TaskStore } from '../tasks/store';
import type { Workspace } from '../workspace/workspace';

/** What an action gets: its rendered input, the workspace, a logger and the task's facts. */
export interface ActionContext<I = Record<string, unknown>> {
  input: I;
  workspace: Workspace;
  /** The template's own files (its folder, built-in templates, GitHub URLs). */
  templateSource: TemplateSource;
  /** Appends a line to the step's log (secrets are redacted before it is stored). */
  log(message: string): Promise<void>;
  /** Sets one output value of the step. */
  output(name: string, value: unknown): void;
  secrets: Readonly<Record<string, string>>;
  task: { id: string; createdBy: string; templateRef: string; stepId: string };
  /** True for POST /v2/dry-run: nothing outside the in-memory workspace may change. */
  dryRun: boolean;
  /** Whether the task was cancelled meanwhile (long-running actions check it and stop early). */
  isCancelled(): Promise<boolean>;
  env: Env;
  config: Config;
  tasks: TaskStore;
  catalog: IngestDeps;
}

/** One scaffolder action: an id, its input/output schemas and what it does. */
export interface ActionDefinition<I = Record<string, unknown>> {
  id: string;
  description: string;
  schema: { input: JsonSchema; output?: JsonSchema };
  examples?: { description: string; example: string }[];
  /** Runs for real during a dry run (only actions that touch nothing but the workspace). */
  supportsDryRun?: boolean;
  handler(ctx: ActionContext<I>): Promise<void>;
}

/**
 * An action failure that retrying cannot fix (bad input, a name already taken, a refused
 * permission): the step fails at once instead of using up its retries.
 */
export class PermanentActionError extends Error {
  override name = 'PermanentActionError';
}

/** Defines an action with a typed input (the schema is what is checked at run time). */
export function defineAction<I>(def: ActionDefinition<I>): ActionDefinition {
  return def as unknown as ActionDefinition;
}
