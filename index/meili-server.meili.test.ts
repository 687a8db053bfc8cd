import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { connectSearch } from './connect.js';
import { isAlive, meiliFiles, readServerRecord, type ServerRecord } from './meili-files.js';
import { EmbeddedMeili } from './meili-server.js';

/*
 * The embedded server's lifecycle with real processes: clients attach and detach in any order,
 * Meilisearch and its supervisor are killed, and nothing is left running at the end.
 */

const root = join(import.meta.dirname, '..');
const CLIENT = join(root, 'tests', 'helpers', 'meili-client-process.ts');
const IDLE_MS = 1000;
const dataDirs: string[] = [];
const clients: ChildProcess[] = [];

afterAll(async () => {
  for (const child of clients) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dataDir of dataDirs) {
    const record = readServerRecord(meiliFiles(dataDir));
    for (const pid of [record?.supervisorPid, record?.meiliPid]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function freshDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'gazette-embedded-'));
  dataDirs.push(dataDir);
  return dataDir;
}

interface Client {
  pid: number;
  url: string;
  child: ChildProcess;
  /** Sends a command and resolves with the process's answer. */
  ask(command: 'request' | 'ready' | 'close'): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string | null>;
}

/** Starts a process that attaches to the data directory's server, with Redis credentials in its environment. */
async function startClient(dataDir: string, options: { detached?: boolean } = {}): Promise<Client> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, dataDir], {
    cwd: root,
    detached: options.detached ?? false,
    env: { ...process.env, GAZETTE_MEILI_IDLE_MS: String(IDLE_MS), REDIS_URL: 'redis://gazette:s3cret@127.0.0.1:6379' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  clients.push(child);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const answers: Array<(answer: Record<string, unknown>) => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) =>
    answers.shift()?.(JSON.parse(line) as Record<string, unknown>),
  );
  const next = () => new Promise<Record<string, unknown>>((resolve) => answers.push(resolve));
  const hello = await Promise.race([next(), exited.then((code) => ({ exited: code }))]);
  if (!('url' in hello)) throw new Error(`the client did not attach: ${JSON.stringify(hello)}`);
  return {
    pid: hello.pid as number,
    url: hello.url as string,
    child,
    exited,
    ask: (command) => {
      const answer = next();
      child.stdin!.write(`${command}\n`);
      return answer;
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

function running(dataDir: string): ServerRecord & { supervisorPid: number; meiliPid: number } {
  const record = readServerRecord(meiliFiles(dataDir));
  if (!record?.supervisorPid || !record.meiliPid)
    throw new Error(`no server runs for ${dataDir}: ${JSON.stringify(record)}`);
  return record as ServerRecord & { supervisorPid: number; meiliPid: number };
}

/** Waits until the supervisor and Meilisearch of a data directory have exited; returns how long that took. */
async function allGone(record: { supervisorPid: number; meiliPid: number }, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await until(
    () => !isAlive(record.supervisorPid) && !isAlive(record.meiliPid),
    timeoutMs,
    'the supervisor and Meilisearch to exit',
  );
  return Date.now() - started;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('EmbeddedMeili', () => {
  it('should keep serving a second process after the process that started the server exits', async () => {
    const dataDir = freshDataDir();
    // Both start at once: one supervisor is elected, and both attach to its server.
    const [first, second] = await Promise.all([startClient(dataDir), startClient(dataDir)]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(second.url).toBe(first.url);
    expect(readFileSync(meiliFiles(dataDir).log, 'utf8').match(/supervisor \d+: owns /g)).toHaveLength(1);
    // The first one, which spawned the supervisor, detaches and exits by running out of work.
    expect(await first.ask('close')).toEqual({ closed: true });
    expect(await first.exited).toBe(0);
    await sleep(IDLE_MS + 500); // longer than the supervisor would wait with no client
    expect(await second.ask('request')).toEqual({ status: 200 });
    // An anonymous request is refused: the master key is required.
    expect((await fetch(`${second.url}/indexes`)).status).toBe(401);
    const record = running(dataDir);
    await second.ask('close');
    expect(await second.exited).toBe(0);
    // No process is left behind: both stop a moment after the last client detached.
    const took = await allGone(record, 12_000);
    expect(took).toBeLessThan(IDLE_MS + 10_000);
    expect(readServerRecord(meiliFiles(dataDir))).toMatchObject({
      supervisorPid: null,
      meiliPid: null,
      port: record.port,
    });
  }, 40_000);

  it('should restart a Meilisearch killed with SIGKILL on the same port, with its data, and answer the next request', async () => {
    const dataDir = freshDataDir();
    const client = await startClient(dataDir);
    const key = readFileSync(meiliFiles(dataDir).key, 'utf8').trim();
    const created = await fetch(`${client.url}/indexes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ uid: 'kept' }),
    });
    expect(created.status).toBe(202);
    await sleep(300);
    const before = running(dataDir);
    process.kill(before.meiliPid, 'SIGKILL');
    const killedAt = Date.now();
    // Not merely another pid: the record says null between the old one's exit and the new one's start.
    await until(
      () => ![null, undefined, before.meiliPid].includes(readServerRecord(meiliFiles(dataDir))?.meiliPid),
      10_000,
      'a new Meilisearch',
    );
    expect(await client.ask('ready')).toEqual({ ready: true });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(await client.ask('request')).toEqual({ status: 200 });
    const after = running(dataDir);
    expect(after.port).toBe(before.port);
    expect(after.supervisorPid).toBe(before.supervisorPid);
    const indexes = (await (
      await fetch(`${client.url}/indexes`, { headers: { Authorization: `Bearer ${key}` } })
    ).json()) as { results: Array<{ uid: string }> };
    expect(indexes.results.map((i) => i.uid)).toContain('kept');
    await client.ask('close');
    await allGone(after, 12_000);
  }, 40_000);

  it('should attach again when the supervisor is killed, stopping the Meilisearch it left running', async () => {
    const dataDir = freshDataDir();
    const client = await startClient(dataDir);
    const before = running(dataDir);
    process.kill(before.supervisorPid, 'SIGKILL');
    await until(
      () =>
        (readServerRecord(meiliFiles(dataDir))?.supervisorPid ?? before.supervisorPid) !== before.supervisorPid &&
        readServerRecord(meiliFiles(dataDir))?.meiliPid !== null,
      15_000,
      'a new supervisor',
    );
    expect(await client.ask('ready')).toEqual({ ready: true });
    expect(await client.ask('request')).toEqual({ status: 200 });
    const after = running(dataDir);
    expect(after.port).toBe(before.port);
    expect(isAlive(before.meiliPid)).toBe(false); // the orphan was stopped, not left beside the new one
    await client.ask('close');
    await allGone(after, 12_000);
  }, 40_000);

  it('should run Meilisearch with nothing but its key in its environment, owner-only files and a quiet log', async () => {
    const dataDir = join(freshDataDir(), 'created'); // a data directory that does not exist yet
    dataDirs.unshift(dataDir);
    const client = await startClient(dataDir);
    const record = running(dataDir);
    const environment = readFileSync(`/proc/${record.meiliPid}/environ`, 'utf8').split('\0').filter(Boolean);
    expect(environment.map((entry) => entry.split('=')[0]).sort()).toEqual(['MEILI_MASTER_KEY', 'MEILI_NO_ANALYTICS']);
    expect(readFileSync(`/proc/${record.supervisorPid}/environ`, 'utf8')).not.toContain('s3cret');
    const files = meiliFiles(dataDir);
    const key = readFileSync(files.key, 'utf8').trim();
    const search = await fetch(`${client.url}/multi-search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ queries: [] }),
    });
    expect(search.ok).toBe(true);
    // A refused request would be logged at WARN with what was refused.
    const refused = await fetch(`${client.url}/indexes?limit=1&secretQuery=findme`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(refused.status).toBe(400);
    await sleep(300);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(files.folder)).toBe(0o700);
    expect(mode(files.key)).toBe(0o600);
    expect(mode(files.serverFile)).toBe(0o600);
    expect(mode(files.log)).toBe(0o600);
    expect(mode(files.db)).toBe(0o700);
    for (const name of readdirSync(join(files.db, 'tasks'))) expect(mode(join(files.db, 'tasks', name))).toBe(0o600);
    const log = readFileSync(files.log, 'utf8');
    expect(log).not.toMatch(/HTTP request|secretQuery|findme|multi-search/);
    expect(log).toContain(
      `supervisor ${record.supervisorPid}: Meilisearch ${record.meiliPid} answers on ${record.url}`,
    );
    await client.ask('close');
    await allGone(record, 12_000);
  }, 40_000);

  it("should keep the server of a client that a terminal's Ctrl-C reached twice, and leave nothing behind", async () => {
    const dataDir = freshDataDir();
    // `gazette serve` starts the server, in a process group of its own as a terminal runs it;
    // Ctrl-C signals that whole group.
    const serve = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'cli', 'main.ts'), 'serve', '--port', '0', '--data-dir', dataDir],
      {
        cwd: root,
        detached: true,
        env: { ...process.env, GAZETTE_MEILI_IDLE_MS: String(IDLE_MS), MEILI_URL: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    clients.push(serve);
    let output = '';
    serve.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => serve.once('exit', (code, signal) => resolve(signal ?? code)));
    await until(() => output.includes('serving the search page'), 20_000, `gazette serve to listen (${output})`);
    const other = await startClient(dataDir);
    const record = running(dataDir);
    process.kill(-serve.pid!, 'SIGINT');
    process.kill(-serve.pid!, 'SIGINT');
    expect(await Promise.race([exited, sleep(5_000).then(() => 'still running')])).not.toBe('still running');
    // The signals reached neither the supervisor nor Meilisearch: the other client is still served.
    await sleep(IDLE_MS + 500);
    expect(running(dataDir).meiliPid).toBe(record.meiliPid);
    expect(await other.ask('request')).toEqual({ status: 200 });
    await other.ask('close');
    await allGone(record, 12_000);
  }, 40_000);

  it('should fail at once, with the reason, when Meilisearch cannot start, and leave nothing running', async () => {
    const dataDir = freshDataDir();
    const files = meiliFiles(dataDir);
    mkdirSync(files.folder, { recursive: true });
    writeFileSync(files.db, 'not a database folder');
    const idle = process.env.GAZETTE_MEILI_IDLE_MS;
    process.env.GAZETTE_MEILI_IDLE_MS = String(IDLE_MS);
    const started = Date.now();
    try {
      await expect(EmbeddedMeili.open(dataDir)).rejects.toThrow(
        `${files.folder}: the embedded Meilisearch did not start: Meilisearch exited at start (code 1); see ${files.log}`,
      );
    } finally {
      if (idle === undefined) delete process.env.GAZETTE_MEILI_IDLE_MS;
      else process.env.GAZETTE_MEILI_IDLE_MS = idle;
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    const supervisor = Number(/supervisor (\d+): owns /.exec(readFileSync(files.log, 'utf8'))![1]);
    await until(() => !isAlive(supervisor), 10_000, 'the supervisor to exit');
  }, 30_000);

  it('should start nothing when MEILI_URL names a server', async () => {
    const dataDir = freshDataDir();
    const connection = await connectSearch({
      dataDir,
      env: { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'k' },
    });
    expect(connection.embedded).toBeNull();
    expect(connection.url).toBe('http://127.0.0.1:9');
    await connection.close();
    expect(readServerRecord(meiliFiles(dataDir))).toBeNull();
  });
});
