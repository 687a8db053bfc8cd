import type { ChildProcess } from 'node:child_process';
import { type Server, type Socket, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { BoundedLog } from './bounded-log.js';
import { verifiedMeiliBinary } from './meili-binary.js';
import {
  type MeiliFiles,
  meiliFiles,
  prepareFolder,
  readOrCreateKey,
  readServerRecord,
  supervisorSocket,
  writeServerRecord,
} from './meili-files.js';
import { startMeili, stopMeili, stopStrayMeili } from './meili-process.js';
import { freePort, portIsFree } from './ports.js';
import { freeBytes, formatBytes, LOW_SPACE_BYTES } from './storage.js';

/** How long the supervisor waits with no client attached before it stops Meilisearch and exits. */
export const DEFAULT_IDLE_MS = 5_000;
/** Delays before restarting a Meilisearch that died, by consecutive failures. */
const RESTART_DELAYS_MS = [250, 500, 1000, 2000, 5000, 10_000];
/** A server that ran this long before it died starts the delays over. */
const STABLE_MS = 30_000;

/** What the supervisor tells its clients, one JSON object per line. */
export type SupervisorMessage =
  | { state: 'ready'; url: string; pid: number }
  | { state: 'starting' }
  | { state: 'down'; reason: string; fatal: boolean }
  | { state: 'stopping' };

/**
 * The owner of a data directory's embedded Meilisearch, a process of its own (its own session,
 * so the terminal's Ctrl-C does not reach it). It binds the data directory's abstract socket
 * (one supervisor per data directory: the second to bind exits), starts Meilisearch on a fixed
 * loopback port, restarts it on the same port when it dies, and counts its clients by their
 * open connections, which close however the client ends. With no client attached for
 * `idleMs`, or on SIGTERM, SIGINT or SIGHUP, it stops Meilisearch and exits.
 */
export class MeiliSupervisor {
  private readonly files: MeiliFiles;
  private readonly clients = new Set<Socket>();
  private readonly server: Server;
  private log!: BoundedLog;
  private status: SupervisorMessage = { state: 'starting' };
  private child: ChildProcess | null = null;
  private port = 0;
  private failures = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private launching: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private finished!: () => void;

  /**
   * @param dataDir the data directory whose `meili/` folder it owns
   * @param idleMs how long to run on with no client attached
   */
  constructor(
    dataDir: string,
    private readonly idleMs = DEFAULT_IDLE_MS,
  ) {
    this.files = meiliFiles(dataDir);
    this.server = createServer((socket) => this.accept(socket));
  }

  /**
   * Runs until stopped.
   * @returns false when another supervisor already owns the data directory (nothing was done)
   */
  async run(): Promise<boolean> {
    process.umask(0o077); // Meilisearch's database and our files: owner-only
    prepareFolder(this.files);
    if (!(await this.bind())) return false;
    const done = new Promise<void>((resolve) => (this.finished = resolve));
    this.log = new BoundedLog(this.files.log);
    this.log.line(`supervisor ${process.pid}: owns ${this.files.folder}`);
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void this.stop(signal));
    this.armIdle();
    const previous = readServerRecord(this.files);
    if (previous?.meiliPid && (await stopStrayMeili(previous.meiliPid, this.files))) {
      this.log.line(
        `supervisor ${process.pid}: stopped Meilisearch ${previous.meiliPid}, left running by a supervisor that died`,
      );
    }
    this.port = previous?.port ?? (await freePort());
    this.launching = this.launch();
    await done;
    return true;
  }

  /** Stops Meilisearch, records that nothing runs, and releases the socket. Idempotent. */
  stop(reason: string): Promise<void> {
    this.stopping ??= (async () => {
      this.log.line(`supervisor ${process.pid}: ${reason}: stopping Meilisearch`);
      this.status = { state: 'stopping' };
      for (const timer of [this.idleTimer, this.restartTimer]) if (timer) clearTimeout(timer);
      await this.launching;
      if (this.child) await stopMeili(this.child);
      if (this.port)
        writeServerRecord(this.files, { supervisorPid: null, meiliPid: null, port: this.port, url: urlOf(this.port) });
      this.server.close();
      for (const client of this.clients) client.destroy();
      this.log.line(`supervisor ${process.pid}: stopped`);
      this.log.close();
      this.finished();
    })();
    return this.stopping;
  }

  private bind(): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.server.once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
      );
      this.server.listen(supervisorSocket(this.files), () => resolve(true));
    });
  }

  private accept(socket: Socket): void {
    socket.on('error', () => {});
    if (this.stopping) {
      socket.end(`${JSON.stringify({ state: 'stopping' } satisfies SupervisorMessage)}\n`);
      return;
    }
    this.clients.add(socket);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString();
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        const pid = attachedPid(line);
        if (pid) this.log.line(`supervisor ${process.pid}: client ${pid} attached (${this.clients.size} attached)`);
      }
    });
    socket.on('close', () => {
      this.clients.delete(socket);
      if (this.clients.size === 0) this.armIdle();
    });
    socket.write(`${JSON.stringify(this.status)}\n`);
  }

  private broadcast(message: SupervisorMessage): void {
    this.status = message;
    for (const client of this.clients) client.write(`${JSON.stringify(message)}\n`);
  }

  private armIdle(): void {
    if (this.stopping) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.clients.size === 0) void this.stop(`no client attached for ${this.idleMs / 1000} s`);
    }, this.idleMs);
  }

  private async launch(): Promise<void> {
    this.restartTimer = null;
    if (this.stopping) return;
    this.broadcast({ state: 'starting' });
    const startedAt = Date.now();
    try {
      // A server that just died may hold its port a moment longer.
      for (let tries = 0; tries < 20 && !(await portIsFree(this.port)); tries++) await sleep(100);
      if (!(await portIsFree(this.port))) {
        const taken = this.port;
        this.port = await freePort();
        this.log.line(
          `supervisor ${process.pid}: port ${taken} is taken; moving to ${this.port} (clients attached before must reconnect)`,
        );
      }
      const binary = await verifiedMeiliBinary();
      const masterKey = readOrCreateKey(this.files.key);
      const child = await startMeili({ binary, files: this.files, port: this.port, masterKey, log: this.log });
      this.child = child;
      if (this.stopping) return; // stop() is stopping it
      child.once('exit', (code, signal) => this.onExit(startedAt, signal ? `signal ${signal}` : `code ${code}`));
      writeServerRecord(this.files, {
        supervisorPid: process.pid,
        meiliPid: child.pid ?? null,
        port: this.port,
        url: urlOf(this.port),
      });
      this.log.line(`supervisor ${process.pid}: Meilisearch ${child.pid} answers on ${urlOf(this.port)}`);
      this.broadcast({ state: 'ready', url: urlOf(this.port), pid: process.pid });
    } catch (error) {
      const free = freeBytes(this.files.db);
      const space =
        free !== null && free < LOW_SPACE_BYTES
          ? `; no space left on device: ${this.files.db} has ${formatBytes(free)} free`
          : '';
      this.fail(`${(error as Error).message}${space}`, true);
    }
  }

  private onExit(startedAt: number, how: string): void {
    this.child = null;
    if (this.stopping) return;
    if (Date.now() - startedAt > STABLE_MS) this.failures = 0;
    writeServerRecord(this.files, {
      supervisorPid: process.pid,
      meiliPid: null,
      port: this.port,
      url: urlOf(this.port),
    });
    this.fail(`Meilisearch exited (${how})`, false);
  }

  /** Tells the clients Meilisearch is down and starts it again after a delay that grows with each failure in a row. */
  private fail(reason: string, fatal: boolean): void {
    const delay = RESTART_DELAYS_MS[Math.min(this.failures, RESTART_DELAYS_MS.length - 1)]!;
    this.failures++;
    this.log.line(`supervisor ${process.pid}: ${reason}; starting it again in ${delay / 1000} s`);
    this.broadcast({ state: 'down', reason, fatal });
    this.restartTimer = setTimeout(() => (this.launching = this.launch()), delay);
  }

  /** Kills Meilisearch at once: the last resort of a supervisor that is exiting abnormally. */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }
}

function urlOf(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The pid in a client's `{"attach": pid}` line, or null. */
function attachedPid(line: string): number | null {
  try {
    const pid = (JSON.parse(line) as { attach?: unknown }).attach;
    return typeof pid === 'number' ? pid : null;
  } catch {
    return null;
  }
}
