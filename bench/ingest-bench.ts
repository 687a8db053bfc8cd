import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { EmbeddedMeili, indexNames, meiliClient } from '../index/index.js';
import { Queue } from 'bullmq';
import { connectRedis, redisAnswers, redisUrl } from '../ingest/redis.js';
import { type IngestReporter, type IssueOutcome, runIngest } from '../ingest/run-ingest.js';
import { parseGazette } from '../parsers/index.js';
import { corpusIssues } from './repeat-corpus.js';
import { shiftedIssues } from './shifted-issues.js';

const projectRoot = join(import.meta.dirname, '..', '..');
const silent: IngestReporter = { notice: () => {}, planned: () => {}, stage: () => {}, finished: () => {} };

async function tasksOf(client: Meilisearch): Promise<number> {
  return (await client.tasks.getTasks({ limit: 1 })).results[0]?.uid ?? -1;
}

/** The corpus folder written as files, as a user would have them. */
function corpusFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'gazette-bench-corpus-'));
  corpusIssues().forEach((bytes, i) => writeFileSync(join(folder, `issue-${i}.txt`), bytes));
  return folder;
}

/**
 * The ingest benchmarks: the corpus from files to searchable through queue, worker, enrichment
 * and diff sync, against indexing the same records straight into Meilisearch; re-ingest of the
 * unchanged corpus; and many distinct issues through two worker processes.
 */
export async function ingestBench(): Promise<void> {
  const issueCount = Number(process.env.BENCH_ISSUES) || 250;
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-bench-'));
  const meili = await EmbeddedMeili.open(dataDir);
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.masterKey;
  const client = meiliClient(meili.url, meili.masterKey);
  const folder = corpusFolder();
  try {
    console.log('\ningest: the corpus (5 issues) from files to searchable');
    // A fresh database is slow to fill the first time; each side is measured twice, in turn,
    // on new indexes, and both rounds are printed.
    let options = ingestOptions(folder, dataDir, 'bench-0');
    const rounds: Array<{ ingestMs: number; directMs: number; records: number }> = [];
    for (let round = 0; round < 2; round++) {
      options = ingestOptions(folder, dataDir, `bench-${round}`);
      let start = performance.now();
      const outcomes = await runIngest(options);
      const ingestMs = performance.now() - start;
      if (outcomes.some((o) => o.status !== 'indexed')) throw new Error(`ingest failed: ${JSON.stringify(outcomes.filter((o) => o.status !== 'indexed'))}`);
      start = performance.now();
      await indexStraight(client, `bench-direct-${round}`);
      const directMs = performance.now() - start;
      rounds.push({ ingestMs, directMs, records: outcomes.reduce((n, o) => n + (o.result?.records ?? 0), 0) });
    }
    for (const [i, r] of rounds.entries()) {
      console.log(`  round ${i + 1}: through queue + enrichment ${(r.ingestMs / 1000).toFixed(2)} s for ${r.records} records (target ≤ 10 s); straight into Meilisearch (parse + add, default settings) ${(r.directMs / 1000).toFixed(2)} s; ratio ${(r.ingestMs / r.directMs).toFixed(2)}× (target ≤ 1.5×)`);
    }
    const ingestMs = rounds.at(-1)!.ingestMs;

    const tasksBefore = await tasksOf(client);
    const start = performance.now();
    const again = await runIngest(options);
    const againMs = performance.now() - start;
    const writes = (await tasksOf(client)) - tasksBefore;
    console.log(`ingest: re-ingest of the unchanged corpus: ${againMs.toFixed(0)} ms, ${(100 * againMs / ingestMs).toFixed(1)} % of the first (target ≤ 5 %), ${writes} Meilisearch writes (target 0), statuses ${[...new Set(again.map((o) => o.status))].join(',')}`);

    await scaleOut(issueCount, dataDir, meili.url, meili.masterKey, client);
  } finally {
    await removeQueues([`bench-${process.pid}`, `bench-many-${process.pid}`]);
    await meili.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
    delete process.env.MEILI_URL;
    delete process.env.MEILI_MASTER_KEY;
  }
}

