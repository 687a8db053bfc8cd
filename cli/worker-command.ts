import { UsageError } from './usage-error.js';
import { join } from 'node:path';
import { connectSearch } from '../index/index.js';
import { Archive } from '../ingest/archive.js';
import { closeInOrder } from '../ingest/close-in-order.js';
import { redactCredentials } from '../ingest/redact-credentials.js';
import { connectRedis, redisAnswers } from '../ingest/redis.js';
import { sharedContext } from '../ingest/shared-context.js';
import { startWorker } from '../ingest/worker.js';
import { type ServiceOptions, onTermination, serviceConfig } from './service-options.js';

/** Options of `gazette worker`. */
export interface WorkerCommandOptions extends ServiceOptions {
  concurrency: string;
}

/**
 * `gazette worker`: processes ingest jobs until SIGINT or SIGTERM, then closes the worker
 * (letting active jobs finish), its connection and the search server, in that order.
 * @returns 0 after a clean shutdown, 1 when Redis does not answer at start
 */
export async function workerCommand(options: WorkerCommandOptions): Promise<number> {
  const config = serviceConfig(options);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError(`--concurrency "${options.concurrency}": expected a whole number ≥ 1`);
  if (!(await redisAnswers(config.redisUrl))) {
    process.stderr.write(
      `gazette worker: Redis does not answer at ${redactCredentials(config.redisUrl)}; start it or set REDIS_URL\n`,
    );
    return 1;
  }
  const log = (line: string) => process.stderr.write(`worker ${process.pid}: ${redactCredentials(line)}\n`);
  const search = await connectSearch({ dataDir: config.dataDir });
  const connection = connectRedis(config.redisUrl);
  connection.on('error', () => {}); // reconnection is automatic; the worker reports what matters
  const shared = connectRedis(config.redisUrl);
  shared.on('error', () => {});
  const worker = startWorker({
    connection,
    queueName: config.queueName,
    concurrency,
    context: sharedContext(
      shared,
      config.queueName,
      config.names,
      new Archive(join(config.dataDir, 'archive')),
      search.client,
    ),
    onError: (error) => log(`error: ${error.message}`),
  });
  worker.on('completed', (job, result) =>
    log(
      `${job.data.file}: ${result.status}, issue ${result.issue}, ${result.records} records (+${result.added} ~${result.updated} -${result.deleted}), ${result.writes} writes${result.note ? `; ${result.note}` : ''}`,
    ),
  );
  worker.on('failed', (job, error) =>
    log(`${job?.data.file ?? '?'}: attempt ${job?.attemptsMade ?? '?'} failed: ${error.message}`),
  );
  worker.on('stalled', (jobId) => log(`job ${jobId} stalled; it will run again`));
  log(`processing queue "${config.queueName}" with concurrency ${concurrency} (Meilisearch ${search.url})`);
  await new Promise<void>((resolve) => {
    const release = onTermination((signal) => {
      log(`${signal}: closing`);
      release();
      resolve();
    });
  });
  const closed = await closeInOrder(
    [
      ['worker', () => worker.close()],
      ['redis', () => Promise.all([connection.quit(), shared.quit()])],
      ['search', () => search.close()],
    ],
    (name, error) => log(`closing ${name}: ${error.message}`),
  );
  return closed ? 0 : 1;
}
