import { type Job, type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { IngestJobData, IngestResult } from './processor.js';

/** The queue's name unless `--queue` or `GAZETTE_QUEUE` says otherwise. */
export const DEFAULT_QUEUE_NAME = 'gazette-ingest';

/** Job names: a closed set. */
export type IngestJobName = 'ingest-issue';

/** Attempts of a job before it fails for good (bad input fails at the first). */
export const INGEST_ATTEMPTS = 6;

/**
 * Retries with exponential backoff (1 s, 2 s, 4 s …, about 31 s in all): long enough to ride out
 * a Meilisearch or Redis restart. Finished jobs are kept a day so `gazette jobs` can show them.
 */
export const INGEST_JOB_OPTIONS: JobsOptions = {
  attempts: INGEST_ATTEMPTS,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 7 * 86_400 },
};

/** The queue name: option, else `GAZETTE_QUEUE`, else the default. */
export function queueName(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.GAZETTE_QUEUE ?? DEFAULT_QUEUE_NAME;
}

/** The ingest queue: one job per issue's bytes, whose id is their sha256. */
export class IngestQueue {
  readonly queue: Queue<IngestJobData, IngestResult, IngestJobName>;
  private closing: Promise<void> | null = null;

  constructor(connection: Redis, name: string, onError: (error: Error) => void) {
    this.queue = new Queue<IngestJobData, IngestResult, IngestJobName>(name, { connection });
    this.queue.on('error', onError);
  }

  /**
   * Adds the job of one issue. The job id is the sha256, so the same bytes added twice, or from
   * two paths, make one job. A job that already finished is replaced, so bytes can be ingested
   * again (after an index was wiped, say).
   */
  async add(data: IngestJobData): Promise<Job<IngestJobData, IngestResult, IngestJobName>> {
    const existing = await this.queue.getJob(data.sha256);
    if (existing && ((await existing.isCompleted()) || (await existing.isFailed()))) await existing.remove();
    return this.queue.add('ingest-issue', data, { ...INGEST_JOB_OPTIONS, jobId: data.sha256 });
  }

  /** Closes the queue's own connections. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.queue.close();
    return this.closing;
  }
}
