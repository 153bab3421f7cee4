import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { scaffolderApi, type Task } from '../../api/scaffolderApi';
import { Alert } from '../../components/Alert';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { ErrorPanel } from '../../components/ErrorPanel';
import { Icon } from '../../components/Icon';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/dateTime';
import { useDocumentTitle } from '../../lib/documentTitle';
import { mayRunTemplates } from './mayRun';
import { StatusBadge } from './StatusBadge';
import { followTaskEvents, type StreamState } from './taskEventStream';
import { TaskLog } from './TaskLog';
import { TaskOutputCard } from './TaskOutputCard';
import { taskTitle } from './taskTitle';
import { applyTaskEvent, formatDuration, initialProgress, isTaskFinished, type TaskProgress } from './taskProgress';
import './scaffolder.css';

/** `/create/tasks/:taskId`: a task's steps with their status and live log, its output, cancel and retry. */
export default function TaskPage() {
  const params = useParams<{ taskId: string }>();
  const [task, { refetch }] = createResource(() => params.taskId, (id) => scaffolderApi.task(id));
  // `latest`, never `task()`: reading the resource would suspend the page on every reload.
  const title = () => (task.latest ? taskTitle(task.latest) : undefined);
  useDocumentTitle(() => (title() ? `${title()} · Task` : 'Task'));

  return (
    <div class="page">
      <Breadcrumbs items={[{ label: 'Create', href: '/create' }, { label: 'Tasks', href: '/create/tasks' }, { label: title() ?? params.taskId }]} />
      <Switch fallback={<LoadingState label="Loading the task" />}>
        <Match when={task.error && !task.loading}>
          <PageHeader title="Task" />
          <ErrorPanel title="Could not load this task" error={task.error} onRetry={refetch} />
        </Match>
        <Match when={task.latest}>{(t) => <TaskView task={t()} reload={refetch} />}</Match>
      </Switch>
    </div>
  );
}

