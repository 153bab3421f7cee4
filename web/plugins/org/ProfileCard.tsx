import { For, Show } from 'solid-js';
import { Card } from '../../components/Card';
import { EntityRefLink } from '../../components/EntityRefLink';
import { NoValue } from '../../components/NoValue';
import { relatedRefs } from '../../lib/entity';
import type { CompoundEntityRef } from '../../lib/entityRef';
import type { EntityContentProps } from '../types';
import { Avatar } from '../../components/Avatar';
import { profileOf } from './profile';
import './org.css';

function RefList(props: { refs: CompoundEntityRef[] }) {
  return (
    <Show when={props.refs.length} fallback={<NoValue />}>
      <ul class="ref-list">
        <For each={props.refs}>
          {(ref) => (
            <li>
              <EntityRefLink entityRef={ref} defaultKind="group" />
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Who a group or user is: picture, name, email, and where they sit in the organisation. */
export default function ProfileCard(props: EntityContentProps) {
  const profile = () => profileOf(props.entity);
  const isGroup = () => props.entity.kind.toLowerCase() === 'group';
  const name = () => profile().displayName ?? props.entity.metadata.title ?? props.entity.metadata.name;

  return (
    <Card title="Profile">
      <div class="profile">
        <Avatar picture={profile().picture} name={name()} size={56} />
        <div>
          <p class="profile-name">{name()}</p>
          <Show when={profile().email}>
            {(email) => (
              <p>
                <a href={`mailto:${email()}`}>{email()}</a>
              </p>
            )}
          </Show>
          <Show when={isGroup() && typeof props.entity.spec?.type === 'string'}>
            <p class="muted">{String(props.entity.spec?.type)}</p>
          </Show>
        </div>
      </div>
      <Show when={props.entity.metadata.description}>
        <p class="about-description profile-description">{props.entity.metadata.description}</p>
      </Show>
      <dl class="facts-grid">
        <Show
          when={isGroup()}
          fallback={
            <div class="facts-wide">
              <dt>Member of</dt>
              <dd>
                <RefList refs={relatedRefs(props.entity, 'memberOf')} />
              </dd>
            </div>
          }
        >
          <div>
            <dt>Parent group</dt>
            <dd>
              <RefList refs={relatedRefs(props.entity, 'childOf')} />
            </dd>
          </div>
          <div>
            <dt>Child groups</dt>
            <dd>
              <RefList refs={relatedRefs(props.entity, 'parentOf')} />
            </dd>
          </div>
        </Show>
      </dl>
    </Card>
  );
}