function ingestOptions(folder: string, dataDir: string, prefix: string) {
  return { paths: [folder], dataDir, names: indexNames(prefix), redisUrl: redisUrl(), queueName: `bench-${process.pid}`, requireQueue: false, concurrency: 2, reporter: silent };
}

/** Removes the bench's queues from Redis. */
async function removeQueues(names: string[]): Promise<void> {
  if (!(await redisAnswers(redisUrl()))) return;
  const connection = connectRedis(redisUrl());
  for (const name of names) {
    const queue = new Queue(name, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await connection.quit();
}

/** Parses the corpus and adds its records, as they are, to a new index with default settings. */
async function indexStraight(client: Meilisearch, uid: string): Promise<void> {
  await client.deleteIndex(uid).waitTask();
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  for (const [i, bytes] of corpusIssues().entries()) {
    const parsed = parseGazette(bytes, { file: `issue-${i}.txt` });
    const task = await client.index(uid).addDocuments(parsed.records).waitTask({ timeout: 600_000, interval: 25 });
    if (task.status !== 'succeeded') throw new Error(`direct indexing failed: ${task.error?.message}`);
  }
}

/** `count` distinct issues queued, processed by two worker processes. */
async function scaleOut(count: number, dataDir: string, url: string, key: string, client: Meilisearch): Promise<void> {
  console.log(`\ningest: ${count} distinct issues through 2 worker processes (concurrency 1 each)`);
  const folder = join(dataDir, 'many');
  mkdirSync(folder);
  for (const issue of shiftedIssues(count)) writeFileSync(join(folder, issue.name), issue.bytes);
  const queue = `bench-many-${process.pid}`;
  const prefix = 'bench-many';
  const env = { ...process.env, MEILI_URL: url, MEILI_MASTER_KEY: key };
  const common = ['--queue', queue, '--data-dir', dataDir, '--index-prefix', prefix];
  const cli = join(projectRoot, 'dist', 'cli', 'main.js');
  const workers: Array<ChildProcess & { log: string }> = [0, 1].map(() => {
    const child = spawn(process.execPath, [cli, 'worker', '--concurrency', '1', ...common], { env, stdio: ['ignore', 'ignore', 'pipe'] }) as ChildProcess & { log: string };
    child.log = '';
    child.stderr!.on('data', (chunk) => (child.log += chunk));
    return child;
  });
  const peaks = workers.map(() => 0);
  const sampler = setInterval(() => workers.forEach((w, i) => (peaks[i] = Math.max(peaks[i]!, peakRss(w.pid!)))), 200);
  const start = performance.now();
  const outcomes = await runIngest({
    paths: [folder], dataDir, names: indexNames(prefix), redisUrl: redisUrl(), queueName: queue, requireQueue: true, concurrency: 0, reporter: silent,
  });
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  workers.forEach((w, i) => (peaks[i] = Math.max(peaks[i]!, peakRss(w.pid!))));
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode === null ? w.once('exit', resolve) : resolve(null)))));
  const failed = outcomes.filter((o: IssueOutcome) => o.status === 'failed');
  const records = outcomes.reduce((n, o) => n + (o.result?.records ?? 0), 0);
  const stalled = workers.reduce((n, w) => n + (w.log.match(/stalled; it will run again/g)?.length ?? 0), 0);
  const stats = await client.index(indexNames(prefix).records).getStats();
  console.log(`  ${outcomes.length - failed.length}/${count} issues indexed in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(2)} issues/s, ${(records / seconds).toFixed(0)} records/s; index holds ${stats.numberOfDocuments} records`);
  console.log(`  peak worker memory (RSS): ${peaks.map((p) => `${(p / 1024).toFixed(0)} MB`).join(', ')} (target ≤ 512 MB)`);
  console.log(`  stalled jobs: ${stalled} (target 0)`);
  if (failed.length) console.log(`  failed: ${failed.map((o) => `${o.file}: ${o.reason}`).join('; ')}`);
}

/** Peak resident set size of a process so far, in kB (VmHWM), or 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

