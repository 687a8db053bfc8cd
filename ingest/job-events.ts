import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Stage } from './prepare-issue.js';

/**
 * The queue's events as `gazette ingest` waits on them: which jobs finished (or failed an
 * attempt) since it last looked, and each job's stage as it is reported. Looking at every job
 * in Redis every fraction of a second took a core's worth of round trips for a thousand jobs;
 * the events say which to look at. They are hints only (an event can be missed: one sent before
 * the listener started, or lost with a Redis restart), so the caller still looks at every job now
 * and then.
 */
export class JobEvents {
  private readonly events: QueueEvents;
  private readonly changed = new Set<string>();
  private wake: (() => void) | null = null;

  /** @param connection duplicated for the events' blocking reads */
  constructor(
    connection: Redis,
    queueName: string,
    onStage: (jobId: string, stage: Stage) => void,
    onError: (error: Error) => void,
  ) {
    this.events = new QueueEvents(queueName, { connection });
    const mark = ({ jobId }: { jobId: string }) => {
      this.changed.add(jobId);
      this.wake?.();
    };
    this.events.on('completed', mark);
    this.events.on('failed', mark);
    this.events.on('progress', ({ jobId, data }) => {
      const stage = typeof data === 'object' && data !== null ? (data as { stage?: Stage }).stage : undefined;
      if (stage) onStage(jobId, stage);
    });
    this.events.on('error', onError);
  }

  /** Resolves once the events are being read. */
  async ready(): Promise<void> {
    await this.events.waitUntilReady();
  }

  /** The ids of the jobs that finished or failed an attempt since the last call. */
  take(): Set<string> {
    const changed = new Set(this.changed);
    this.changed.clear();
    return changed;
  }

  /** Waits until a job finishes or fails an attempt, `ms` at most, or until `signal` aborts. */
  async wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.changed.size > 0 || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done);
      this.wake = done;
    });
  }

  /** Stops reading events and closes the events' connection. */
  close(): Promise<void> {
    return this.events.close();
  }
}
