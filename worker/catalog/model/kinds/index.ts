import { API } from './api';
import { COMPONENT } from './component';
import { DOMAIN } from './domain';
import type { KindDefinition } from './fields';
import { GROUP } from './group';
import { LOCATION } from './location';
import { RESOURCE } from './resource';
import { SYSTEM } from './system';
import { TEMPLATE } from './template';
import { USER } from './user';

/** The nine kinds the catalog validates, in the order of KNOWN_KINDS. */
export const KIND_DEFINITIONS: readonly KindDefinition[] = [
  COMPONENT,
  API,
  RESOURCE,
  SYSTEM,
  DOMAIN,
  GROUP,
  USER,
  LOCATION,
  TEMPLATE,
];

/** The definition for an exact kind and apiVersion (both case-sensitive, as Backstage's schemas are), if any. */
export function findKindDefinition(kind: string, apiVersion: string): KindDefinition | undefined {
  return KIND_DEFINITIONS.find((d) => d.kind === kind && d.apiVersions.includes(apiVersion));
}
