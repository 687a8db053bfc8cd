import { setTimeout as sleep } from 'node:timers/promises';
import {
  type EnqueuedTaskPromise,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type Task,
  type TaskUidOrEnqueuedTask,
  type WaitOptions,
} from 'meilisearch';
import { IndexTaskError } from './errors.js';
import { lowStorage, storageFailure } from './storage.js';

/** How long a write may take before we give up waiting (large batches get more). */
export const DEFAULT_TASK_TIMEOUT_MS = 120_000;
/** How long a wait rides out a server that does not answer (a restart) before it gives up. */
export const UNREACHABLE_LIMIT_MS = 20_000;
/** The longest one poll of a task may take. */
const POLL_TIMEOUT_MS = 10_000;
/** Polls start this far apart and back off to {@link MAX_POLL_INTERVAL_MS}. */
const FIRST_POLL_INTERVAL_MS = 25;
const MAX_POLL_INTERVAL_MS = 100;
/** A task unfinished for this long has the free space under the database checked on each poll. */
const STALL_CHECK_AFTER_MS = 3_000;

type TaskClient = Meilisearch['tasks'];

/**
 * Polls a task until it is no longer `enqueued` or `processing`, within a deadline. Every timer
 * it arms is cleared or has fired when it returns, and it leaves no listener behind. A server
 * that does not answer is polled again (it may be restarting) for up to {@link UNREACHABLE_LIMIT_MS}.
 * @param getTask one poll (the task client's `getTask`), given a signal that bounds it
 * @param taskUid the task to wait for
 * @param options `timeout` in milliseconds (0 or less: {@link DEFAULT_TASK_TIMEOUT_MS}); `interval`
 *   fixes the time between polls instead of backing off from 25 ms to 100 ms; `unreachableLimit`
 *   how long to poll a server that does not answer
 * @returns the finished task, whatever its status
 * @throws MeilisearchTaskTimeOutError after the deadline; StorageFullError when the task stalls
 *   while a watched database folder is short of space; the request error of a server that stayed
 *   unreachable
 */
export async function pollTask(
  getTask: (uid: number, init: { signal: AbortSignal }) => Promise<Task>,
  taskUid: number,
  options: WaitOptions & { unreachableLimit?: number } = {},
): Promise<Task> {
  const unreachableLimit = options.unreachableLimit ?? UNREACHABLE_LIMIT_MS;
  const timeout = options.timeout && options.timeout > 0 ? options.timeout : DEFAULT_TASK_TIMEOUT_MS;
  const started = Date.now();
  const deadline = started + timeout;
  let interval = options.interval && options.interval > 0 ? options.interval : FIRST_POLL_INTERVAL_MS;
  let unreachableSince: number | null = null;
  let indexUid: string | null = null;
  for (;;) {
    try {
      const task = await getTask(taskUid, {
        signal: AbortSignal.timeout(Math.max(1, Math.min(POLL_TIMEOUT_MS, deadline - Date.now()))),
      });
      unreachableSince = null;
      indexUid = task.indexUid;
      if (task.status !== 'enqueued' && task.status !== 'processing') return task;
    } catch (error) {
      if (!(error instanceof MeilisearchRequestError)) throw error;
      unreachableSince ??= Date.now();
      if (Date.now() - unreachableSince >= unreachableLimit || Date.now() >= deadline) throw error;
    }
    const now = Date.now();
    if (now >= deadline) throw new MeilisearchTaskTimeOutError(taskUid, timeout);
    if (now - started >= STALL_CHECK_AFTER_MS && unreachableSince === null) {
      const what = `${indexUid ? `index "${indexUid}", ` : ''}task ${taskUid} has not finished after ${Math.round((now - started) / 1000)} s`;
      const failure = lowStorage() && storageFailure('task_timeout', undefined, what);
      if (failure) throw failure;
    }
    await sleep(Math.min(interval, deadline - now));
    if (!options.interval) interval = Math.min(MAX_POLL_INTERVAL_MS, Math.ceil(interval * 1.5));
  }
}

