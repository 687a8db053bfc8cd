import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Meilisearch, TaskType } from 'meilisearch';
import { EmbeddedMeili, RECORD_INDEX_SETTINGS, indexNames, meiliClient } from '../index/index.js';
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
  for (const [i, bytes] of corpusIssues().entries()) writeFileSync(join(folder, `issue-${i}.txt`), bytes);
  return folder;
}

/**
 * The ingest benchmarks, each side by side with Meilisearch alone indexing the same parsed
 * records (with the filterable and sortable attributes a search needs): `gazette ingest` of the
 * corpus as a command (process start included); re-ingest of the unchanged corpus; and many
 * distinct issues through two worker processes, with records/s per hundred issues.
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
    console.log(
      '\ningest: the corpus (5 issues) from files to searchable, side by side with Meilisearch alone (same parsed records, filterable attributes)',
    );
    // A fresh database is slow to fill the first time (the corpus's records took 9.9 s on a new
    // server, 2.5 s on the same server after): it is filled once, untimed, before the rounds,
    // so that neither side pays for it. Each side is then measured in turn, on new
    // indexes, three times, and every round is printed.
    const parsed = corpusIssues().map((bytes, i) => ndjsonOf(bytes, `issue-${i}.txt`));
    const warmUp = await indexStraight(client, 'bench-warm-up', parsed);
    console.log(
      `  warm-up (untimed in the rounds): Meilisearch alone ${(warmUp / 1000).toFixed(2)} s on the new server`,
    );
    const rounds: Array<{ ingestMs: number; directMs: number }> = [];
    for (let round = 0; round < 3; round++) {
      const ingestMs = await ingestCommand(folder, dataDir, `bench-${round}`, meili.url, meili.masterKey);
      const directMs = await indexStraight(client, `bench-direct-${round}`, parsed);
      rounds.push({ ingestMs, directMs });
      console.log(
        `  round ${round + 1}: \`gazette ingest corpus/\` ${(ingestMs / 1000).toFixed(2)} s (process start included); Meilisearch alone ${(directMs / 1000).toFixed(2)} s for ${parsed.reduce((n, p) => n + p.records, 0)} records; ratio ${(ingestMs / directMs).toFixed(2)}× (target ≤ 2×)`,
      );
    }
    const ingestMs = rounds.at(-1)!.ingestMs;

    const options = ingestOptions(folder, dataDir, `bench-${rounds.length - 1}`);
    const tasksBefore = await tasksOf(client);
    const start = performance.now();
    const again = await runIngest(options);
    const againMs = performance.now() - start;
    const writes = (await tasksOf(client)) - tasksBefore;
    console.log(
      `ingest: re-ingest of the unchanged corpus: ${againMs.toFixed(0)} ms, ${((100 * againMs) / ingestMs).toFixed(1)} % of the first (target ≤ 5 %), ${writes} Meilisearch writes (target 0), statuses ${[...new Set(again.map((o) => o.status))].join(',')}`,
    );

    await scaleOut(issueCount, dataDir, meili.url, meili.masterKey, client);
  } finally {
    await removeQueues([`bench-${process.pid}`, `bench-cli-${process.pid}`, `bench-many-${process.pid}`]);
    await meili.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
    delete process.env.MEILI_URL;
    delete process.env.MEILI_MASTER_KEY;
  }
}

const cli = join(projectRoot, 'dist', 'cli', 'main.js');

/** `gazette ingest FOLDER` as a user runs it, a process of its own: milliseconds from spawn to exit. */
async function ingestCommand(
  folder: string,
  dataDir: string,
  prefix: string,
  url: string,
  key: string,
): Promise<number> {
  const env = { ...process.env, MEILI_URL: url, MEILI_MASTER_KEY: key };
  const args = [
    cli,
    'ingest',
    folder,
    '--data-dir',
    dataDir,
    '--index-prefix',
    prefix,
    '--queue',
    `bench-cli-${process.pid}`,
  ];
  const start = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`gazette ingest exited ${code}: ${log}`);
  return ms;
}

/** One issue's parsed records as NDJSON, as Meilisearch takes them. */
function ndjsonOf(bytes: Buffer, file: string): { ndjson: string; records: number } {
  const { records } = parseGazette(bytes, { file });
  return { ndjson: records.map((r) => JSON.stringify(r)).join('\n'), records: records.length };
}

/**
 * Meilisearch alone: a new index with the filterable and sortable attributes a search needs
 * (default searchable attributes), every issue's records added as they were parsed, one task
 * per issue, all enqueued at once. Milliseconds from the first add to the last task's end.
 */
