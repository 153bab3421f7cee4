import type { Resource } from 'solid-js';

/**
 * A resource's latest value without suspending or throwing: `undefined` until the first
 * load succeeds and after an error. While refetching it keeps the previous value, so pages
 * can dim stale content instead of blanking to a spinner.
 */
export function settledValue<T>(resource: Resource<T>): T | undefined {
  return resource.state === 'ready' || resource.state === 'refreshing' ? resource.latest : undefined;
}