/*
 * meilisearch-js 0.62 `TaskClient.waitForTask` arms its timeout timer and clears it only when the
 * task finishes: a poll that throws (server down) leaves the timer pending for the whole timeout
 * (10 minutes for our large batches), so the process cannot exit. It also hands its one signal to
 * every poll, and each poll adds an abort listener to it that is never removed (thousands of
 * MaxListenersExceededWarning lines). Every task client of the process (each index has its own)
 * shares this prototype, so `.waitTask()` anywhere waits with `pollTask` instead.
 */
const taskClientPrototype = Object.getPrototypeOf(new Meilisearch({ host: 'http://127.0.0.1' }).tasks) as TaskClient;
taskClientPrototype.waitForTask = function waitForTask(
  this: TaskClient,
  task: TaskUidOrEnqueuedTask,
  options?: WaitOptions,
): Promise<Task> {
  return pollTask((uid, init) => this.getTask(uid, init), typeof task === 'number' ? task : task.taskUid, options);
};

/**
 * Waits for a Meilisearch write to finish and checks its final status: a failed or canceled
 * task becomes an {@link IndexTaskError} naming the index, the task and the server's error code,
 * and a write that a full disk broke (whatever code the server gave) a StorageFullError
 * naming the folder that is short of space.
 * @param indexUid the index written to, for the message
 * @param write the enqueued write
 * @param timeout milliseconds to wait for the task
 */
export async function waitForWrite(
  indexUid: string,
  write: EnqueuedTaskPromise,
  timeout = DEFAULT_TASK_TIMEOUT_MS,
): Promise<Task> {
  return checkedTask(indexUid, () => write.waitTask({ timeout }));
}

/**
 * {@link waitForWrite} for a task known by its uid (a write enqueued earlier with
 * {@link enqueueWrite}, whose payload need not be kept while it is waited for).
 */
export async function waitForTaskUid(
  client: Meilisearch,
  indexUid: string,
  taskUid: number,
  timeout = DEFAULT_TASK_TIMEOUT_MS,
): Promise<Task> {
  return checkedTask(indexUid, () => client.tasks.waitForTask(taskUid, { timeout }));
}

async function checkedTask(indexUid: string, wait: () => Promise<Task>): Promise<Task> {
  let task: Task;
  try {
    task = await wait();
  } catch (error) {
    if (error instanceof MeilisearchTaskTimeOutError) {
      throw (
        storageFailure('task_timeout', error.message, `index "${indexUid}": ${error.message}`) ??
        new IndexTaskError(indexUid, null, 'task_timeout', error.message)
      );
    }
    throw refusedWrite(indexUid, error);
  }
  if (task.status !== 'succeeded') {
    const code = task.error?.code ?? task.status;
    const message = task.error?.message ?? `task ${task.status}`;
    throw (
      storageFailure(code, message, `index "${indexUid}", task ${task.uid}: ${code}: ${message}`) ??
      new IndexTaskError(indexUid, task.uid, code, message)
    );
  }
  return task;
}

/**
 * Waits until a write is enqueued (its payload stored by Meilisearch), not until it is done: a
 * refusal of a payload a full disk cut short is named a StorageFullError, as waitForWrite does.
 * @returns the task's uid
 */
export async function enqueueWrite(indexUid: string, write: EnqueuedTaskPromise): Promise<number> {
  try {
    return (await write).taskUid;
  } catch (error) {
    throw refusedWrite(indexUid, error);
  }
}

/** A write refused before it became a task (its payload could not be stored, say): a StorageFullError when storage is why. */
function refusedWrite(indexUid: string, error: unknown): unknown {
  if (!(error instanceof MeilisearchApiError)) return error;
  return (
    storageFailure(
      error.cause?.code,
      error.message,
      `index "${indexUid}": ${error.cause?.code ?? error.response.status}: ${error.message}`,
    ) ?? error
  );
}
