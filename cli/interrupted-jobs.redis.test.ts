import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, redisUrl } from '../ingest/redis.js';
import { queueLookup } from './interrupted-jobs.js';

const name = `test-interrupted-${randomBytes(4).toString('hex')}`;
const connection = connectRedis(redisUrl());
const queue = new Queue(name, { connection });

afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
});

describe('queueLookup', () => {
  it('should tell a job that completed from one still waiting, after the worker is gone', async () => {
    await queue.add('ingest-issue', { sha256: 'done', file: 'a.txt' }, { jobId: 'done' });
    const workerConnection = connectRedis(redisUrl());
    const worker = new Worker(
      name,
      async () => ({ file: 'a.txt', sha256: 'done', status: 'indexed', records: 3, note: null }),
      { connection: workerConnection },
    );
    await new Promise((resolve) => worker.once('completed', resolve));
    await worker.close();
    await workerConnection.quit();
    await queue.add('ingest-issue', { sha256: 'queued', file: 'b.txt' }, { jobId: 'queued' });
    const found = await queueLookup(redisUrl(), name);
    expect(found).not.toBeNull();
    try {
      expect(await found!.lookup('done')).toMatchObject({ state: 'completed', result: { records: 3 } });
      expect(await found!.lookup('queued')).toEqual({ state: 'queued' });
      expect(await found!.lookup('never')).toBeNull();
    } finally {
      await found!.close();
    }
  });
});
