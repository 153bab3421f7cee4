import { session } from '../auth/session';

/**
 * Whether the signed-in person may run templates at all: allowed outright or for some templates
 * (a conditional decision is settled per template by the server when the task is created).
 */
export function mayRunTemplates(): boolean {
  const me = session();
  return me?.signedIn === true && me.permissions['scaffolder.template.run'] !== 'deny';
}
