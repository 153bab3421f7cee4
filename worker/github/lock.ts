import { jobKey, mergeJobs, type GithubJob } from './jobs';
import type { GithubStore } from './store';

// A holder renews its lock while it works; one that died frees the key after this, at the latest.
const LOCK_TTL_MS = 60_000;
const HEARTBEAT_MS = 10_000;

const merged = (first: GithubJob, rest: GithubJob[]) => rest.reduce<GithubJob>((a, b) => mergeJobs(a, b), first);

/**
 * Runs a job while holding its key's lock, so two jobs for the same repository (or organisation)
 * never interleave their reads and writes and the last write is always from the newest read.
 * A job arriving while the key is held is left for the holder, which runs the waiting jobs
 * (merged into one) before letting go; `runExclusive` then resolves `false`. The holder is
 * named by the queue messages it serves: a message redelivered because its consumer died finds
 * its own name on the lock and takes it over, and then runs what was left waiting. `run` is called for
 * each job actually run; if it throws, whatever was merged in waits for the next holder, the lock
 * is freed for the message's retry, and the error is rethrown.
 */
export async function runExclusive(store: GithubStore, job: GithubJob, messageIds: string[], run: (job: GithubJob) => Promise<void>): Promise<boolean> {
  const key = jobKey(job);
  const holder = JSON.stringify(messageIds);
  for (;;) {
    if (await store.tryLock(key, holder, LOCK_TTL_MS)) break;
    if (await store.addWaiter(key, job)) return false;
  }
  const heartbeat = setInterval(() => void store.extendLock(key, holder, LOCK_TTL_MS).catch(() => undefined), HEARTBEAT_MS);
  try {
    // Jobs a dead holder left waiting are picked up when this one lets go (release sees them).
    let current = job;
    for (;;) {
      try {
        await run(current);
      } catch (err) {
        // The message's retry brings `job` back; anything else merged in must wait for it.
        if (current !== job) await store.addWaiter(key, current);
        await store.unlock(key, holder);
        throw err;
      }
      let waiting: GithubJob[] = [];
      while (waiting.length === 0) {
        if (await store.release(key, holder)) return true;
        waiting = await store.takeWaiters(key);
      }
      current = merged(waiting[0] as GithubJob, waiting.slice(1));
    }
  } finally {
    clearInterval(heartbeat);
  }
}
