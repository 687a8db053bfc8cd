import { type EnqueuedTaskPromise, MeilisearchTaskTimeOutError, type Task } from 'meilisearch';
import { IndexTaskError } from './errors.js';

/** How long a write may take before we give up waiting (large batches get more). */
export const DEFAULT_TASK_TIMEOUT_MS = 120_000;

/**
 * Waits for a Meilisearch write to finish and checks its final status: a failed or canceled
 * task becomes an {@link IndexTaskError} naming the index, the task and the server's error code.
 * @param indexUid the index written to, for the message
 * @param write the enqueued write
 * @param timeout milliseconds to wait for the task
 */
export async function waitForWrite(indexUid: string, write: EnqueuedTaskPromise, timeout = DEFAULT_TASK_TIMEOUT_MS): Promise<Task> {
  let task: Task;
  try {
    task = await write.waitTask({ timeout, interval: 25 });
  } catch (error) {
    if (error instanceof MeilisearchTaskTimeOutError) {
      throw new IndexTaskError(indexUid, null, 'task_timeout', error.message);
    }
    throw error;
  }
  if (task.status !== 'succeeded') {
    throw new IndexTaskError(indexUid, task.uid, task.error?.code ?? task.status, task.error?.message ?? `task ${task.status}`);
  }
  return task;
}
