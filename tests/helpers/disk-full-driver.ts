/*
 * The disk-full fault, run inside a private mount namespace whose data directory is a small
 * tmpfs (see index/embedded-faults.redis.test.ts): first `gazette ingest` of the corpus with
 * only 10 MB free (refused before it starts); then with room, the disk filled up as soon as the
 * first issue is parsed and enriched (its writes about to go), until the jobs' failures (as `gazette jobs` shows them) name it; then
 * the space freed, and the same ingest left to finish by retrying. Prints one JSON line: the
 * runs (exit code, output, milliseconds from the summary to the exit), the failure reasons seen,
 * and the index's records as id → content hash.
 * Usage: node --import tsx disk-full-driver.ts MOUNT QUEUE INDEX_PREFIX
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { meiliClient } from '../../index/meili-client.js';
import { meiliFiles, readOrCreateKey, readServerRecord } from '../../index/meili-files.js';
import { CORPUS_FILES, indexedHashes, root } from './ingest-setup.js';

const [mount, queue, prefix] = process.argv.slice(2) as [string, string, string];
const dataDir = join(mount, 'data');
const filler = join(mount, 'filler');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the summary's last line on stdout to the exit. */
  exitAfterSummaryMs: number | null;
  ms: number;
}

function ingest(): Promise<Run> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'cli', 'main.ts'),
      'ingest',
      ...CORPUS_FILES,
      '--data-dir',
      dataDir,
      '--queue',
      queue,
      '--index-prefix',
      prefix,
      '--concurrency',
      '5',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  let summaryAt: number | null = null;
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    if (/^total /m.test(stdout)) summaryAt ??= Date.now();
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) =>
    child.once('exit', (code) =>
      resolve({
        code,
        stdout,
        stderr,
        exitAfterSummaryMs: summaryAt === null ? null : Date.now() - summaryAt,
        ms: Date.now() - started,
      }),
    ),
  );
}

/** Writes zeros until the file system has no more than `leave` bytes free. */
function fillDisk(leave = 0): void {
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1024 * 1024);
  const free = () => statfsSync(mount).bavail * statfsSync(mount).bsize;
  try {
    while (free() > leave) writeSync(fd, chunk.subarray(0, Math.min(chunk.length, Math.max(4096, free() - leave))));
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
}

fillDisk(10 * 1024 * 1024);
const refused = await ingest();
rmSync(filler, { force: true });
const connection = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const queued = new Queue(queue, { connection });
const running = ingest();
// The disk fills up as soon as a job reaches the index stage (parsed and enriched, its writes
// about to go to Meilisearch), as its progress in Redis says: the writes of the run meet it.
for (let filled = false; !filled; await sleep(50)) {
  for (const job of await queued.getJobs(['active', 'completed']))
    if ((job.progress as { stage?: string } | undefined)?.stage === 'index' || job.finishedOn) filled = true;
  if (filled) fillDisk();
}
// Wait until the jobs' failures name the full disk, then free it: the retries finish the ingest.
const reasons = new Set<string>();
for (const deadline = Date.now() + 60_000; Date.now() < deadline && reasons.size === 0; await sleep(100)) {
  for (const job of await queued.getJobs(['delayed', 'failed', 'waiting', 'active']))
    if (job.failedReason) reasons.add(job.failedReason);
}
rmSync(filler, { force: true });
const full = await running;
await queued.close();
await connection.quit();
const files = meiliFiles(dataDir);
const record = readServerRecord(files);
const client = meiliClient(record!.url, readOrCreateKey(files.key));
const hashes = await indexedHashes(client, `${prefix}-records`);
process.stdout.write(
  `${JSON.stringify({ refused, reasons: [...reasons], full, hashes: Object.fromEntries(hashes) })}\n`,
);