function TaskView(props: { task: Task; reload: () => unknown }) {
  const fromTask = (task: Task): TaskProgress => {
    const progress = initialProgress(task.steps ?? task.spec.steps, task.status, task.output);
    // Start from the states the server reports, so the page is right before the first event arrives.
    const known = new Map((task.steps ?? []).map((s) => [s.id, s]));
    progress.steps = progress.steps.map((s) => {
      const k = known.get(s.id);
      return k ? { ...s, status: k.status, startedAt: k.startedAt, endedAt: k.endedAt } : s;
    });
    if (task.status === 'failed') progress.error = task.error?.message;
    return progress;
  };
  const [progress, setProgress] = createSignal<TaskProgress>(fromTask(props.task));
  const [stream, setStream] = createSignal<StreamState>('connecting');
  const [selected, setSelected] = createSignal<string>();
  const [actionError, setActionError] = createSignal<string>();
  // Bumped by Retry: the same task runs again and a new stream follows its new events.
  const [run, setRun] = createSignal(0);

  createEffect(
    on(run, () => {
      followTaskEvents(props.task.id, run() === 0 ? undefined : progress().lastEventId, {
        onEvent: (event) => {
          setProgress((p) => applyTaskEvent(p, event));
          // The final state (output, error, step times) is the server's; fetch it once a run seen live ends.
          if (event.type === 'completion' && (run() > 0 || !isTaskFinished(props.task.status))) void props.reload();
        },
        onState: setStream,
      });
    }),
  );
  // A reload after completion brings the server's final word (output links, error).
  createEffect(
    on(() => props.task, (task) => {
      if (!isTaskFinished(task.status)) return;
      setProgress((p) => ({ ...p, status: task.status, output: task.output ?? p.output, error: task.status === 'failed' ? task.error?.message ?? p.error : undefined }));
    }, { defer: true }),
  );

  const status = () => progress().status;
  const active = createMemo(
    () =>
      progress().steps.find((s) => s.status === 'failed') ??
      progress().steps.find((s) => s.status === 'processing') ??
      [...progress().steps].reverse().find((s) => s.status !== 'open' && s.status !== 'skipped') ??
      progress().steps[0],
  );
  const shownStep = () => progress().steps.find((s) => s.id === selected()) ?? active();
  const failedStep = () => progress().steps.find((s) => s.status === 'failed');

  const cancel = async () => {
    setActionError(undefined);
    await scaffolderApi.cancel(props.task.id);
  };
  const retry = async () => {
    setActionError(undefined);
    try {
      await scaffolderApi.retry(props.task.id);
      setProgress((p) => ({
        ...p,
        status: 'open',
        error: undefined,
        steps: p.steps.map((s) => ({ ...s, status: 'open', log: [], startedAt: undefined, endedAt: undefined })),
        taskLog: [],
      }));
      setSelected(undefined);
      setRun((n) => n + 1);
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    }
  };

  const created = () => formatDateTime(props.task.createdAt);

  return (
    <>
      <PageHeader title={taskTitle(props.task)} description={`Started ${created()}${props.task.createdBy ? ` by ${props.task.createdBy}` : ''} · task ${props.task.id}`}>
        <StatusBadge status={status()} />
        <Show when={mayRunTemplates() && !isTaskFinished(status())}>
          <ConfirmButton
            label={
              <>
                <Icon name="stop" />
                Cancel
              </>
            }
            title="Cancel this task?"
            confirmLabel="Cancel task"
            onConfirm={cancel}
          >
            <p>Steps already completed are not undone; the running step stops as soon as it can.</p>
          </ConfirmButton>
        </Show>
        <Show when={mayRunTemplates() && (status() === 'failed' || status() === 'cancelled')}>
          <button type="button" class="button button-primary" onClick={() => void retry()}>
            <Icon name="refresh" />
            Retry
          </button>
        </Show>
      </PageHeader>

      <Show when={actionError()}>
        <Alert tone="error" title="The task could not be retried">
          <p>{actionError()}</p>
        </Alert>
      </Show>
      <Show when={status() === 'failed'}>
        <Alert tone="error" title={failedStep() ? `Step “${failedStep()!.name}” failed` : 'The task failed'}>
          <p class="sc-failure">{progress().error ?? 'No reason was given; the step log below may say more.'}</p>
        </Alert>
      </Show>
      <Show when={status() === 'cancelled'}>
        <Alert tone="warning" title="This task was cancelled">
          <p>Retry runs it again from the start.</p>
        </Alert>
      </Show>
      <Show when={status() === 'completed' && progress().output}>{(output) => <TaskOutputCard output={output()} />}</Show>

      <div class="card sc-task">
        <nav class="sc-task-steps" aria-label="Steps">
          <ol>
            <For each={progress().steps}>
              {(step) => (
                <li>
                  <button
                    type="button"
                    class="sc-task-step"
                    classList={{ 'sc-task-step-selected': shownStep()?.id === step.id }}
                    aria-current={shownStep()?.id === step.id ? 'true' : undefined}
                    onClick={() => setSelected(step.id)}
                  >
                    <StatusBadge status={step.status} compact />
                    <span class="sc-task-step-name">{step.name}</span>
                    <span class="sc-task-step-time">{formatDuration(step.startedAt, step.endedAt)}</span>
                  </button>
                </li>
              )}
            </For>
          </ol>
        </nav>
        <div class="sc-task-log">
          <Show when={shownStep()} fallback={<p class="muted">This template has no steps.</p>}>
            {(step) => (
              <>
                <div class="sc-task-log-head">
                  <h2>{step().name}</h2>
                  <code class="muted">{step().action}</code>
                  <StatusBadge status={step().status} />
                  <Show when={!isTaskFinished(status())}>
                    <span class="sc-stream muted" role="status">
                      {stream() === 'live' ? 'Live' : stream() === 'reconnecting' ? 'Reconnecting…' : stream() === 'connecting' ? 'Connecting…' : ''}
                    </span>
                  </Show>
                </div>
                <TaskLog lines={step().log} label={`Log of ${step().name}`} empty={step().status === 'open' ? 'This step has not started yet.' : step().status === 'skipped' ? 'This step was skipped: its condition was false.' : 'No log lines.'} />
              </>
            )}
          </Show>
          <Show when={progress().taskLog.length}>
            <details class="sc-task-events">
              <summary>Task events ({progress().taskLog.length})</summary>
              <TaskLog lines={progress().taskLog} label="Task events" empty="" />
            </details>
          </Show>
        </div>
      </div>
      <p class="sc-page-foot">
        <A href="/create/tasks">All tasks</A>
      </p>
    </>
  );
}
