import { For, Show, type JSX } from 'solid-js';
import type { Entity } from '../../api/types';
import { Badge } from '../../components/Badge';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ExternalLink } from '../../components/ExternalLink';
import { Icon } from '../../components/Icon';
import { StarButton } from '../../components/StarButton';
import { LifecycleFact } from '../../components/LifecycleFact';
import { TagList } from '../../components/TagList';
import { relationOrSpecRefs, specString } from '../../lib/entity';
import { DEFAULT_NAMESPACE, getCompoundEntityRef } from '../../lib/entityRef';
import { kindLabel } from '../../lib/kinds';
import { editHref, sourceHref } from '../../lib/sourceLinks';

/** The top of an entity page: what it is, what it is called, who owns it, where to go next; `children` are its actions. */
export function EntityHeader(props: { entity: Entity; children?: JSX.Element }) {
  const meta = () => props.entity.metadata;
  const owners = () => relationOrSpecRefs(props.entity, 'ownedBy', 'owner', 'group');
  const namespace = () => meta().namespace ?? DEFAULT_NAMESPACE;
  const source = () => sourceHref(props.entity);
  const edit = () => editHref(props.entity);

  return (
    <header class="entity-header">
      <div class="entity-eyebrow">
        <Badge tone="accent">{kindLabel(props.entity.kind)}</Badge>
        <Show when={specString(props.entity, 'type')}>{(type) => <span>{type()}</span>}</Show>
        <Show when={namespace() !== DEFAULT_NAMESPACE}>
          <span>namespace {namespace()}</span>
        </Show>
      </div>
      <div class="entity-title-row">
        <h1>{meta().title ?? meta().name}</h1>
        <StarButton entityRef={getCompoundEntityRef(props.entity)} label={meta().title ?? meta().name} class="entity-star" />
        {props.children}
      </div>
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
      <Show when={meta().links?.length || source() || edit()}>
        <ul class="entity-links" aria-label="Links">
          <Show when={source()}>
            <li>
              <ExternalLink href={source()} class="chip-link">
                <Icon name="source" size={14} />
                View source
              </ExternalLink>
            </li>
          </Show>
          <Show when={edit()}>
            <li>
              <ExternalLink href={edit()} class="chip-link">
                <Icon name="edit" size={14} />
                Edit
              </ExternalLink>
            </li>
          </Show>
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
