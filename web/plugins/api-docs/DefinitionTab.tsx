import { lazy, Match, Show, Suspense, Switch } from 'solid-js';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { LoadingState } from '../../components/LoadingState';
import { specString } from '../../lib/entity';
import type { EntityContentProps } from '../types';

// The viewers (and their YAML parser and grammars) load only with an API that needs them.
const OpenApiView = lazy(() => import('./OpenApiView'));
const HighlightedSource = lazy(() => import('./HighlightedSource'));

/** The API's `spec.definition`: OpenAPI readable as operations and schemas, other formats as highlighted source. */
export default function DefinitionTab(props: EntityContentProps) {
  const definition = () => {
    const value = props.entity.spec?.definition;
    if (value === undefined || value === null) return undefined;
    // Text is the norm; a structured value is printed as JSON so it is still readable.
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  };
  const type = () => specString(props.entity, 'type')?.toLowerCase();

  return (
    <Card title="Definition" actions={<Show when={specString(props.entity, 'type')}>{(t) => <Badge>{t()}</Badge>}</Show>}>
      <Show when={definition()} fallback={<p class="muted">This API has no definition.</p>}>
        {(text) => (
          <Suspense fallback={<LoadingState label="Loading the definition viewer" />}>
            <Switch fallback={<HighlightedSource text={text()} apiType={type()} label="API definition source" />}>
              <Match when={type() === 'openapi'}>
                <OpenApiView definition={text()} />
                <details class="api-raw">
                  <summary>Source</summary>
                  <HighlightedSource text={text()} apiType={type()} label="API definition source" />
                </details>
              </Match>
            </Switch>
          </Suspense>
        )}
      </Show>
    </Card>
  );
}
