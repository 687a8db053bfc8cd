import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS_FILES,
  additionTasks,
  dropIndexes,
  indexedHashes,
  isolated,
  root,
} from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { type IngestReporter, type IssueOutcome, QueueUnavailableError, runIngest } from './run-ingest.js';
import { IngestQueue } from './queue.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const DEAD_REDIS = 'redis://127.0.0.1:9';
let meili: TestMeili;
const setup = isolated('ingest');
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  meili = await TestMeili.start();
  Object.assign(process.env, meili.env);
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => {});
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
});

function reporter(): IngestReporter & { notices: string[]; outcomes: IssueOutcome[] } {
  const notices: string[] = [];
  const outcomes: IssueOutcome[] = [];
  return {
    notices,
    outcomes,
    notice: (line) => notices.push(line),
    planned: () => {},
    stage: () => {},
    finished: (o) => outcomes.push(o),
  };
}

async function obliterate(name: string) {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection });
  await queue.obliterate({ force: true });
  await queue.close();
  await connection.quit();
}

const files = CORPUS_FILES.map((f) => join(root, f));

describe('gazette ingest through the queue', () => {
  it('should make one job of the same bytes added twice or from two paths', async () => {
    const name = `${setup.queueName}-dup`;
    cleanups.push(() => obliterate(name));
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new IngestQueue(connection, name, () => {});
    const sha256 = 'a'.repeat(64);
    await queue.add({ sha256, file: 'one.txt' });
    await queue.add({ sha256, file: 'elsewhere/one.txt' });
    expect(await queue.queue.getJobCountByTypes('waiting', 'prioritized')).toBe(1);
    await queue.close();
    await connection.quit();
  });

  // Two ingests of the corpus, each loading jieba in this process: past the default 30 s on a
  // loaded machine (30.0 s in one full run, 13–28 s in others).
  it('should index the corpus with a local worker, then write nothing when it is ingested again', async () => {
    cleanups.push(() => obliterate(setup.queueName));
    const options = {
      dataDir: setup.dataDir,
      names: setup.names,
      redisUrl: REDIS_URL,
      queueName: setup.queueName,
      requireQueue: true,
      concurrency: 2,
    };
    const first = reporter();
    const outcomes = await runIngest({ ...options, paths: [join(root, 'corpus'), files[0]!], reporter: first });
    expect(outcomes.map((o) => o.status)).toEqual(['indexed', 'indexed', 'indexed', 'indexed', 'indexed']);
    const records = outcomes.reduce((n, o) => n + o.result!.records, 0);
    expect((await indexedHashes(meili.client, setup.names.records)).size).toBe(records);
    const additions = await additionTasks(meili.client, setup.names.records);

    const again = await runIngest({ ...options, paths: files, reporter: reporter() });
    expect(again.map((o) => o.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(again.reduce((n, o) => n + o.result!.writes, 0)).toBe(0);
    expect(await additionTasks(meili.client, setup.names.records)).toBe(additions);
  }, 120_000);

  it('should fail bad input as unrecoverable, at the first attempt, with the parser diagnostic', async () => {
    const name = `${setup.queueName}-bad`;
    cleanups.push(() => obliterate(name));
    const bad = join(setup.dataDir, 'binary.txt');
    writeFileSync(bad, Buffer.from([0x41, 0x00, 0x00, 0x07, 0xfe]));
    const outcomes = await runIngest({
      paths: [bad, join(setup.dataDir, 'missing.txt')],
      dataDir: setup.dataDir,
      names: setup.names,
      redisUrl: REDIS_URL,
      queueName: name,
      requireQueue: true,
      concurrency: 1,
      reporter: reporter(),
    });
    expect(outcomes).toMatchObject([
      { file: join(setup.dataDir, 'missing.txt'), status: 'failed', reason: 'no such file or folder' },
      {
        file: bad,
        status: 'failed',
        reason: expect.stringMatching(/^bad input: .*binary\.txt: cannot decode at byte offset 1/),
      },
    ]);
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(name, { connection });
    const [job] = await queue.getJobs(['failed']);
    expect(job!.attemptsMade).toBe(1);
    await queue.close();
    await connection.quit();
  });
});

describe('gazette ingest without Redis', () => {
  it('should say so in one line and run the same processor in this process', async () => {
    const own = isolated('inline');
    cleanups.push(() => dropIndexes(meili.client, own.names));
    const report = reporter();
    const outcomes = await runIngest({
      paths: [files[2]!],
      dataDir: own.dataDir,
      names: own.names,
      redisUrl: DEAD_REDIS,
      queueName: own.queueName,
      requireQueue: false,
      concurrency: 2,
      reporter: report,
    });
    expect(report.notices).toEqual([
      `Redis does not answer at ${DEAD_REDIS}: processing in this process instead (--require-queue refuses)`,
    ]);
    expect(outcomes).toMatchObject([
      { status: 'indexed', result: { records: (await indexedHashes(meili.client, own.names.records)).size } },
    ]);
  });

  it('should refuse with --require-queue', async () => {
    const own = isolated('require');
    cleanups.push(() => dropIndexes(meili.client, own.names));
    await expect(
      runIngest({
        paths: [files[3]!],
        dataDir: own.dataDir,
        names: own.names,
        redisUrl: DEAD_REDIS,
        queueName: own.queueName,
        requireQueue: true,
        concurrency: 1,
        reporter: reporter(),
      }),
    ).rejects.toThrow(QueueUnavailableError);
  });
});
