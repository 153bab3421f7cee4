import { For, Show, type JSX } from 'solid-js';
import { Card } from '../../components/Card';
import { EntityRefLink } from '../../components/EntityRefLink';
import { ExternalLink } from '../../components/ExternalLink';
import { Icon } from '../../components/Icon';
import { LifecycleFact } from '../../components/LifecycleFact';
import { NoValue } from '../../components/NoValue';
import { TagList } from '../../components/TagList';
import { relationOrSpecRefs, specString } from '../../lib/entity';
import { editHref, sourceHref, viewHref } from '../../lib/sourceLinks';
import type { CompoundEntityRef } from '../../lib/entityRef';
import type { EntityContentProps } from '../types';

function refs(list: CompoundEntityRef[], defaultKind: string): JSX.Element {
  return list.length ? <For each={list}>{(ref) => <EntityRefLink entityRef={ref} defaultKind={defaultKind} />}</For> : <NoValue />;
}

/** Description and the facts engineers look up first, with links to the code. */
export default function AboutCard(props: EntityContentProps) {
  const kind = () => props.entity.kind.toLowerCase();
  const hasSystem = () => ['component', 'api', 'resource'].includes(kind());

  const links = () =>
    [
      { label: 'View source', icon: 'source' as const, href: sourceHref(props.entity) },
      { label: 'View', icon: 'view' as const, href: viewHref(props.entity) },
      { label: 'Edit', icon: 'edit' as const, href: editHref(props.entity) },
    ].filter((link) => link.href);

  return (
    <Card
      title="About"
      actions={
        <For each={links()}>
          {(link) => (
            <ExternalLink href={link.href} class="button button-ghost button-small">
              <Icon name={link.icon} />
              {link.label}
            </ExternalLink>
          )}
        </For>
      }
    >
      <Show when={props.entity.metadata.description} fallback={<p class="muted">No description.</p>}>
        <p class="about-description">{props.entity.metadata.description}</p>
      </Show>
      <dl class="facts-grid">
        <div>
          <dt>Owner</dt>
          <dd>{refs(relationOrSpecRefs(props.entity, 'ownedBy', 'owner', 'group'), 'group')}</dd>
        </div>
        <Show when={hasSystem()}>
          <div>
            <dt>System</dt>
            <dd>{refs(relationOrSpecRefs(props.entity, 'partOf', 'system', 'system'), 'system')}</dd>
          </div>
        </Show>
        <Show when={kind() === 'system' || specString(props.entity, 'domain')}>
          <div>
            <dt>Domain</dt>
            <dd>{refs(relationOrSpecRefs(props.entity, 'partOf', 'domain', 'domain'), 'domain')}</dd>
          </div>
        </Show>
        <div>
          <dt>Type</dt>
          <dd>{specString(props.entity, 'type') ?? <NoValue />}</dd>
        </div>
        <LifecycleFact entity={props.entity} />
        <div class="facts-wide">
          <dt>Tags</dt>
          <dd>
            <Show when={props.entity.metadata.tags?.length} fallback={<NoValue />}>
              <TagList tags={props.entity.metadata.tags} />
            </Show>
          </dd>
        </div>
      </dl>
    </Card>
  );
}
