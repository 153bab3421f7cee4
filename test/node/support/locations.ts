/** One location key's processing state, as `GET /api/catalog/locations/:id/status` reports it. */
export interface KeyStatus {
  key: string;
  status: 'pending' | 'ok' | 'error';
  errors: { rule: string; message: string; ref?: string; docIndex?: number }[];
}

/**
 * Registers a url location over plain HTTP, as the local guest or, given a session `cookie`, as that
 * person; resolves with the 201 body, throws on anything else.
 */
export async function registerLocation(portalUrl: string, target: string, cookie?: string): Promise<{ location: { id: string }; entities: unknown[] }> {
  const res = await fetch(`${portalUrl}/api/catalog/locations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie, origin: portalUrl } : {}) },
    body: JSON.stringify({ type: 'url', target }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`Registering ${target} answered ${res.status}: ${body}`);
  return JSON.parse(body);
}

/** Every key processed for the given locations. */
export async function locationKeys(portalUrl: string, ids: string[]): Promise<KeyStatus[]> {
  const all: KeyStatus[] = [];
  for (const id of ids) {
    const res = await fetch(`${portalUrl}/api/catalog/locations/${id}/status`);
    if (res.status !== 200) throw new Error(`Status of location ${id} answered ${res.status}: ${await res.text()}`);
    all.push(...((await res.json()) as { keys: KeyStatus[] }).keys);
  }
  return all;
}

/** Polls the locations' keys until `done` holds for them (files beyond the inline ones go through the queue). */
export async function waitForKeys(
  portalUrl: string,
  ids: string[],
  done: (keys: KeyStatus[]) => boolean,
  timeoutMs = 60_000,
): Promise<KeyStatus[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const keys = await locationKeys(portalUrl, ids);
    if (done(keys)) return keys;
    if (Date.now() > deadline) {
      throw new Error(`Locations not processed within ${timeoutMs / 1000} s:\n${keys.map((k) => `${k.status} ${k.key} ${JSON.stringify(k.errors)}`).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** True when no key is still waiting to be processed. */
export const nonePending = (keys: KeyStatus[]) => keys.every((k) => k.status !== 'pending');
