import { Show } from 'solid-js';
import { Badge } from '../../components/Badge';
import { Card } from '../../components/Card';
import { specString } from '../../lib/entity';
import type { EntityContentProps } from '../types';

/** The API's `spec.definition` as source text, until per-format viewers (OpenAPI, AsyncAPI, …) exist. */
export default function DefinitionTab(props: EntityContentProps) {
  const definition = () => {
    const value = props.entity.spec?.definition;
    if (value === undefined || value === null) return undefined;
    // Text is the norm; a structured value is printed as JSON so it is still readable.
    return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  };

  return (
    <Card
      title="Definition"
      actions={<Show when={specString(props.entity, 'type')}>{(type) => <Badge>{type()}</Badge>}</Show>}
    >
      <Show when={definition()} fallback={<p class="muted">This API has no definition.</p>}>
        {(text) => (
          <pre class="code-block" tabindex="0" aria-label="API definition source">
            <code>{text()}</code>
          </pre>
        )}
      </Show>
    </Card>
  );
}
