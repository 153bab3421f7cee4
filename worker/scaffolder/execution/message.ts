/** The scaffolder queue's message: start run `run` of a task. */
export interface ScaffoldMessage {
  taskId: string;
  run: number;
}

/** Parameters of a workflow instance: the same facts (secrets are read from the task row, never passed). */
export type ScaffoldParams = ScaffoldMessage;

/** The workflow instance of a run: the task id itself for the first run, so a redelivered message cannot start it twice. */
export const instanceId = (taskId: string, run: number): string => (run === 1 ? taskId : `${taskId}-run-${run}`);
