import { jobKey, mergeJobs, type GithubJob } from './jobs';
import type { GithubStore } from './store';

// Longer than any one job should take; a holder that died frees its key after this.
const LOCK_TTL_MS = 2 * 60_000;

/**
 * Runs a job while holding its key's lock, so two jobs for the same repository (or organisation)
 * never interleave their reads and writes and the last write is always from the newest read.
 * A job arriving while the key is held is left for the holder, which runs the waiting jobs
 * (merged into one) before letting go. Resolves `false` when the job was handed over that way.
 * `run` is called for each job actually run; if it throws, the job is left waiting for the
 * next holder (the queue retries the message) and the error is rethrown.
 */
export async function runExclusive(store: GithubStore, job: GithubJob, run: (job: GithubJob) => Promise<void>): Promise<boolean> {
  const key = jobKey(job);
  const holder = crypto.randomUUID();
  for (;;) {
    if (await store.tryLock(key, holder, LOCK_TTL_MS)) break;
    if (await store.addWaiter(key, job)) return false;
  }
  // Jobs left waiting by a holder that died are ours now.
  let current = merged(job, await store.takeWaiters(key));
  for (;;) {
    try {
      await run(current);
    } catch (err) {
      // What was merged in must not be lost: it waits for whoever takes the key next.
      await store.addWaiter(key, current);
      await store.unlock(key, holder);
      throw err;
    }
    let waiting: GithubJob[] = [];
    while (waiting.length === 0) {
      if (await store.release(key, holder)) return true;
      waiting = await store.takeWaiters(key);
    }
    await store.extendLock(key, holder, LOCK_TTL_MS);
    current = merged(waiting[0] as GithubJob, waiting.slice(1));
  }
}

const merged = (first: GithubJob, rest: GithubJob[]) => rest.reduce<GithubJob>((a, b) => mergeJobs(a, b), first);