async function indexStraight(client: Meilisearch, uid: string, issues: Iterable<{ ndjson: string }>): Promise<number> {
  await client.deleteIndex(uid).waitTask();
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask();
  const { filterableAttributes, sortableAttributes } = RECORD_INDEX_SETTINGS;
  await client
    .index(uid)
    .updateSettings({ filterableAttributes: [...filterableAttributes], sortableAttributes: [...sortableAttributes] })
    .waitTask();
  const start = performance.now();
  let last: Awaited<ReturnType<ReturnType<Meilisearch['index']>['addDocumentsFromString']>> | null = null;
  for (const issue of issues)
    last = await client.index(uid).addDocumentsFromString(issue.ndjson, 'application/x-ndjson', { primaryKey: 'id' });
  const task = await client.tasks.waitForTask(last!.taskUid, { timeout: 3_600_000, interval: 25 });
  const ms = performance.now() - start;
  if (task.status !== 'succeeded') throw new Error(`direct indexing failed: ${task.error?.message}`);
  const failed = await client.tasks.getTasks({
    indexUids: [uid],
    types: ['documentAdditionOrUpdate'],
    statuses: ['failed'],
    limit: 1,
  });
  if (failed.results.length) throw new Error(`direct indexing failed: ${failed.results[0]!.error?.message}`);
  await client.deleteIndex(uid).waitTask({ timeout: 600_000 });
  return ms;
}

function ingestOptions(folder: string, dataDir: string, prefix: string) {
  return {
    paths: [folder],
    dataDir,
    names: indexNames(prefix),
    redisUrl: redisUrl(),
    queueName: `bench-${process.pid}`,
    requireQueue: false,
    concurrency: 2,
    reporter: silent,
  };
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

/**
 * `count` distinct issues queued, processed by two worker processes, then the same parsed
 * records indexed by Meilisearch alone; records/s per hundred issues as they finish.
 */
async function scaleOut(count: number, dataDir: string, url: string, key: string, client: Meilisearch): Promise<void> {
  console.log(
    `\ningest: ${count} distinct issues through 2 worker processes (concurrency 1 each), side by side with Meilisearch alone`,
  );
  const folder = join(dataDir, 'many');
  const parsedFolder = join(dataDir, 'many-parsed');
  mkdirSync(folder);
  mkdirSync(parsedFolder);
  // Parsed before anything is timed, for Meilisearch alone.
  for (const issue of shiftedIssues(count)) {
    writeFileSync(join(folder, issue.name), issue.bytes);
    writeFileSync(join(parsedFolder, `${issue.name}.ndjson`), ndjsonOf(issue.bytes, issue.name).ndjson);
  }
  const queue = `bench-many-${process.pid}`;
  const prefix = 'bench-many';
  const names = indexNames(prefix);
  const env = { ...process.env, MEILI_URL: url, MEILI_MASTER_KEY: key };
  const common = ['--queue', queue, '--data-dir', dataDir, '--index-prefix', prefix];
  const workers: Array<ChildProcess & { log: string }> = [0, 1].map(() => {
    const child = spawn(process.execPath, [cli, 'worker', '--concurrency', '1', ...common], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    }) as ChildProcess & { log: string };
    child.log = '';
    child.stderr!.on('data', (chunk) => (child.log += chunk));
    return child;
  });
  const peaks = workers.map(() => 0);
  const samplePeaks = () => {
    for (const [i, w] of workers.entries()) peaks[i] = Math.max(peaks[i]!, peakRss(w.pid!));
  };
  const sampler = setInterval(samplePeaks, 200);
  const startedAt = new Date();
  const start = performance.now();
  // Each issue as it finishes: when, and its records.
  const finished: Array<{ at: number; records: number }> = [];
  const reporter: IngestReporter = {
    ...silent,
    finished: (o) => {
      finished.push({ at: performance.now(), records: o.result?.records ?? 0 });
      if (finished.length % 100 === 0) {
        const block = finished.slice(-100);
        const since = finished.length > 100 ? finished[finished.length - 101]!.at : start;
        console.log(
          `    ${finished.length} issues done at ${((performance.now() - start) / 1000).toFixed(1)} s: ${(block.reduce((n, f) => n + f.records, 0) / ((block.at(-1)!.at - since) / 1000)).toFixed(0)} records/s over the last hundred`,
        );
      }
    },
  };
  const outcomes = await runIngest({
    paths: [folder],
    dataDir,
    names,
    redisUrl: redisUrl(),
    queueName: queue,
    requireQueue: true,
    concurrency: 0,
    reporter,
  });
  const ms = performance.now() - start;
  clearInterval(sampler);
  samplePeaks();
  for (const w of workers) w.kill('SIGTERM');
  await Promise.all(
    workers.map((w) => new Promise((resolve) => (w.exitCode === null ? w.once('exit', resolve) : resolve(null)))),
  );
  const failed = outcomes.filter((o: IssueOutcome) => o.status === 'failed');
  const records = outcomes.reduce((n, o) => n + (o.result?.records ?? 0), 0);
  const stalled = workers.reduce((n, w) => n + (w.log.match(/stalled; it will run again/g)?.length ?? 0), 0);
  const stats = await client.index(names.records).getStats();
  // Every batch of the ingest's (records, deletions, issues, settings): all of it is its work.
  const busy = await busyOn(client, [names.records, names.issues], startedAt);
  console.log(
    `  ${outcomes.length - failed.length}/${count} issues indexed in ${(ms / 1000).toFixed(1)} s: ${(count / (ms / 1000)).toFixed(2)} issues/s, ${(records / (ms / 1000)).toFixed(0)} records/s; index holds ${stats.numberOfDocuments} records; Meilisearch busy ${busy.seconds.toFixed(1)} s in ${busy.batches} batches`,
  );
  console.log(`  Meilisearch's time went to: ${topSteps(busy.steps, 8)}`);
  const perHundred: string[] = [];
  let from = start;
  for (let i = 0; i < finished.length; i += 100) {
    const block = finished.slice(i, i + 100);
    const until = block.at(-1)!.at;
    perHundred.push(
      `${i + 1}–${i + block.length}: ${(block.reduce((n, f) => n + f.records, 0) / ((until - from) / 1000)).toFixed(0)}`,
    );
    from = until;
  }
  console.log(`  records/s per hundred issues, in the order they finished: ${perHundred.join(', ')}`);
  console.log(
    `  peak worker memory (RSS): ${peaks.map((p) => `${(p / 1024).toFixed(0)} MB`).join(', ')} (target ≤ 512 MB)`,
  );
  console.log(`  stalled jobs: ${stalled} (target 0)`);
  if (failed.length)
    console.log(
      `  failed: ${failed.length}: ${failed
        .slice(0, 5)
        .map((o) => `${o.file}: ${o.reason}`)
        .join('; ')}`,
    );
  const issues = readdirSync(parsedFolder)
    .sort()
    .map((name) => ({
      get ndjson() {
        return readFileSync(join(parsedFolder, name), 'utf8');
      },
    }));
  const directAt = new Date();
  const directMs = await indexStraight(client, 'bench-many-direct', issues);
  const directBusy = await busyOn(client, ['bench-many-direct'], directAt, ['documentAdditionOrUpdate']);
  console.log(
    `  Meilisearch alone, the same ${records} parsed records: ${(directMs / 1000).toFixed(1)} s, ${(records / (directMs / 1000)).toFixed(0)} records/s (busy ${directBusy.seconds.toFixed(1)} s in ${directBusy.batches} batches); ratio ${(ms / directMs).toFixed(2)}× (target ≤ 1.3×)`,
  );
  console.log(`  Meilisearch alone, its time went to: ${topSteps(directBusy.steps, 8)}`);
}

