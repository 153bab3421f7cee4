import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { AuthenticationError, HttpError, InputError } from '../lib/errors';
import { workForEvent } from './events';
import { enqueueJobs } from './jobs';
import { verifySignature } from './signature';
import { githubStoreOf } from './store';

// GitHub's delivery ids are GUIDs; anything else is refused before it reaches the database.
const DELIVERY_ID = /^[0-9A-Za-z-]{1,100}$/;
// GitHub caps payloads at 25 MB; a bigger body is not from GitHub and is not read at all.
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** `POST /webhook`: verify, deduplicate, queue, answer 202 — the work happens on the queue. */
export const webhookRoutes = new Hono<AppEnv>().post('/webhook', async (c) => {
  if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES) throw new HttpError(413, 'PayloadTooLargeError', 'Webhook body too large');
  const body = await c.req.text();
  // Nothing about the request is trusted, parsed or stored before the signature checks out.
  if (!(await verifySignature(c.var.config.github.webhookSecrets, body, c.req.header('x-hub-signature-256')))) {
    throw new AuthenticationError('Missing or invalid X-Hub-Signature-256');
  }
  const event = c.req.header('x-github-event');
  const delivery = c.req.header('x-github-delivery');
  if (!event || !delivery || !DELIVERY_ID.test(delivery)) throw new InputError('X-GitHub-Event and X-GitHub-Delivery are required');
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new InputError('The webhook body is not JSON');
  }
  const action = (payload as { action?: unknown } | null)?.action;
  const work = workForEvent(event, delivery, payload, c.var.config.github);
  const store = githubStoreOf(c);
  if (!(await store.recordDelivery(delivery, event, typeof action === 'string' ? action : undefined, work.jobs.length === 0))) {
    return c.json({ delivery, status: 'duplicate' }, 202);
  }
  if (work.jobs.length === 0) return c.json({ delivery, status: 'ignored' }, 202);
  try {
    if (work.run) await store.startRun(delivery, work.run.trigger, [work.run.installationId]);
    await enqueueJobs(c.env.GITHUB_QUEUE, work.jobs);
  } catch (err) {
    // Unrecorded, GitHub's redelivery of this event is accepted instead of ignored as a duplicate.
    await store.forgetDelivery(delivery);
    throw err;
  }
  return c.json({ delivery, status: 'queued' }, 202);
});
