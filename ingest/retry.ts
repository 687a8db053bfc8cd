import { setTimeout as sleep } from 'node:timers/promises';
import { BadInputError } from './errors.js';
import { INGEST_ATTEMPTS } from './queue.js';

/**
 * Runs `task` the way the queue would: bad input fails at once, any other error is retried
 * with exponential backoff (1 s, 2 s, 4 s …) up to the queue's number of attempts.
 * @param onRetry told of each failed attempt that will be retried
 */
export async function withRetries<T>(
  task: () => Promise<T>,
  onRetry: (error: unknown, attempt: number) => void = () => {},
  baseDelayMs = 1000,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (error instanceof BadInputError || attempt >= INGEST_ATTEMPTS) throw error;
      onRetry(error, attempt);
      await sleep(baseDelayMs * 2 ** (attempt - 1));
    }
  }
}
