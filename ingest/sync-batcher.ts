import type { IngestResult, ProcessorContext, SyncMember } from './processor.js';
import { syncMembers } from './processor.js';

/** Most issues synced in one batch. */
const MAX_BATCH = 32;

/**
 * Gathers the issues a worker's jobs have parsed and syncs them together: while one batch is
 * being written, the issues that finish parsing meanwhile wait, and are then synced as the next
 * batch, holding the index lock once, in few Meilisearch tasks for them all (so the index is
 * written in large batches whatever the number of issues, and a job's wait for its write
 * overlaps the parsing of the next ones). Each job still gets its own result or error.
 */
export class SyncBatcher {
  private readonly waiting: Array<{
    member: SyncMember;
    resolve: (result: IngestResult) => void;
    reject: (error: unknown) => void;
  }> = [];
  private running = false;

  constructor(private readonly context: () => ProcessorContext) {}

  /** Syncs one issue with the others waiting; resolves when its writes are done. */
  submit(member: SyncMember): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ member, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const outcomes = await syncMembers(
            batch.map((b) => b.member),
            this.context(),
          );
          for (const [i, b] of batch.entries()) {
            const outcome = outcomes[i]!;
            if (outcome.error !== undefined || !outcome.result) b.reject(outcome.error ?? new Error('not synced'));
            else b.resolve(outcome.result);
          }
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** At most `size` tasks at once; the others wait their turn, in order. */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
