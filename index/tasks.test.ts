import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  Meilisearch,
  type EnqueuedTaskPromise,
  type Task,
} from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { IndexTaskError, StorageFullError } from './errors.js';
import { pollTask, waitForWrite } from './tasks.js';

const root = join(import.meta.dirname, '..');

function task(status: Task['status'], error?: { code: string; message: string }): Task {
  return {
    uid: 7,
    batchUid: null,
    indexUid: 'x',
    status,
    type: 'documentAdditionOrUpdate',
    error: error ? { ...error, type: 'internal', link: '' } : null,
  } as unknown as Task;
}

/** An enqueued write whose wait ends with `final` (a task, or an error thrown). */
function write(final: Task | Error): EnqueuedTaskPromise {
  const enqueued = Promise.resolve({
    taskUid: 7,
    indexUid: 'x',
    status: 'enqueued',
    type: 'documentAdditionOrUpdate',
    enqueuedAt: new Date(),
  });
  return Object.assign(enqueued, {
    waitTask: async () => (final instanceof Error ? Promise.reject(final) : final),
  }) as unknown as EnqueuedTaskPromise;
}

/** Runs tests/helpers/failed-wait.ts; resolves with its report and how long it ran on after it. */
function runFailedWait(mode: 'original' | 'ours'): Promise<{
  report: { error: string; polls: number; waitedMs: number; listenerWarnings: number };
  lingeredMs: number;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests', 'helpers', 'failed-wait.ts'), mode], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let reportedAt = 0;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      reportedAt ||= Date.now();
    });
    child.stderr.resume();
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(killer);
      try {
        resolve({ report: JSON.parse(output), lingeredMs: Date.now() - reportedAt });
      } catch {
        reject(new Error(`failed-wait ${mode} printed ${JSON.stringify(output)}`));
      }
    });
  });
}

describe('waitForWrite', () => {
  it('should let the process exit at once after a failed wait, where meilisearch-js alone keeps it up for its timeout', async () => {
    const [original, ours] = await Promise.all([runFailedWait('original'), runFailedWait('ours')]);
    // The fault: the client's timer outlives the failed wait, and every poll adds a listener.
    expect(original.report.error).toBe('MeilisearchApiError');
    expect(original.lingeredMs).toBeGreaterThan(2_500);
    expect(original.report.polls).toBeGreaterThan(100);
    // fetch warns once one signal holds more than 1500 listeners; a loaded machine may poll fewer times in 5 s.
    if (original.report.polls > 1500) expect(original.report.listenerWarnings).toBeGreaterThan(0);
    // Survived: nothing is left pending, no listener piles up.
    expect(ours.report).toMatchObject({ error: 'MeilisearchApiError', listenerWarnings: 0 });
    expect(ours.lingeredMs).toBeLessThan(1_000);
  }, 30_000);

  it('should turn a failed task into an IndexTaskError naming the index, the task and the code', async () => {
    const failed = waitForWrite(
      'gazette-records',
      write(task('failed', { code: 'invalid_document_id', message: 'bad id' })),
    );
    await expect(failed).rejects.toThrow(IndexTaskError);
    await expect(
      waitForWrite('gazette-records', write(task('failed', { code: 'invalid_document_id', message: 'bad id' }))),
    ).rejects.toThrow('index "gazette-records", task 7: invalid_document_id: bad id');
    await expect(waitForWrite('gazette-records', write(task('succeeded')))).resolves.toMatchObject({
      status: 'succeeded',
    });
  });

  it('should name a task that failed for want of space a StorageFullError, and a timeout an IndexTaskError', async () => {
    const full = waitForWrite(
      'gazette-records',
      write(task('failed', { code: 'no_space_left_on_device', message: 'No space left on device (os error 28)' })),
    );
    await expect(full).rejects.toThrow(StorageFullError);
    await expect(waitForWrite('gazette-records', write(new MeilisearchTaskTimeOutError(7, 1000)))).rejects.toThrow(
      /task_timeout/,
    );
  });

  it('should wait with the bounded poll wherever `.waitTask()` is called', () => {
    const client = new Meilisearch({ host: 'http://127.0.0.1:9' });
    expect(client.index('x').tasks.waitForTask.name).toBe('waitForTask');
    expect(client.index('x').tasks.waitForTask.toString()).toContain('pollTask');
    expect(client.tasks.waitForTask).toBe(client.index('y').tasks.waitForTask);
  });
});

describe('pollTask', () => {
  it('should give up at its deadline, with a timeout error', async () => {
    const started = Date.now();
    await expect(pollTask(async () => task('processing'), 7, { timeout: 300 })).rejects.toThrow(
      MeilisearchTaskTimeOutError,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('should ride out a server that does not answer for a while, then give up', async () => {
    let calls = 0;
    const flaky = async () => {
      if (++calls <= 3) throw new MeilisearchRequestError('http://127.0.0.1:9/tasks/7', new Error('ECONNREFUSED'));
      return task('succeeded');
    };
    await expect(pollTask(flaky, 7, { timeout: 5_000, interval: 10 })).resolves.toMatchObject({ status: 'succeeded' });
    const down = async () =>
      Promise.reject(new MeilisearchRequestError('http://127.0.0.1:9/tasks/7', new Error('ECONNREFUSED')));
    const started = Date.now();
    await expect(pollTask(down, 7, { timeout: 5_000, interval: 10, unreachableLimit: 200 })).rejects.toThrow(
      MeilisearchRequestError,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
