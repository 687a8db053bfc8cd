import type { IssueDocument, IssueWriter } from '../index/index.js';

/** How long an issue document waits at most for the record writes after it. */
const MAX_WAIT_MS = 5_000;

/**
 * The issue documents of one sync session, written together. Meilisearch makes a batch of its
 * own of a write to another index, at a fixed cost (a tenth of a second to a second on a busy
 * machine): an issue document written as soon as its issue's records are done comes between
 * the record writes enqueued behind them and splits their batch. Issue documents wait while
 * record writes of the session are under way, at most {@link MAX_WAIT_MS}, and are then written
 * in one task. A job is done only once its issue document is written, as before.
 */
export class DeferredIssues {
  private waiting: Array<{ issues: IssueDocument[]; resolve: () => void; reject: (error: unknown) => void }> = [];
  private oldest = 0;
  private recordWrites = 0;

  constructor(private readonly write: IssueWriter) {}

  /** Record writes of the session have been enqueued. */
  recordsStarted(): void {
    this.recordWrites++;
  }

  /** Record writes of the session are done, or failed. */
  recordsEnded(): void {
    this.recordWrites--;
    this.flushIfDue();
  }

  /** Issue documents to write once their time comes: resolves once they are written. */
  readonly add: IssueWriter = (issues) =>
    new Promise((resolve, reject) => {
      if (this.waiting.length === 0) this.oldest = Date.now();
      this.waiting.push({ issues, resolve, reject });
      this.flushIfDue();
    });

  private flushIfDue(): void {
    if (this.waiting.length === 0) return;
    if (this.recordWrites > 0 && Date.now() - this.oldest < MAX_WAIT_MS) return;
    const batch = this.waiting;
    this.waiting = [];
    this.write(batch.flatMap((b) => b.issues)).then(
      () => {
        for (const b of batch) b.resolve();
      },
      (error: unknown) => {
        for (const b of batch) b.reject(error);
      },
    );
  }
}
