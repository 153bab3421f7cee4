import { For, Show } from 'solid-js';
import type { Entity } from '../../api/types';
import { Badge } from '../../components/Badge';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ExternalLink } from '../../components/ExternalLink';
import { Icon } from '../../components/Icon';
import { LifecycleFact } from '../../components/LifecycleFact';
import { TagList } from '../../components/TagList';
import { relationOrSpecRefs, specString } from '../../lib/entity';
import { DEFAULT_NAMESPACE } from '../../lib/entityRef';
import { kindLabel } from '../../lib/kinds';

/** The top of an entity page: what it is, what it is called, who owns it, and where to go next. */
export function EntityHeader(props: { entity: Entity }) {
  const meta = () => props.entity.metadata;
  const owners = () => relationOrSpecRefs(props.entity, 'ownedBy', 'owner', 'group');
  const namespace = () => meta().namespace ?? DEFAULT_NAMESPACE;

  return (
    <header class="entity-header">
      <div class="entity-eyebrow">
        <Badge tone="accent">{kindLabel(props.entity.kind)}</Badge>
        <Show when={specString(props.entity, 'type')}>{(type) => <span>{type()}</span>}</Show>
        <Show when={namespace() !== DEFAULT_NAMESPACE}>
          <span>namespace {namespace()}</span>
        </Show>
      </div>
      <h1>{meta().title ?? meta().name}</h1>
      <Show when={meta().title}>
        <p class="entity-name">
          <code>{meta().name}</code>
        </p>
      </Show>
      <dl class="entity-facts">
        <Show when={owners().length}>
          <div>
            <dt>Owner</dt>
            <dd>
              <For each={owners()}>{(owner) => <EntityRefLink entityRef={owner} defaultKind="group" />}</For>
            </dd>
          </div>
        </Show>
        <LifecycleFact entity={props.entity} />
        <Show when={meta().tags?.length}>
          <div>
            <dt>Tags</dt>
            <dd>
              <TagList tags={meta().tags} />
            </dd>
          </div>
        </Show>
      </dl>
      <Show when={meta().links?.length}>
        <ul class="entity-links" aria-label="Links">
          <For each={meta().links}>
            {(link) => (
              <li>
                <ExternalLink href={link.url} class="chip-link">
                  <Icon name="link" size={14} />
                  {link.title ?? link.url}
                </ExternalLink>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </header>
  );
}
