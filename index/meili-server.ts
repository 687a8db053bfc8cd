import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SearchServerError } from './errors.js';
import { verifiedMeiliBinary } from './meili-binary.js';

/** What the process that owns the embedded server writes to `meili/server.json`. */
interface ServerFile {
  ownerPid: number;
  meiliPid: number | null;
  url: string;
}

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * The embedded Meilisearch: one server per data directory, on a free loopback port, with its
 * own database folder and a generated master key kept with owner-only permissions. The first
 * process to need it starts it and stops it on `close()`; other processes using the same data
 * directory meanwhile attach to it through `meili/server.json`.
 */
export class EmbeddedMeili {
  private closed = false;

  private constructor(
    readonly url: string,
    readonly masterKey: string,
    private readonly folder: string,
    /** The server's pid when this process owns it (started or adopted it), else null. */
    private readonly ownedPid: number | null,
  ) {}

  /** Whether this process owns the server (and so stops it). */
  get owned(): boolean {
    return this.ownedPid !== null;
  }

  /**
   * Attaches to the data directory's running server, or starts one.
   * @param dataDir the project's data directory; the server uses `<dataDir>/meili`
   */
  static async open(dataDir: string): Promise<EmbeddedMeili> {
    const folder = join(dataDir, 'meili');
    mkdirSync(folder, { recursive: true });
    const masterKey = readOrCreateKey(join(folder, 'master-key'));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const running = readServerFile(folder);
      if (running) {
        if (await isHealthy(running.url)) {
          // A server whose owner died is adopted: we stop it when we are done.
          if (!isAlive(running.ownerPid)) return EmbeddedMeili.adopt(folder, masterKey, running);
          return new EmbeddedMeili(running.url, masterKey, folder, null);
        }
        if (isAlive(running.ownerPid)) {
          await sleep(200); // another process is starting it
          continue;
        }
        if (running.meiliPid && isAlive(running.meiliPid)) process.kill(running.meiliPid, 'SIGKILL');
        removeServerFile(folder);
        continue;
      }
      const started = await EmbeddedMeili.tryStart(folder, masterKey);
      if (started) return started;
    }
    throw new SearchServerError(`${folder}: the embedded Meilisearch did not become healthy within ${START_TIMEOUT_MS / 1000} s`);
  }

  private static adopt(folder: string, masterKey: string, running: ServerFile): EmbeddedMeili {
    writeFileSync(join(folder, 'server.json'), JSON.stringify({ ...running, ownerPid: process.pid }));
    return new EmbeddedMeili(running.url, masterKey, folder, running.meiliPid);
  }

  /** Starts the server unless another process claimed the folder first; null when it did. */
  private static async tryStart(folder: string, masterKey: string): Promise<EmbeddedMeili | null> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let claim: number;
    try {
      claim = openSync(join(folder, 'server.json'), 'wx', 0o600);
    } catch {
      return null; // someone else is starting it: loop and attach
    }
    writeFileSync(claim, JSON.stringify({ ownerPid: process.pid, meiliPid: null, url } satisfies ServerFile));
    closeSync(claim);
    try {
      const binary = await verifiedMeiliBinary();
      const log = openSync(join(folder, 'meili.log'), 'a');
      const child = spawn(
        binary,
        ['--db-path', join(folder, 'db'), '--dump-dir', join(folder, 'dumps'), '--http-addr', `127.0.0.1:${port}`, '--env', 'production', '--no-analytics'],
        { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', log, log] },
      );
      closeSync(log);
      writeFileSync(join(folder, 'server.json'), JSON.stringify({ ownerPid: process.pid, meiliPid: child.pid ?? null, url } satisfies ServerFile));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (!(await isHealthy(url))) {
        const code = await Promise.race([exited, sleep(100).then(() => undefined)]);
        if (code !== undefined) throw new SearchServerError(`Meilisearch exited with code ${code} at start; see ${join(folder, 'meili.log')}`);
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new SearchServerError(`Meilisearch did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s; see ${join(folder, 'meili.log')}`);
        }
      }
      return new EmbeddedMeili(url, masterKey, folder, child.pid ?? null);
    } catch (error) {
      removeServerFile(folder);
      throw error;
    }
  }

  /** Stops the server if this process owns it (SIGTERM, then SIGKILL after 10 s). Idempotent. */
  async close(): Promise<void> {
    if (this.closed || this.ownedPid === null) return;
    this.closed = true;
    const pid = this.ownedPid;
    if (isAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (isAlive(pid) && Date.now() < deadline) await sleep(50);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    const running = readServerFile(this.folder);
    if (running?.ownerPid === process.pid) removeServerFile(this.folder);
  }
}

function readOrCreateKey(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    const key = randomBytes(32).toString('hex');
    try {
      writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch {
      return readFileSync(path, 'utf8').trim(); // written by a concurrent process
    }
  }
}

function readServerFile(folder: string): ServerFile | null {
  try {
    return JSON.parse(readFileSync(join(folder, 'server.json'), 'utf8')) as ServerFile;
  } catch {
    return null;
  }
}

function removeServerFile(folder: string): void {
  try {
    unlinkSync(join(folder, 'server.json'));
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A child that exited but was not yet reaped still answers kill(0).
function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
