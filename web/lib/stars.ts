import { createRoot, createSignal } from 'solid-js';
import { settingsApi, type StarredEntity } from '../api/settingsApi';
import { stringifyEntityRef, type CompoundEntityRef } from './entityRef';

// One list for the whole app, loaded on first use (not at start-up: the sign-in page has no
// user to ask about) and changed optimistically, so every star button agrees at once.
const state = createRoot(() => {
  const [items, setItems] = createSignal<StarredEntity[]>([]);
  const [status, setStatus] = createSignal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const [error, setError] = createSignal<unknown>();
  return { items, setItems, status, setStatus, error, setError };
});

// A load that was under way when someone starred could answer from before that star; such an
// answer is dropped, and the list is read again once the star is stored.
let loads = 0;
let writes = 0;

/** Loads the stars (again, after a failure); later calls reuse what was loaded. */
export function loadStars(force = false): void {
  if (!force && (state.status() === 'loading' || state.status() === 'ready')) return;
  state.setStatus('loading');
  const load = ++loads;
  const writesBefore = writes;
  settingsApi.starred().then(
    (items) => {
      if (load !== loads || writes !== writesBefore) return;
      state.setItems(items);
      state.setStatus('ready');
    },
    (error: unknown) => {
      if (load !== loads) return;
      state.setError(error);
      state.setStatus('error');
    },
  );
}

/** The starred entities, newest first (empty until loaded); starts loading them. */
export function starredEntities(): StarredEntity[] {
  loadStars();
  return state.items();
}

/** Whether the stars are loaded, loading, or failed to load (see `starsError`). */
export const starsStatus = () => state.status();

/** Why the stars could not be loaded. */
export const starsError = () => state.error();

/** Whether `ref` is starred. */
export function isStarred(ref: CompoundEntityRef): boolean {
  const key = stringifyEntityRef(ref);
  return starredEntities().some((s) => s.entityRef === key);
}

/** Stars or unstars `ref`; the list changes at once and goes back if the server refuses (the error is rethrown). */
export async function setStarred(ref: CompoundEntityRef, on: boolean): Promise<void> {
  const key = stringifyEntityRef(ref);
  const before = state.items();
  const rest = before.filter((s) => s.entityRef !== key);
  state.setItems(on ? [{ entityRef: key, starredAt: new Date().toISOString() }, ...rest] : rest);
  writes++;
  try {
    await (on ? settingsApi.star(ref) : settingsApi.unstar(ref));
  } catch (error) {
    state.setItems(before);
    throw error;
  } finally {
    if (state.status() !== 'ready') loadStars(true);
  }
}