/** Seconds of an ISO 8601 duration as Meilisearch writes a batch's (`PT1.234S`, `PT2M3.5S`). */
function durationSeconds(iso: string | null): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso ?? '');
  return match ? Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0) : 0;
}

/** Milliseconds of a progress trace's duration (`1.23s`, `456.78ms`, `12µs`). */
function msOf(took: string): number {
  const match = /^([\d.]+)(s|ms|µs|ns)$/.exec(took);
  if (!match) return 0;
  return Number(match[1]) * { s: 1000, ms: 1, µs: 1e-3, ns: 1e-6 }[match[2] as 's' | 'ms' | 'µs' | 'ns'];
}

/** The steps that took most, as `step 1.2 s` pieces. */
function topSteps(steps: Map<string, number>, count: number): string {
  return [...steps]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([step, ms]) => `${step.split(' > ').at(-1)} ${(ms / 1000).toFixed(1)} s`)
    .join('; ');
}

/**
 * How long Meilisearch spent on the batches that wrote `uids` and started after `since`, and
 * how many: beside the wall time, whether Meilisearch was the bottleneck or waited for work.
 */
async function busyOn(
  client: Meilisearch,
  uids: string[],
  since: Date,
  types?: TaskType[],
): Promise<{ seconds: number; batches: number; steps: Map<string, number> }> {
  let seconds = 0;
  let batches = 0;
  // Time per step of Meilisearch's progress trace, summed over the batches (its third level: what indexing did).
  const steps = new Map<string, number>();
  let from: number | null = null;
  for (;;) {
    const page = await client.batches.getBatches({
      indexUids: uids,
      afterStartedAt: since.toISOString(),
      limit: 1000,
      ...(types ? { types } : {}),
      ...(from === null ? {} : { from }),
    });
    for (const batch of page.results) {
      seconds += durationSeconds(batch.duration);
      batches++;
      for (const [step, took] of Object.entries(batch.stats.progressTrace ?? {})) {
        if (step.split(' > ').length === 3) steps.set(step, (steps.get(step) ?? 0) + msOf(String(took)));
      }
    }
    if (page.next === null || page.next === undefined) return { seconds, batches, steps };
    from = page.next;
  }
}

/** Peak resident set size of a process so far, in kB (VmHWM), or 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
