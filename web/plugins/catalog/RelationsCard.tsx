import { For, Show } from 'solid-js';
import { Card } from '../../components/Card';
import { EntityRefLink } from '../../components/EntityRefLink';
import { RELATION_LABELS, relatedRefs } from '../../lib/entity';
import type { EntityContentProps } from '../types';

const KNOWN_ORDER = Object.keys(RELATION_LABELS);

/** Every relation of the entity, grouped by type, each target linking to its page. */
export default function RelationsCard(props: EntityContentProps) {
  const types = () => {
    const present = new Set((props.entity.relations ?? []).map((r) => r.type));
    const rank = (type: string) => (KNOWN_ORDER.includes(type) ? KNOWN_ORDER.indexOf(type) : KNOWN_ORDER.length);
    return [...present].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  };

  return (
    <Card title="Relations">
      <Show when={types().length} fallback={<p class="muted">This entity has no relations.</p>}>
        <dl class="relation-groups">
          <For each={types()}>
            {(type) => (
              <div class="relation-group">
                <dt>{RELATION_LABELS[type] ?? type}</dt>
                <dd>
                  <ul class="ref-list">
                    <For each={relatedRefs(props.entity, type)}>
                      {(ref) => (
                        <li>
                          <EntityRefLink entityRef={ref} showKind />
                        </li>
                      )}
                    </For>
                  </ul>
                </dd>
              </div>
            )}
          </For>
        </dl>
      </Show>
    </Card>
  );
}
