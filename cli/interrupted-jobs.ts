import type { IngestResult } from '../ingest/processor.js';
import { IngestQueue } from '../ingest/queue.js';
import { redactCredentials } from '../ingest/redact-credentials.js';
import { connectRedis, redisAnswers } from '../ingest/redis.js';
import type { IssueOutcome } from '../ingest/run-ingest.js';

/**
 * An outcome as the summary of `gazette ingest` shows it. `interrupted` is an issue that
 * SIGINT/SIGTERM left unfinished (its job still queued or running elsewhere): not a failure.
 */
export type SummaryOutcome = Omit<IssueOutcome, 'status'> & { status: IssueOutcome['status'] | 'interrupted' };

/** Where an issue's job stands, read once the local worker has closed. */
export type JobState =
  | { state: 'completed'; result: IngestResult }
  | { state: 'failed'; reason: string }
  | { state: 'active' | 'queued' };

/**
 * The outcomes of an interrupted ingest, told truthfully. `runIngest` stops waiting at the
 * signal and gives every issue it had not seen finish as failed, `interrupted…`; but closing the
 * worker lets its active jobs finish, and a job may have finished between two polls. So each
 * outcome the progress never saw finish is looked up again: a completed job is indexed (with its
 * result), a failed one failed (with its reason), anything else interrupted.
 * @param finished sha256 of the issues the progress saw finish
 * @param lookup the job of an issue; null when there is no queue (in-process runs), when
 *   nothing that was unfinished can have finished since
 */
export async function settleInterrupted(
  outcomes: IssueOutcome[],
  finished: ReadonlySet<string>,
  lookup: ((sha256: string) => Promise<JobState | null>) | null,
): Promise<SummaryOutcome[]> {
  const settled: SummaryOutcome[] = [];
  for (const outcome of outcomes) {
    if (outcome.sha256 === null || finished.has(outcome.sha256) || outcome.status !== 'failed') {
      settled.push(outcome);
      continue;
    }
    const job = lookup ? await lookup(outcome.sha256) : null;
    if (job?.state === 'completed') {
      const status = job.result.status === 'unchanged' ? 'indexed' : job.result.status;
      settled.push({ ...outcome, status, result: job.result, reason: job.result.note });
    } else if (job?.state === 'failed') {
      settled.push({ ...outcome, reason: job.reason });
    } else {
      const reason =
        job?.state === 'active'
          ? 'interrupted: its job is still running on another worker; `gazette jobs` shows when it ends'
          : (outcome.reason ?? 'interrupted before it was processed');
      settled.push({ ...outcome, status: 'interrupted', reason });
    }
  }
  return settled;
}

/**
 * Looks jobs up in the queue, when Redis answers; `close` ends the connection.
 * @returns null when Redis does not answer (the ingest ran in-process)
 */
export async function queueLookup(
  redisUrl: string,
  queueName: string,
): Promise<{ lookup: (sha256: string) => Promise<JobState | null>; close: () => Promise<void> } | null> {
  if (!(await redisAnswers(redisUrl))) return null;
  const connection = connectRedis(redisUrl);
  connection.on('error', () => {});
  const queue = new IngestQueue(connection, queueName, (error) =>
    process.stderr.write(`queue: ${redactCredentials(error.message)}\n`),
  );
  return {
    lookup: async (sha256) => {
      const job = await queue.queue.getJob(sha256);
      if (!job) return null;
      const state = await job.getState();
      if (state === 'completed') return { state: 'completed', result: job.returnvalue };
      if (state === 'failed') return { state: 'failed', reason: job.failedReason };
      return { state: state === 'active' ? 'active' : 'queued' };
    },
    close: async () => {
      await queue.close();
      await connection.quit().catch(() => {});
    },
  };
}
