import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { authApi, type AuditRecord } from '../../api/authApi';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorPanel } from '../../components/ErrorPanel';
import { PageHeader } from '../../components/PageHeader';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useDocumentTitle } from '../../lib/documentTitle';
import { settledValue } from '../../lib/resource';

const time = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The audit log for admins: every write and sign-in, newest first, fifty at a time. */
export default function AuditPage() {
  useDocumentTitle(() => 'Audit log');
  const [before, setBefore] = createSignal<number | undefined>();
  // An object source, since `undefined` (the newest page) would stop a resource from fetching.
  const [page, { refetch }] = createResource(() => ({ before: before() }), (q) => authApi.audit(q.before));
  const [pages, setPages] = createSignal<(number | undefined)[]>([]);
  const older = (next: number) => {
    setPages((p) => [...p, before()]);
    setBefore(next);
  };
  const newer = () => {
    const stack = pages();
    setPages(stack.slice(0, -1));
    setBefore(stack[stack.length - 1]);
  };

  return (
    <div class="page">
      <PageHeader title="Audit log" description="Every write through the API and every sign-in: who, how, what and when." />
      <section class="card table-card" aria-label="Audit records">
        <Switch>
          <Match when={page.error}>
            <ErrorPanel title="Could not load the audit log" error={page.error} onRetry={refetch} />
          </Match>
          <Match when={settledValue(page)?.items.length === 0}>
            <EmptyState title="Nothing recorded yet" />
          </Match>
          <Match when={settledValue(page)}>
            {(current) => (
              <>
                <div class="table-scroll">
                  <table class="data-table" classList={{ stale: page.loading }}>
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Who</th>
                        <th scope="col">How</th>
                        <th scope="col">What</th>
                        <th scope="col">Request</th>
                        <th scope="col">Result</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().items}>
                        {(entry: AuditRecord) => (
                          <tr>
                            <td class="nowrap">{time(entry.at)}</td>
                            <th scope="row">{entry.actor}</th>
                            <td>
                              {entry.via}
                              <Show when={entry.tokenId}>
                                <span class="muted"> {entry.tokenId!.slice(0, 8)}</span>
                              </Show>
                            </td>
                            <td>
                              <code>{entry.action}</code>
                            </td>
                            <td>
                              <code>
                                {entry.method} {entry.path}
                                {entry.detail?.startsWith('?') ? entry.detail : ''}
                              </code>
                              <Show when={entry.detail && !entry.detail.startsWith('?')}>
                                <span class="muted"> {entry.detail}</span>
                              </Show>
                            </td>
                            <td>
                              <Badge tone={entry.status < 400 ? 'accent' : 'warning'}>{entry.status}</Badge>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <nav class="pagination" aria-label="Audit log pages">
                  <button type="button" class="button button-small" disabled={pages().length === 0} onClick={newer}>
                    Newer
                  </button>
                  <button type="button" class="button button-small" disabled={current().next === undefined} onClick={() => older(current().next!)}>
                    Older
                  </button>
                </nav>
              </>
            )}
          </Match>
          <Match when={page.loading}>
            <TableSkeleton rows={8} label="Loading the audit log" />
          </Match>
        </Switch>
      </section>
    </div>
  );
}
