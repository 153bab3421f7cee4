import { createResource, For, Match, Show, Switch } from 'solid-js';
import { scaffolderApi, type ActionInfo, type JsonSchema } from '../../api/scaffolderApi';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { ErrorPanel } from '../../components/ErrorPanel';
import { LoadingState } from '../../components/LoadingState';
import { NoValue } from '../../components/NoValue';
import { PageHeader } from '../../components/PageHeader';
import { useDocumentTitle } from '../../lib/documentTitle';
import './scaffolder.css';

/** A JSON Schema type as one short word or union, e.g. `string`, `string | number`, `string[]`. */
function typeOf(schema: JsonSchema): string {
  const type = schema.type;
  if (Array.isArray(type)) return type.join(' | ');
  if (type === 'array' && schema.items && typeof schema.items === 'object') return `${typeOf(schema.items as JsonSchema)}[]`;
  return typeof type === 'string' ? type : 'any';
}

function InputTable(props: { action: ActionInfo }) {
  const input = () => props.action.schema?.input ?? {};
  const properties = () => Object.entries((input().properties as Record<string, JsonSchema> | undefined) ?? {});
  const required = () => new Set(Array.isArray(input().required) ? (input().required as string[]) : []);
  return (
    <Show when={properties().length} fallback={<p class="muted">No input.</p>}>
      <div class="table-scroll">
        <table class="data-table sc-action-table">
          <caption class="sr-only">Input of {props.action.id}</caption>
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            <For each={properties()}>
              {([name, schema]) => (
                <tr>
                  <th scope="row">
                    <code>{name}</code>
                    <Show when={required().has(name)}>
                      <span class="sc-required"> required</span>
                    </Show>
                  </th>
                  <td>
                    <code>{typeOf(schema)}</code>
                  </td>
                  <td>{typeof schema.description === 'string' ? schema.description : <NoValue />}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

/** `/create/actions`: the installed actions a template's steps can use, with their inputs (as Backstage lists them). */
export default function ActionsPage() {
  useDocumentTitle(() => 'Installed actions · Create');
  const [actions, { refetch }] = createResource(() => scaffolderApi.actions());
  return (
    <div class="page">
      <Breadcrumbs items={[{ label: 'Create', href: '/create' }, { label: 'Installed actions' }]} />
      <PageHeader title="Installed actions" description="What the steps of a template can do, and the input each action takes." />
      <Switch fallback={<LoadingState label="Loading the actions" />}>
        <Match when={actions.error && !actions.loading}>
          <ErrorPanel title="Could not load the actions" error={actions.error} onRetry={refetch} />
        </Match>
        <Match when={actions.latest}>
          {(list) => (
            <div class="sc-actions">
              <For each={list()}>
                {(action) => (
                  <section class="card" aria-labelledby={`action-${action.id}`}>
                    <div class="card-header">
                      <h2 id={`action-${action.id}`}>
                        <code>{action.id}</code>
                      </h2>
                    </div>
                    <div class="card-body sc-action-body">
                      <Show when={action.description}>
                        <p>{action.description}</p>
                      </Show>
                      <InputTable action={action} />
                    </div>
                  </section>
                )}
              </For>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
