import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BoundedLog } from './bounded-log.js';
import { SearchServerError } from './errors.js';
import { type MeiliFiles, commandLine, isAlive } from './meili-files.js';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** What Meilisearch is started with. */
export interface MeiliLaunch {
  /** The verified binary. */
  binary: string;
  files: MeiliFiles;
  port: number;
  masterKey: string;
  /** Where its output goes. */
  log: BoundedLog;
}

/**
 * The whole environment Meilisearch gets: its master key and no analytics. Nothing of ours
 * (Redis URL and credentials, `MEILI_*` settings meant for other servers) reaches it.
 */
export function meiliEnvironment(masterKey: string): NodeJS.ProcessEnv {
  return { MEILI_MASTER_KEY: masterKey, MEILI_NO_ANALYTICS: 'true' };
}

/**
 * The arguments: loopback only, production mode, errors only (Meilisearch logs every request at
 * INFO and every refused one at WARN, with what it refused: parameters, filters, query text).
 */
export function meiliArguments(files: MeiliFiles, port: number): string[] {
  return [
    '--db-path',
    files.db,
    '--dump-dir',
    files.dumps,
    '--http-addr',
    `127.0.0.1:${port}`,
    '--env',
    'production',
    '--no-analytics',
    '--log-level',
    'ERROR',
  ];
}

/**
 * Starts Meilisearch and waits until it answers `/health`. Its files get owner-only modes (the
 * umask of the calling process, which the supervisor sets to 077), its output goes to the log.
 * @returns the running child
 * @throws SearchServerError when it exits at start or does not answer within 30 s (it is killed)
 */
export async function startMeili(launch: MeiliLaunch): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${launch.port}`;
  const child = spawn(launch.binary, meiliArguments(launch.files, launch.port), {
    cwd: launch.files.folder, // so no `config.toml` or relative default of another folder is read
    env: meiliEnvironment(launch.masterKey),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => launch.log.write(chunk));
  child.stderr!.on('data', (chunk: Buffer) => launch.log.write(chunk));
  let exit: string | null = null;
  child.once('error', (error) => (exit = error.message));
  child.once('exit', (code, signal) => (exit = signal ? `signal ${signal}` : `code ${code}`));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await isHealthy(url))) {
    if (exit !== null) throw new SearchServerError(`Meilisearch exited at start (${exit}); see ${launch.log.path}`);
    if (Date.now() > deadline) {
      await stopMeili(child, 0);
      throw new SearchServerError(
        `Meilisearch did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s; see ${launch.log.path}`,
      );
    }
    await sleep(100);
  }
  return child;
}

/**
 * Stops a Meilisearch child: SIGTERM, then SIGKILL when it has not exited after `graceMs`.
 * Resolves once it has exited.
 */
export async function stopMeili(child: ChildProcess, graceMs = STOP_TIMEOUT_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Whether a server answers `/health` on `url` within a second. */
export async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Stops a Meilisearch of this data directory that no supervisor owns any more (its supervisor
 * was killed): SIGTERM, SIGKILL after 10 s. A process that is not Meilisearch on this database
 * (the pid was reused) is left alone.
 * @returns whether there was one to stop
 */
export async function stopStrayMeili(pid: number, files: MeiliFiles): Promise<boolean> {
  if (!isAlive(pid) || !commandLine(pid).includes(`--db-path ${files.db} `)) return false;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; isAlive(pid) && waited < STOP_TIMEOUT_MS; waited += 50) await sleep(50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 50) await sleep(50);
  return true;
}
