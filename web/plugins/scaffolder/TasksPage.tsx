import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { scaffolderApi, type TaskStatus } from '../../api/scaffolderApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime } from '../../lib/dateTime';
import { useDocumentTitle } from '../../lib/documentTitle';
import { settledValue } from '../../lib/resource';
import { session } from '../auth/session';
import { StatusBadge } from './StatusBadge';
import { taskTitle } from './taskTitle';
import './scaffolder.css';

const PAGE = 25;
const STATUSES: { value: string; label: string }[] = [
  { value: '*', label: 'Any status' },
  { value: 'open', label: 'Waiting' },
  { value: 'processing', label: 'Running' },
  { value: 'completed', label: 'Completed' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

type TasksQuery = { owner?: string; status?: string; page?: string };

/** `/create/tasks`: the tasks one started (or everyone's), newest first, by status. */
export default function TasksPage() {
  useDocumentTitle(() => 'Tasks · Create');
  const [params, setParams] = useSearchParams<TasksQuery>();
  const me = () => {
    const s = session();
    return s?.signedIn ? s.identity.userEntityRef : undefined;
  };
  const mine = () => params.owner !== 'all' && Boolean(me());
  const page = () => Math.max(0, Number(params.page) || 0);
  const request = createMemo(() => ({ createdBy: mine() ? me() : undefined, status: params.status as TaskStatus | undefined, offset: page() * PAGE }), undefined, {
    equals: (a, b) => a.createdBy === b.createdBy && a.status === b.status && a.offset === b.offset,
  });
  const [tasks, { refetch }] = createResource(request, (r) => scaffolderApi.tasks({ ...r, limit: PAGE }));
  const total = () => settledValue(tasks)?.totalTasks ?? 0;

  return (
    <div class="page">
      <PageHeader title="Tasks" description="Templates that were run, newest first.">
        <A class="button" href="/create">
          Templates
        </A>
      </PageHeader>
      <div class="filter-bar" role="group" aria-label="Filters">
        <div class="sc-segmented" role="group" aria-label="Whose tasks">
          <button type="button" aria-pressed={mine()} class="sc-segment" disabled={!me()} onClick={() => setParams({ owner: undefined, page: undefined })}>
            Mine
          </button>
          <button type="button" aria-pressed={!mine()} class="sc-segment" onClick={() => setParams({ owner: 'all', page: undefined })}>
            All
          </button>
        </div>
        <SelectField label="Status" options={STATUSES} value={params.status || '*'} onChange={(v) => setParams({ status: v === '*' ? undefined : v, page: undefined })} />
      </div>
      <section class="card table-card" aria-labelledby="sc-tasks-title" aria-busy={tasks.loading}>
        <div class="card-header">
          <h2 id="sc-tasks-title">{mine() ? 'My tasks' : 'All tasks'}</h2>
        </div>
        <div class="progress" classList={{ 'progress-active': tasks.loading }} aria-hidden="true" />
        <Switch fallback={<TableSkeleton rows={5} label="Loading tasks" />}>
          <Match when={tasks.error && !tasks.loading}>
            <ErrorPanel title="Could not load the tasks" error={tasks.error} onRetry={refetch} />
          </Match>
          <Match when={settledValue(tasks)}>
            {(list) => (
              <Show
                when={list().tasks.length}
                fallback={
                  <EmptyState title="No tasks here yet">
                    <p>
                      <A href="/create">Choose a template</A> to start one.
                    </p>
                  </EmptyState>
                }
              >
                <div class="table-scroll">
                  <table class="data-table">
                    <caption class="sr-only">Tasks, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Template</th>
                        <th scope="col">Status</th>
                        <th scope="col">Started</th>
                        <th scope="col">By</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={list().tasks}>
                        {(task) => (
                          <tr>
                            <th scope="row">
                              <A href={`/create/tasks/${encodeURIComponent(task.id)}`}>{taskTitle(task)}</A>
                              <div class="muted sc-task-id">{task.id}</div>
                            </th>
                            <td>
                              <StatusBadge status={task.status} />
                            </td>
                            <td class="nowrap">{formatDateTime(task.createdAt)}</td>
                            <td>{task.createdBy || <span class="muted">guest</span>}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <nav class="pagination" aria-label="Pages">
                  <span class="pagination-summary">
                    {page() * PAGE + 1}–{page() * PAGE + list().tasks.length} of {total()}
                  </span>
                  <button type="button" class="button button-small" disabled={page() === 0} onClick={() => setParams({ page: page() > 1 ? String(page() - 1) : undefined })}>
                    Previous
                  </button>
                  <button type="button" class="button button-small" disabled={(page() + 1) * PAGE >= total()} onClick={() => setParams({ page: String(page() + 1) })}>
                    Next
                  </button>
                </nav>
              </Show>
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
