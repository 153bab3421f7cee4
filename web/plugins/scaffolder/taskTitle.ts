import type { Task } from '../../api/scaffolderApi';

/** The title of the template a task runs, falling back to its name or ref. */
export const taskTitle = (task: Task): string =>
  task.spec.templateInfo?.entity?.metadata?.title ?? task.spec.templateInfo?.entity?.metadata?.name ?? task.spec.templateInfo?.entityRef ?? 'Task';
