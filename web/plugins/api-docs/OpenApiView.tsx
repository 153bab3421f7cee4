import { createMemo, For, Match, Show, Switch } from 'solid-js';
import { parse } from 'yaml';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { openApiModel, type Json, type OpenApiModel } from './openapi';
import { OperationView } from './OperationView';
import { SchemaView } from './SchemaView';
import './api-docs.css';

/** Reads a definition written as JSON or YAML; YAML is a superset, but JSON.parse is faster for the common JSON case. */
function parseDefinition(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parse(text, { maxAliasCount: 100 });
  }
}

/** An OpenAPI or Swagger definition, readable: operations by tag with parameters, bodies and responses, then the schemas. */
export default function OpenApiView(props: { definition: string }) {
  const parsed = createMemo((): { doc: Json; model: OpenApiModel } | { error: string } => {
    try {
      const doc = parseDefinition(props.definition) as Json;
      return { doc, model: openApiModel(doc) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  const failure = () => {
    const p = parsed();
    return 'error' in p ? p.error : undefined;
  };
  const readable = () => {
    const p = parsed();
    return 'model' in p ? p : undefined;
  };

  return (
    <Switch>
      <Match when={failure()}>
        {(message) => (
          <Alert tone="error" title="This OpenAPI definition could not be read">
            <p>{message()}</p>
          </Alert>
        )}
      </Match>
      <Match when={readable()}>
        {(ok) => (
          <div class="openapi">
            <div class="openapi-info">
              <p>
                <strong>{ok().model.title ?? 'Untitled API'}</strong>
                <Show when={ok().model.version}>
                  <Badge>v{ok().model.version}</Badge>
                </Show>
                <span class="muted"> {ok().model.specVersion.startsWith('2') ? 'Swagger' : 'OpenAPI'} {ok().model.specVersion}</span>
              </p>
              <Show when={ok().model.description}>
                <p class="api-description">{ok().model.description}</p>
              </Show>
              <Show when={ok().model.servers.length}>
                <p class="muted">
                  Servers:{' '}
                  <For each={ok().model.servers}>{(server) => <code class="api-server">{server}</code>}</For>
                </p>
              </Show>
            </div>
            <Show when={ok().model.groups.length} fallback={<p class="muted">This definition has no operations.</p>}>
              <For each={ok().model.groups}>
                {(group) => (
                  <section class="api-tag" aria-label={group.tag ? `Operations tagged ${group.tag}` : 'Operations'}>
                    <h3 class="api-tag-title">{group.tag || (ok().model.groups.length > 1 ? 'Other operations' : 'Operations')}</h3>
                    <Show when={group.description}>
                      <p class="muted">{group.description}</p>
                    </Show>
                    <For each={group.operations}>{(operation) => <OperationView doc={ok().doc} operation={operation} />}</For>
                  </section>
                )}
              </For>
            </Show>
            <Show when={ok().model.schemas.length}>
              <section class="api-schemas" aria-label="Schemas">
                <h3 class="api-tag-title">Schemas</h3>
                <For each={ok().model.schemas}>
                  {(s) => (
                    <details class="api-schema">
                      <summary>
                        <code>{s.name}</code>
                      </summary>
                      <Show when={typeof s.schema.description === 'string'}>
                        <p class="schema-description">{String(s.schema.description)}</p>
                      </Show>
                      <SchemaView doc={ok().doc} schema={s.schema} seen={new Set([`#/components/schemas/${s.name}`, `#/definitions/${s.name}`])} />
                    </details>
                  )}
                </For>
              </section>
            </Show>
          </div>
        )}
      </Match>
    </Switch>
  );
}
