import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type IndexNames } from '../index/index.js';
import {
  CORPUS_FILES,
  corpusBytes,
  dropIndexes,
  indexedHashes,
  isolated,
  root,
} from '../tests/helpers/ingest-setup.js';
import { TestMeili } from '../tests/helpers/test-meili.js';
import { prepareIssue } from './prepare-issue.js';
import { IngestQueue } from './queue.js';
import { redisAnswers } from './redis.js';
import { type IngestReporter, type IssueOutcome, runIngest } from './run-ingest.js';

/*
 * The three faults of the ingest issue, with real processes killed and restarted: a worker
 * killed with SIGKILL mid-job, Meilisearch killed and restarted mid-ingest, Redis killed and
 * restarted mid-ingest. Each must end with the index equal to a clean run.
 */

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
let clean: Map<string, string>;
const started: ChildProcess[] = [];

beforeAll(async () => {
  clean = new Map();
  for (const file of CORPUS_FILES) {
    for (const d of (await prepareIssue(corpusBytes(file), join(root, file))).documents) clean.set(d.id, d.contentHash);
  }
});
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

function quietReporter(): IngestReporter & {
  finishedCount: () => number;
  stagedCount: () => number;
  outcomes: IssueOutcome[];
  notices: string[];
} {
  const outcomes: IssueOutcome[] = [];
  const notices: string[] = [];
  let staged = 0;
  return {
    outcomes,
    notices,
    finishedCount: () => outcomes.length,
    stagedCount: () => staged,
    notice: (l) => notices.push(l),
    planned: () => {},
    stage: () => {
      staged++;
    },
    finished: (o) => outcomes.push(o),
  };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function expectCleanIndex(meili: TestMeili, names: IndexNames): Promise<void> {
  expect(await indexedHashes(meili.client, names.records)).toEqual(clean);
  expect((await meili.client.index(names.issues).getDocuments({ limit: 100 })).results).toHaveLength(
    CORPUS_FILES.length,
  );
}

/**
 * The corpus ingested through the queue into `setup`'s indexes: by other workers only
 * (`concurrency` 0), or with a local worker as well.
 */
function ingestCorpus(
  setup: { dataDir: string; names: IndexNames; queueName: string },
  reporter: IngestReporter,
  { concurrency = 0, redisUrl = REDIS_URL }: { concurrency?: number; redisUrl?: string } = {},
): Promise<IssueOutcome[]> {
  return runIngest({
    paths: CORPUS_FILES.map((f) => join(root, f)),
    dataDir: setup.dataDir,
    names: setup.names,
    redisUrl,
    queueName: setup.queueName,
    requireQueue: true,
    concurrency,
    reporter,
  });
}

/** Removes a test's queue (from the shared Redis) and indexes, and stops its Meilisearch. */
async function removeTestData(setup: { names: IndexNames; queueName: string }, meili: TestMeili): Promise<void> {
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  await new Queue(setup.queueName, { connection }).obliterate({ force: true });
  await connection.quit();
  await dropIndexes(meili.client, setup.names);
  await meili.stop();
}

/**
 * `gazette worker` as a process of its own, from the TypeScript sources (in process), or
 * `compiled` (dist/, built by `npm ci`: the worker runs in a thread with a capped heap).
 */
function startWorker(
  setup: ReturnType<typeof isolated>,
  meili: TestMeili,
  redisUrl = REDIS_URL,
  lockMs = 2_000,
  { compiled = false, env = {} }: { compiled?: boolean; env?: Record<string, string> } = {},
): ChildProcess & { output: () => string } {
  const child = spawn(
    process.execPath,
    [
      ...(compiled ? [join(root, 'dist', 'cli', 'main.js')] : ['--import', 'tsx', join(root, 'cli', 'main.ts')]),
      'worker',
      '--concurrency',
      '1',
      '--queue',
      setup.queueName,
      '--data-dir',
      setup.dataDir,
      '--index-prefix',
      setup.names.records.replace(/-records$/, ''),
    ],
    {
      cwd: root,
      env: { ...process.env, ...meili.env, REDIS_URL: redisUrl, GAZETTE_WORKER_LOCK_MS: String(lockMs), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  started.push(child);
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  return Object.assign(child, { output: () => output });
}

describe('faults', () => {
  it('should finish a job whose worker was killed with SIGKILL mid-job, on another worker, with nothing lost or duplicated', async () => {
    const meili = await TestMeili.start();
    const setup = isolated('sigkill');
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new IngestQueue(connection, setup.queueName, () => {});
    try {
      for (const file of CORPUS_FILES)
        await queue.add({ sha256: setup.archive.store(corpusBytes(file), join(root, file)), file: join(root, file) });
      const first = startWorker(setup, meili);
      // Kill it while a job is writing to the index.
      let victim = '';
      await until(
        async () => {
          for (const job of await queue.queue.getJobs(['active'])) {
            if ((job.progress as { stage?: string }).stage === 'index') victim = job.id!;
          }
          return victim !== '';
        },
        120_000,
        'a job in its index stage',
      );
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      expect(await queue.queue.getJobState(victim)).toBe('active'); // its lock still held by the dead worker

      const second = startWorker(setup, meili);
      await until(
        async () => (await queue.queue.getJobCountByTypes('completed')) === CORPUS_FILES.length,
        120_000,
        'every job to complete',
      );
      expect(second.output()).toMatch(/stalled; it will run again|records/);
      await expectCleanIndex(meili, setup.names);

      // SIGTERM closes the worker, its connection and the search client in order, and exits 0.
      second.kill('SIGTERM');
      const code = await new Promise((resolve) => second.once('exit', resolve));
      expect(code).toBe(0);
      expect(second.output()).toContain('SIGTERM: closing');
    } finally {
      await queue.queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
      await dropIndexes(meili.client, setup.names);
      await meili.stop();
    }
  }, 240_000);

  it('should ride out a Meilisearch restart mid-ingest by retrying, ending equal to a clean run', async () => {
    const meili = await TestMeili.start();
    Object.assign(process.env, meili.env);
    const setup = isolated('meili-restart');
    const reporter = quietReporter();
    try {
      const ingest = ingestCorpus(setup, reporter, { concurrency: 1 });
      await until(() => reporter.finishedCount() >= 1, 120_000, 'the first issue');
      await meili.kill();
      await sleep(1500);
      await meili.restart();
      const outcomes = await ingest;
      expect(outcomes.map((o) => o.status)).toEqual(CORPUS_FILES.map(() => 'indexed'));
      await expectCleanIndex(meili, setup.names);
    } finally {
      await removeTestData(setup, meili);
    }
  }, 240_000);

  it('should ride out a Redis restart that loses every job, adding lost jobs again, ending equal to a clean run', async () => {
    const meili = await TestMeili.start();
    Object.assign(process.env, meili.env);
    const port = await freePort();
    const startRedis = () => {
      const child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      started.push(child);
      return child;
    };
    let redis = startRedis();
    const url = `redis://127.0.0.1:${port}`;
    const setup = isolated('redis-restart');
    const reporter = quietReporter();
    try {
      await until(() => redisAnswers(url), 10_000, 'the private Redis');
      // Only queued here, with no worker yet: every job is in Redis alone when it is killed (a
      // worker holds many jobs at once, and may finish all it holds with Redis gone).
      const ingest = ingestCorpus(setup, reporter, { redisUrl: url });
      const connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
      const queue = new Queue(setup.queueName, { connection });
      await until(
        async () => (await queue.getWaitingCount().catch(() => 0)) === CORPUS_FILES.length,
        120_000,
        'every job queued',
      );
      await queue.close();
      await connection.quit();
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      await sleep(1000);
      redis = startRedis();
      await until(() => redisAnswers(url), 10_000, 'the private Redis again');
      const worker = startWorker(setup, meili, url);
      const outcomes = await ingest;
      expect(outcomes.map((o) => o.status)).toEqual(CORPUS_FILES.map(() => 'indexed'));
      expect(reporter.notices.some((n) => /is no longer in the queue: added it again/.test(n))).toBe(true);
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
      await expectCleanIndex(meili, setup.names);
    } finally {
      redis.kill('SIGKILL');
      await dropIndexes(meili.client, setup.names);
      await meili.stop();
    }
  }, 240_000);

  it("should let a worker with its own data dir, sharing only Redis and Meilisearch, process another machine's ingest", async () => {
    const meili = await TestMeili.start();
    Object.assign(process.env, meili.env);
    const ingesting = isolated('remote-ingest');
    const elsewhere = { ...isolated('remote-worker'), names: ingesting.names, queueName: ingesting.queueName };
    const reporter = quietReporter();
    try {
      // The default lock: nothing is killed here, and a 2 s lock, renewed each second, was lost
      // on a loaded machine (the jobs stalled and ran again, finding their records indexed).
      const worker = startWorker(elsewhere, meili, REDIS_URL, 30_000);
      const outcomes = await ingestCorpus(ingesting, reporter);
      expect(outcomes.map((o) => o.status)).toEqual(CORPUS_FILES.map(() => 'indexed'));
      await expectCleanIndex(meili, ingesting.names);
      expect(worker.output()).toMatch(/indexed, issue/);
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    } finally {
      await removeTestData(ingesting, meili);
    }
  }, 240_000);

  it("should start a compiled worker's thread again with twice the heap when it runs out of memory, its jobs run again, nothing lost", async () => {
    const meili = await TestMeili.start();
    Object.assign(process.env, meili.env);
    const setup = isolated('out-of-memory');
    const reporter = quietReporter();
    try {
      // 12 MB cannot even start the worker, 24 MB starts it but not an issue's records: each
      // time the thread dies, the process starts it again with twice as much.
      const worker = startWorker(setup, meili, REDIS_URL, 2_000, {
        compiled: true,
        env: { GAZETTE_WORKER_HEAP_MB: '12' },
      });
      const outcomes = await ingestCorpus(setup, reporter);
      expect(outcomes.map((o) => o.status)).toEqual(CORPUS_FILES.map(() => 'indexed'));
      await expectCleanIndex(meili, setup.names);
      expect(worker.output()).toMatch(/out of memory with a 12 MB heap; starting again with 24 MB/);
      worker.kill('SIGTERM');
      const code = await new Promise((resolve) => worker.once('exit', resolve));
      expect(code).toBe(0);
      expect(worker.output()).toMatch(/SIGTERM: closing/);
    } finally {
      await removeTestData(setup, meili);
    }
  }, 240_000);
});
