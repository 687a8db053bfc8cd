import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { connectSearch } from '../index/index.js';
import { Archive } from '../ingest/archive.js';
import { closeInOrder } from '../ingest/close-in-order.js';
import { redactCredentials } from '../ingest/redact-credentials.js';
import { connectRedis, redisAnswers } from '../ingest/redis.js';
import { sharedContext } from '../ingest/shared-context.js';
import { startWorker } from '../ingest/worker.js';
import { reportError } from './report-error.js';
import { serviceConfig } from './service-options.js';
import type { WorkerCommandOptions } from './worker-command.js';

/** Tells the worker thread to close: the signal the process received. */
export interface StopMessage {
  stop: NodeJS.Signals;
}

/**
 * The worker itself, until `stopped` resolves with the signal received.
 * @returns 0 after a clean shutdown, 1 when Redis does not answer at start or something failed to close
 */
export async function runWorker(options: WorkerCommandOptions, stopped: Promise<NodeJS.Signals>): Promise<number> {
  const config = serviceConfig(options);
  const concurrency = Number(options.concurrency);
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
  log(`${await stopped}: closing`);
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

// The thread's side (only in a thread started by runInThread): the worker, until the process
// relays a signal; the thread's exit code is the command's.
if (parentPort && (workerData as { role?: string } | null)?.role === 'worker') {
  const port = parentPort;
  const { options } = workerData as { options: WorkerCommandOptions };
  const stopped = new Promise<NodeJS.Signals>((resolve) =>
    port.once('message', (message: StopMessage) => resolve(message.stop)),
  );
  // Waiting for the signal keeps nothing alive: a worker that ends first (Redis not there) exits.
  port.unref();
  // What stops the worker is reported here as the command reports it in process (an error's
  // class does not cross to the main thread).
  process.exitCode = await runWorker(options, stopped).catch(reportError);
}
