import { setTimeout as sleep } from 'node:timers/promises';
import { type IndexLock, NO_LOCK } from './index-lock.js';
import type { PreparedIssue } from './prepare-issue.js';
import type { IngestJobData, IngestResult, ProcessorContext, SyncMember } from './processor.js';
import { SyncSession } from './processor.js';

/**
 * How long a worker keeps the index lock for its writes while another wants it. Each hold ends
 * with its writes done (so that the next holder reads them), which leaves Meilisearch only small
 * batches for a while, and one worker alone parses faster than Meilisearch indexes: holds are
 * long (with 5 s holds, batches stayed at 4 to 6 issues and throughput fell as the index grew),
 * and the other worker's jobs wait, their locks renewed meanwhile.
 */
const SESSION_MS = 60_000;
/** After a hold given up for another worker, how long this one leaves the lock to it. */
const HANDOFF_MS = 200;

/**
 * Syncs the issues a worker's jobs have parsed through one pipeline ({@link SyncSession}): while
 * it holds the index lock, each issue is diffed and its writes enqueued as soon as it is parsed,
 * behind the writes still being indexed, so that Meilisearch indexes them in batches as large as
 * the backlog (whatever the number of jobs); the lock is let go when nothing is left under way,
 * or after {@link SESSION_MS} when another worker waits for it. Each job still gets its own
 * result or error, once its own writes are done.
 */
export class SyncBatcher {
  private readonly waiting: Array<{
    member: SyncMember;
    resolve: (result: IngestResult) => void;
    reject: (error: unknown) => void;
    release: () => void;
  }> = [];
  private running = false;
  /** Wakes a session waiting for its writes when an issue is parsed. */
  private arrived: (() => void) | null = null;
  private readonly ahead: Semaphore;

  /**
   * @param ahead how many issues may be parsed and not yet enqueued at once (each holds its
   *   records until then; an enqueued one holds none)
   */
  constructor(
    private readonly context: () => ProcessorContext,
    ahead: number,
  ) {
    this.ahead = new Semaphore(ahead);
  }

  /** Prepares one issue, when fewer than `ahead` wait to be enqueued, and syncs it; resolves when its writes are done. */
  async run(data: IngestJobData, prepare: () => Promise<PreparedIssue>): Promise<IngestResult> {
    const release = await this.ahead.acquire();
    let prepared: PreparedIssue;
    try {
      prepared = await prepare();
    } catch (error) {
      release();
      throw error;
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ member: { data, prepared }, resolve, reject, release });
      this.arrived?.();
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const context = this.context();
        let yielded = false;
        try {
          yielded = await (context.lock ?? NO_LOCK).hold(() => this.session(context));
        } catch (error) {
          // The lock was not had (taken for too long, Redis gone): these jobs retry later.
          for (const w of this.waiting.splice(0)) {
            w.release();
            w.reject(error);
          }
        }
        if (yielded) await sleep(HANDOFF_MS);
      }
    } finally {
      this.running = false;
    }
  }

  /** One hold of the lock. @returns whether it was given up for another worker */
  private async session(context: ProcessorContext): Promise<boolean> {
    const session = new SyncSession(context);
    const started = Date.now();
    const yieldNow = async () => Date.now() - started >= SESSION_MS && (await contended(context.lock));
    let yielded = false;
    for (;;) {
      // Every issue parsed by now, planned and enqueued together.
      const taken = this.waiting.splice(0);
      let postponed: typeof taken = [];
      if (taken.length > 0) {
        const outcomes = await session.enqueue(
          taken.map((w) => w.member),
          true,
        );
        postponed = taken.filter((_, i) => outcomes[i] === null);
        for (const [i, { resolve, reject, release }] of taken.entries()) {
          const outcome = outcomes[i];
          if (!outcome) continue;
          release();
          void outcome.then((o) =>
            o.result && o.error === undefined ? resolve(o.result) : reject(o.error ?? new Error('not synced')),
          );
        }
        // Issues that read what a write under way touches (the same notice in two issues, two
        // versions of one issue): given again, first in line, with the next ones parsed.
        this.waiting.unshift(...postponed);
      }
      if (taken.length === 0 || postponed.length === taken.length) {
        if (!session.busy && this.waiting.length === 0) break;
        // Until a write is done or another issue is parsed (not a write alone: meanwhile parsed
        // issues would wait for a whole batch).
        await Promise.race([session.next(), new Promise<void>((wake) => (this.arrived = wake))]);
        this.arrived = null;
      }
      if (await yieldNow()) {
        yielded = true;
        break;
      }
    }
    await session.settle();
    return yielded;
  }
}

/** Whether another process waits for the lock (a lock that cannot tell: after a while, assume so). */
async function contended(lock: IndexLock | undefined): Promise<boolean> {
  if (!lock || lock === NO_LOCK) return false;
  return lock.contended ? lock.contended() : true;
}

/** At most `size` tasks at once; the others wait their turn, in order. */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Takes a place, waiting for one if need be. @returns its release (call it once) */
  async acquire(): Promise<() => void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    };
  }
}
