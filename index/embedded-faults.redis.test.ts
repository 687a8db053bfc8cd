import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareIssue } from '../ingest/prepare-issue.js';
import { CORPUS_FILES, corpusBytes, indexedHashes, root } from '../tests/helpers/ingest-setup.js';
import { isAlive, meiliFiles, readServerRecord } from './meili-files.js';
import { meiliClient } from './meili-client.js';
import { EmbeddedMeili } from './meili-server.js';

/*
 * The faults of the embedded server, with `gazette` commands as real processes sharing one data
 * directory and its embedded Meilisearch: two ingests and a serve started and ended in turn,
 * Meilisearch killed mid-ingest, the disk filling up mid-ingest. Each ends with the index equal
 * to a clean run (ids and content hashes), and no command waits long after its work is done.
 */

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const IDLE_MS = '1000';
const queues: string[] = [];
const folders: string[] = [];
const children: ChildProcess[] = [];
let clean: Record<string, string>;

beforeAll(async () => {
  clean = {};
  for (const file of CORPUS_FILES) {
    for (const d of (await prepareIssue(corpusBytes(file), join(root, file))).documents) clean[d.id] = d.contentHash;
  }
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  for (const name of queues) await new Queue(name, { connection }).obliterate({ force: true });
  await connection.quit();
  for (const folder of folders) {
    const record = readServerRecord(meiliFiles(join(folder, 'data')));
    for (const pid of [record?.supervisorPid, record?.meiliPid]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  }
});

/** A fresh folder (holding `data/`), queue and index prefix. */
function setting(label: string): { folder: string; dataDir: string; queue: string; prefix: string } {
  const folder = mkdtempSync(join(tmpdir(), `gazette-${label}-`));
  const id = `${label}-${folder.slice(-6).toLowerCase()}`;
  folders.push(folder);
  queues.push(`test-${id}`);
  return { folder, dataDir: join(folder, 'data'), queue: `test-${id}`, prefix: `test-${id}` };
}

interface Command {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code, and how long after the summary's last line it came. */
  exited: Promise<{ code: number | null; afterSummaryMs: number | null }>;
}

function gazette(args: string[]): Command {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, REDIS_URL, GAZETTE_MEILI_IDLE_MS: IDLE_MS, MEILI_URL: '', MEILI_MASTER_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let summaryAt: number | null = null;
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    if (/^total /m.test(stdout)) summaryAt ??= Date.now();
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; afterSummaryMs: number | null }>((resolve) =>
    child.once('exit', (code) => resolve({ code, afterSummaryMs: summaryAt === null ? null : Date.now() - summaryAt })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

function ingest(where: ReturnType<typeof setting>, files: string[]): Command {
  return gazette([
    'ingest',
    ...files,
    '--data-dir',
    where.dataDir,
    '--queue',
    where.queue,
    '--index-prefix',
    where.prefix,
    '--concurrency',
    '1',
  ]);
}

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(25);
  }
}

/** The records the data directory's index holds, as id → content hash. */
async function indexed(where: ReturnType<typeof setting>): Promise<Record<string, string>> {
  const meili = await EmbeddedMeili.open(where.dataDir);
  try {
    return Object.fromEntries(await indexedHashes(meiliClient(meili.url, meili.masterKey), `${where.prefix}-records`));
  } finally {
    await meili.close();
  }
}

describe('the embedded Meilisearch under faults', () => {
  it('should let two ingests and a serve share one data directory, each ending in turn, with one consistent index', async () => {
    const where = setting('shared-meili');
    const first = ingest(where, CORPUS_FILES.slice(0, 2));
    await until(
      () => /issue\(s\) to check/.test(first.stderr()),
      30_000,
      () => `the first ingest to attach: ${first.stderr()}`,
    );
    const serve = gazette(['serve', '--port', '0', '--data-dir', where.dataDir, '--index-prefix', where.prefix]);
    await until(
      () => /serving the search page and API on (\S+)/.test(serve.stderr()),
      30_000,
      () => `serve to listen: ${serve.stderr()}`,
    );
    const api = /serving the search page and API on (\S+)/.exec(serve.stderr())![1]!;
    const second = ingest(where, CORPUS_FILES.slice(1));
    // The ingest that started the server ends first; the others keep it.
    expect(await first.exited).toMatchObject({ code: 0 });
    await sleep(Number(IDLE_MS) + 500);
    expect((await fetch(`${api}/api/health`)).status).toBe(200);
    const midway = (await (await fetch(`${api}/api/search?q=${encodeURIComponent('通知')}`)).json()) as {
      total: number;
    };
    expect(midway.total).toBeGreaterThan(0);
    expect(await second.exited).toMatchObject({ code: 0 });
    expect(await indexed(where)).toEqual(clean);
    expect((await fetch(`${api}/api/health`)).status).toBe(200);
    const record = readServerRecord(meiliFiles(where.dataDir))!;
    serve.child.kill('SIGTERM');
    expect((await serve.exited).code).toBe(0);
    const deadline = Date.now() + 15_000;
    while ((isAlive(record.supervisorPid!) || isAlive(record.meiliPid!)) && Date.now() < deadline) await sleep(50);
    expect([isAlive(record.supervisorPid!), isAlive(record.meiliPid!)]).toEqual([false, false]);
  }, 90_000);

  it('should restart a Meilisearch killed mid-ingest, finish the ingest equal to a clean run, and keep other commands waiting only briefly', async () => {
    const where = setting('killed');
    const run = ingest(where, CORPUS_FILES);
    await until(
      () => / records \(/.test(run.stderr()),
      60_000,
      () => `the first issue: ${run.stderr()}`,
    );
    const killed = readServerRecord(meiliFiles(where.dataDir))!;
    process.kill(killed.meiliPid!, 'SIGKILL');
    const searchStarted = Date.now();
    const search = gazette([
      'search',
      '通知',
      '--json',
      '--limit',
      '1',
      '--data-dir',
      where.dataDir,
      '--index-prefix',
      where.prefix,
    ]);
    expect((await search.exited).code).toBe(0);
    expect(Date.now() - searchStarted).toBeLessThan(15_000);
    const done = await run.exited;
    expect(done.code).toBe(0);
    expect(run.stdout()).toMatch(/^total +ok /m);
    expect(done.afterSummaryMs).toBeLessThan(5_000);
    expect(run.stderr()).not.toContain('MaxListenersExceededWarning');
    const restarted = readServerRecord(meiliFiles(where.dataDir))!;
    expect(restarted.port).toBe(killed.port);
    expect(await indexed(where)).toEqual(clean);
  }, 120_000);

  const canMount =
    spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], {
      stdio: 'ignore',
    }).status === 0;

  it.skipIf(!canMount)(
    'should refuse an ingest that cannot fit, name a disk that fills up mid-ingest, and finish by retrying once space is freed',
    async () => {
      const where = setting('disk-full');
      // A tmpfs of 200 MB for the data directory, in a mount namespace of its own.
      const driver = spawn(
        'unshare',
        [
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount -t tmpfs -o size=200m tmpfs "$1" && exec "$2" --import tsx "$3" "$1" "$4" "$5"',
          'sh',
          where.folder,
          process.execPath,
          join(root, 'tests', 'helpers', 'disk-full-driver.ts'),
          where.queue,
          where.prefix,
        ],
        {
          cwd: root,
          env: { ...process.env, REDIS_URL, GAZETTE_MEILI_IDLE_MS: IDLE_MS, MEILI_URL: '', MEILI_MASTER_KEY: '' },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      children.push(driver);
      let output = '';
      driver.stdout!.on('data', (chunk) => (output += chunk));
      expect(await new Promise((resolve) => driver.once('exit', resolve))).toBe(0);
      const report = JSON.parse(output) as {
        refused: { code: number; stderr: string };
        reasons: string[];
        full: { code: number; stdout: string; stderr: string; exitAfterSummaryMs: number };
        hashes: Record<string, string>;
      };
      const dataDir = join(where.folder, 'data');
      // Checked before it starts: refused with what there is and what it needs.
      expect(report.refused.code).toBe(1);
      expect(report.refused.stderr).toMatch(
        new RegExp(
          `^gazette: not enough space in ${dataDir}: .+ free, but .+ of input needs at least .+ \\(archive and search index\\)`,
          'm',
        ),
      );
      // Filled mid-ingest: the jobs' failures say so, with the folder, whatever Meilisearch called it.
      expect(report.reasons.length).toBeGreaterThan(0);
      for (const reason of report.reasons)
        expect(reason).toMatch(new RegExp(`^no space left on device: ${join(dataDir, 'meili', 'db')} has .+ free \\(`));
      // Space freed: the retries finish the ingest, equal to a clean run; nothing hangs or floods stderr.
      expect(report.full.code).toBe(0);
      expect(report.full.stdout).toMatch(/^total +ok /m);
      expect(report.full.exitAfterSummaryMs).toBeLessThan(5_000);
      expect(report.full.stderr).not.toContain('MaxListenersExceededWarning');
      expect(report.hashes).toEqual(clean);
    },
    90_000,
  );
});
