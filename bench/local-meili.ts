import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Meilisearch } from 'meilisearch';
import { freePort, meiliClient, verifiedMeiliBinary } from '../index/index.js';

/**
 * A real Meilisearch server of the pinned binary, on its own port and database folder, for a
 * test file or a bench, that can be killed (SIGKILL) and started again on the same port and data.
 * (Here rather than under tests/ because the benches, built into dist/, use it too.)
 */
export class LocalMeili {
  private child: ChildProcess | null = null;
  readonly client: Meilisearch;

  private constructor(
    readonly url: string,
    readonly masterKey: string,
    private readonly port: number,
    readonly folder: string,
    private readonly healthChecks: number,
  ) {
    this.client = meiliClient(url, masterKey);
  }

  /**
   * Starts a server in a fresh temporary folder.
   * @param masterKey its key (servers of a cluster share one)
   * @param healthChecks how many times /health is asked, 50 ms apart, before giving up
   */
  static async start(masterKey: string = randomBytes(16).toString('hex'), healthChecks = 300): Promise<LocalMeili> {
    const port = await freePort();
    const meili = new LocalMeili(
      `http://127.0.0.1:${port}`,
      masterKey,
      port,
      mkdtempSync(join(tmpdir(), 'gazette-meili-')),
      healthChecks,
    );
    await meili.restart();
    return meili;
  }

  /** The environment that points the project at this server. */
  get env(): NodeJS.ProcessEnv {
    return { MEILI_URL: this.url, MEILI_MASTER_KEY: this.masterKey };
  }

  /** Starts the server (again) on the same port and data, and waits until it is healthy. */
  async restart(): Promise<void> {
    const binary = await verifiedMeiliBinary();
    // As the supervisor runs it: its own folder, the key in a minimal environment, no request log.
    this.child = spawn(
      binary,
      [
        '--db-path',
        join(this.folder, 'db'),
        '--http-addr',
        `127.0.0.1:${this.port}`,
        '--no-analytics',
        '--log-level',
        'ERROR',
      ],
      {
        cwd: this.folder,
        env: { MEILI_MASTER_KEY: this.masterKey, MEILI_NO_ANALYTICS: 'true' },
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < this.healthChecks; i++) {
      try {
        if ((await fetch(`${this.url}/health`)).ok) return;
      } catch {
        // not up yet
      }
      await sleep(50);
    }
    throw new Error(`Meilisearch did not start on ${this.url}`);
  }

  /** Kills the server at once, as a crash would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Kills the server and removes its folder. */
  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.folder, { recursive: true, force: true });
  }
}
