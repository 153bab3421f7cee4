import { lazy } from 'solid-js';
import type { Entity } from '../../api/types';
import type { Plugin } from '../types';

const isKind = (...kinds: string[]) => (entity: Entity) => kinds.includes(entity.kind.toLowerCase());

/** The organisation: profile, members and ownership cards on Group and User pages. */
export const orgPlugin: Plugin = {
  id: 'org',
  entityCards: [
    { id: 'profile', if: isKind('group', 'user'), component: lazy(() => import('./ProfileCard')) },
    { id: 'members', if: isKind('group'), component: lazy(() => import('./MembersCard')) },
    // A group's page has members beside its profile, so ownership gets a row of its own; a user's sits beside the profile.
    { id: 'ownership', if: isKind('group'), size: 'full', component: lazy(() => import('./OwnershipCard')) },
    { id: 'user-ownership', if: isKind('user'), component: lazy(() => import('./OwnershipCard')) },
  ],
};
