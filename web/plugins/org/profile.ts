import type { Entity } from '../../api/types';
import { safeHref } from '../../lib/safeHref';

/** The `spec.profile` of a Group or User, with its picture and email only when they are safe to link. */
export interface Profile {
  displayName?: string;
  email?: string;
  picture?: string;
}

/** Reads `spec.profile`, dropping a picture that is not http(s) and an email that is not an address. */
export function profileOf(entity: Entity): Profile {
  const raw = entity.spec?.profile;
  const p = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const picture = safeHref(p.picture);
  const email = text(p.email);
  return {
    displayName: text(p.displayName),
    email: email && /^[^\s@/:]+@[^\s@/:]+$/.test(email) ? email : undefined,
    picture: picture && /^https?:/.test(picture) ? picture : undefined,
  };
}

/** Filters for "everything owned by these refs", one per owner (the catalog ORs them). */
export function ownedByFilters(ownerRefs: readonly string[]): string[] {
  return [...new Set(ownerRefs.map((r) => r.toLowerCase()))].map((ref) => `relations.ownedBy=${ref}`);
}
