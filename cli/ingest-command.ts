import { UsageError } from './usage-error.js';
import { assertFreeSpace, totalSize } from '../index/index.js';
import { collectFiles } from '../ingest/collect-files.js';
import { runIngest } from '../ingest/run-ingest.js';
import { IngestProgress, formatSummary } from './ingest-progress.js';
import { queueLookup, settleInterrupted } from './interrupted-jobs.js';
import { type ServiceOptions, onTermination, serviceConfig } from './service-options.js';

/** Options of `gazette ingest`. */
export interface IngestCommandOptions extends ServiceOptions {
  requireQueue?: boolean;
  concurrency: string;
}

/**
 * `gazette ingest PATH...`: archives, queues and indexes the issues, shows progress, prints a
 * summary table.
 * @returns 0 when every issue was indexed or already was, 1 when any failed
 */
export async function ingestCommand(paths: string[], options: IngestCommandOptions): Promise<number> {
  const config = serviceConfig(options);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 0)
    throw new UsageError(`--concurrency "${options.concurrency}": expected a whole number ≥ 0`);
  assertFreeSpace(config.dataDir, totalSize(collectFiles(paths).files), !process.env.MEILI_URL);
  const progress = new IngestProgress();
  const abort = new AbortController();
  const release = onTermination((signal) => {
    progress.notice(`${signal}: finishing active jobs, then closing the worker, queue and connections`);
    abort.abort();
  });
  try {
    const outcomes = await runIngest({
      paths,
      ...config,
      requireQueue: options.requireQueue ?? false,
      concurrency,
      reporter: progress,
      signal: abort.signal,
    });
    progress.stop();
    if (abort.signal.aborted) {
      // The worker has closed: jobs it finished meanwhile are indexed, not failed.
      const queue = await queueLookup(config.redisUrl, config.queueName);
      try {
        process.stdout.write(
          formatSummary(await settleInterrupted(outcomes, progress.finishedIssues, queue?.lookup ?? null)),
        );
      } finally {
        await queue?.close();
      }
      return 130;
    }
    process.stdout.write(formatSummary(outcomes));
    return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  } finally {
    progress.stop();
    release();
  }
}
