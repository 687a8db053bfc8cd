import { UsageError } from './usage-error.js';
import { runIngest } from '../ingest/run-ingest.js';
import { IngestProgress, formatSummary } from './ingest-progress.js';
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
  if (!Number.isInteger(concurrency) || concurrency < 0) throw new UsageError(`--concurrency "${options.concurrency}": expected a whole number ≥ 0`);
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
    process.stdout.write(formatSummary(outcomes));
    if (abort.signal.aborted) return 130;
    return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
  } finally {
    progress.stop();
    release();
  }
}
