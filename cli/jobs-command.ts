import { IngestQueue } from '../ingest/queue.js';
import { redactCredentials } from '../ingest/redact-credentials.js';
import { connectRedis, redisAnswers } from '../ingest/redis.js';
import { type ServiceOptions, serviceConfig } from './service-options.js';

/** Opens the queue, runs `use`, closes everything; 1 when Redis does not answer. */
async function withQueue(options: ServiceOptions, use: (queue: IngestQueue) => Promise<number>): Promise<number> {
  const config = serviceConfig(options);
  if (!(await redisAnswers(config.redisUrl))) {
    process.stderr.write(
      `gazette: Redis does not answer at ${redactCredentials(config.redisUrl)}; start it or set REDIS_URL\n`,
    );
    return 1;
  }
  const connection = connectRedis(config.redisUrl);
  const queue = new IngestQueue(connection, config.queueName, (error) =>
    process.stderr.write(`queue: ${redactCredentials(error.message)}\n`),
  );
  try {
    return await use(queue);
  } finally {
    await queue.close();
    await connection.quit();
  }
}

/**
 * `gazette jobs`: counts per state, the waiting, active, delayed and failed jobs with reasons,
 * and finished jobs with a note on their identity (ambiguous, partial copy, older version).
 */
export function jobsCommand(options: ServiceOptions): Promise<number> {
  return withQueue(options, async (queue) => {
    const counts = await queue.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
    const out: string[] = [
      Object.entries(counts)
        .map(([state, n]) => `${state} ${n}`)
        .join(' · '),
    ];
    for (const state of ['active', 'waiting', 'delayed', 'failed'] as const) {
      for (const job of await queue.queue.getJobs([state], 0, 199)) {
        const reason = state === 'failed' || job.failedReason ? `  ${job.failedReason ?? ''}` : '';
        out.push(`${state.padEnd(8)} ${job.id?.slice(0, 12)}  ${job.data.file}  attempts ${job.attemptsMade}${reason}`);
      }
    }
    // Finished jobs worth a look: identity ambiguous, a partial copy, an older version kept.
    for (const job of await queue.queue.getJobs(['completed'], 0, 999)) {
      const result = job.returnvalue;
      if (result?.note)
        out.push(
          `${'noted'.padEnd(8)} ${job.id?.slice(0, 12)}  ${job.data.file}  ${result.status}, issue ${result.issue}: ${result.note}`,
        );
    }
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  });
}

/** `gazette retry`: puts every failed job back in the queue. */
export function retryCommand(options: ServiceOptions): Promise<number> {
  return withQueue(options, async (queue) => {
    const failed = await queue.queue.getJobs(['failed']);
    for (const job of failed) await job.retry('failed');
    process.stdout.write(
      `re-queued ${failed.length} failed job(s)${failed.length ? `: ${failed.map((j) => j.data.file).join(', ')}` : ''}\n`,
    );
    return 0;
  });
}
