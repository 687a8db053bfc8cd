import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { JobEvents } from './job-events.js';
import type { Stage } from './prepare-issue.js';
import { connectRedis, redisUrl } from './redis.js';

const opened: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of opened.reverse()) await close().catch(() => {});
  opened.length = 0;
});

function setup() {
  const name = `gazette-test-job-events-${randomBytes(6).toString('hex')}`;
  const connection = connectRedis(redisUrl());
  const stages: Array<[string, Stage]> = [];
  const errors: Error[] = [];
  const events = new JobEvents(
    connection,
    name,
    (id, stage) => stages.push([id, stage]),
    (error) => errors.push(error),
  );
  const queue = new Queue(name, { connection });
  opened.push(
    () => connection.quit(),
    async () => {
      await queue.obliterate({ force: true });
      await queue.close();
    },
    () => events.close(),
  );
  return { name, events, queue, stages, errors };
}

function work(name: string, processor: ConstructorParameters<typeof Worker>[1]) {
  const connection = connectRedis(redisUrl());
  const worker = new Worker(name, processor, { connection });
  opened.push(
    () => connection.quit(),
    () => worker.close(),
  );
  return worker;
}

describe('JobEvents', () => {
  it('should name the jobs that completed or failed, once each, and report their stages', async () => {
    const { name, events, queue, stages, errors } = setup();
    await events.ready();
    work(name, async (job) => {
      await job.updateProgress({ stage: 'parse' });
      if (job.id === 'bad') throw new Error('no records');
      return 'done';
    });
    await queue.add('x', {}, { jobId: 'good' });
    await queue.add('x', {}, { jobId: 'bad' });
    const seen = new Set<string>();
    for (let i = 0; i < 100 && seen.size < 2; i++) {
      await events.wait(200);
      for (const id of events.take()) seen.add(id);
    }
    expect([...seen].sort()).toEqual(['bad', 'good']);
    expect(events.take().size).toBe(0);
    expect(stages).toEqual(
      expect.arrayContaining([
        ['good', 'parse'],
        ['bad', 'parse'],
      ]),
    );
    expect(errors).toEqual([]);
  });

  it('should stop waiting when the signal aborts, with no job finished', async () => {
    const { events } = setup();
    await events.ready();
    const abort = new AbortController();
    const waited = events.wait(60_000, abort.signal);
    abort.abort();
    await waited;
    expect(events.take().size).toBe(0);
  });
});
