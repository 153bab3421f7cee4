import { For, Show } from 'solid-js';
import type { ContentModel, Json, OperationModel } from './openapi';
import { schemaType } from './openapi';
import { SchemaView } from './SchemaView';

function Bodies(props: { doc: Json; content: ContentModel[] }) {
  return (
    <For each={props.content}>
      {(c) => (
        <div class="api-body">
          <p class="api-body-type">
            <code>{c.mediaType}</code>
            <Show when={c.schema}>
              <span class="schema-field-type">{schemaType(props.doc, c.schema)}</span>
            </Show>
          </p>
          <SchemaView doc={props.doc} schema={c.schema} />
        </div>
      )}
    </For>
  );
}

/** One operation, collapsed to its method, path and summary until opened. */
export function OperationView(props: { doc: Json; operation: OperationModel }) {
  const op = () => props.operation;
  return (
    <details class="api-operation" id={`operation-${op().id}`}>
      <summary class="api-operation-summary">
        <span class={`api-method api-method-${op().method}`}>{op().method.toUpperCase()}</span>
        <code class="api-path" classList={{ 'api-deprecated': op().deprecated }}>
          {op().path}
        </code>
        <span class="api-summary">{op().summary ?? op().operationId ?? ''}</span>
        <Show when={op().deprecated}>
          <span class="schema-deprecated">deprecated</span>
        </Show>
      </summary>
      <div class="api-operation-body">
        <Show when={op().description}>
          <p class="api-description">{op().description}</p>
        </Show>
        <Show when={op().operationId}>
          <p class="muted">
            Operation ID <code>{op().operationId}</code>
          </p>
        </Show>
        <Show when={op().parameters.length}>
          <h4>Parameters</h4>
          <div class="api-params-scroll">
            <table class="api-params">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                <For each={op().parameters}>
                  {(p) => (
                    <tr>
                      <th scope="row">
                        <code>{p.name}</code>
                        <Show when={p.required}>
                          <span class="schema-required">required</span>
                        </Show>
                      </th>
                      <td>{p.in}</td>
                      <td>
                        <span class="schema-field-type">{schemaType(props.doc, p.schema)}</span>
                      </td>
                      <td>{p.description ?? ''}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
        <Show when={op().requestBody}>
          {(body) => (
            <>
              <h4>
                Request body
                <Show when={body().required}>
                  <span class="schema-required">required</span>
                </Show>
              </h4>
              <Show when={body().description}>
                <p>{body().description}</p>
              </Show>
              <Bodies doc={props.doc} content={body().content} />
            </>
          )}
        </Show>
        <Show when={op().responses.length}>
          <h4>Responses</h4>
          <ul class="api-responses">
            <For each={op().responses}>
              {(r) => (
                <li>
                  <p>
                    <span class="api-status" classList={{ 'api-status-error': /^[45]/.test(r.status) }}>
                      {r.status}
                    </span>{' '}
                    {r.description ?? ''}
                  </p>
                  <Bodies doc={props.doc} content={r.content} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </details>
  );
}
