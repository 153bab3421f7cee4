import { A } from '@solidjs/router';
import { For } from 'solid-js';
import { Card } from '../../components/Card';
import { entityRoute, getCompoundEntityRef, stringifyEntityRef } from '../../lib/entityRef';
import type { EntityContentProps } from '../types';
import { Avatar } from '../../components/Avatar';
import { PagedEntityList } from './PagedEntityList';
import { profileOf } from './profile';
import { usePagedQuery } from './usePagedQuery';
import './org.css';

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile'];

/** The users whose `memberOf` names this group, with picture, name and email. */
export default function MembersCard(props: EntityContentProps) {
  const q = usePagedQuery(() => ({
    filter: [`kind=user,relations.memberOf=${stringifyEntityRef(getCompoundEntityRef(props.entity))}`],
    fields: FIELDS,
    limit: 50,
    orderField: ['metadata.name,asc'],
  }));

  return (
    <Card title={q.total() !== undefined ? `Members (${q.total()})` : 'Members'}>
      <PagedEntityList query={q} errorTitle="Could not load the members" loadingLabel="Loading members" empty="This group has no members.">
        <ul class="member-list" aria-label="Members">
          <For each={q.items()}>
            {(user) => {
              const profile = profileOf(user);
              const name = profile.displayName ?? user.metadata.title ?? user.metadata.name;
              return (
                <li class="member">
                  <Avatar picture={profile.picture} name={name} size={36} />
                  <div class="member-text">
                    <A href={entityRoute(getCompoundEntityRef(user))} class="member-name">
                      {name}
                    </A>
                    {profile.email ? <a href={`mailto:${profile.email}`} class="member-email">{profile.email}</a> : <span class="member-email muted">{user.metadata.name}</span>}
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </PagedEntityList>
    </Card>
  );
}
