import type { ChildProcess } from 'node:child_process';
import { type Socket, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SearchServerError } from './errors.js';
import {
  type MeiliFiles,
  isAlive,
  meiliFiles,
  prepareFolder,
  readOrCreateKey,
  readServerRecord,
  supervisorSocket,
} from './meili-files.js';
import type { SupervisorMessage } from './meili-supervisor.js';
import { spawnSupervisor } from './spawn-supervisor.js';

export { freePort } from './ports.js';

const START_TIMEOUT_MS = 30_000;
/** Reattaching after the supervisor went away waits this long at first, doubling up to 5 s. */
const REATTACH_DELAY_MS = 200;

/** How a client reached the supervisor: attached (with the server's URL), or why not. */
type Attempt = { socket: Socket; url: string } | 'absent' | 'stopping';

/**
 * A client's attachment to the embedded Meilisearch of a data directory. The server belongs to
 * a supervisor process of its own (see `meili-supervisor.ts`), which the first client starts:
 * it outlives its clients, restarts Meilisearch on the same port when it dies, and stops it a
 * few seconds after the last client detached. A client is counted while its connection to the
 * supervisor is open, so one that crashes is not counted any more; `close()` only detaches.
 */
export class EmbeddedMeili {
  private closed = false;
  private state: SupervisorMessage['state'] = 'ready';
  private socket: Socket | null = null;

  private constructor(
    /** The server's URL; the supervisor keeps it across restarts. */
    readonly url: string,
    readonly masterKey: string,
    private readonly dataDir: string,
    private readonly files: MeiliFiles,
  ) {}

  /**
   * Attaches to the data directory's server, starting its supervisor if none runs.
   * @param dataDir the project's data directory; the server uses `<dataDir>/meili`
   * @throws SearchServerError when the server does not start (the reason is the supervisor's)
   *   or is not ready within 30 s
   */
  static async open(dataDir: string): Promise<EmbeddedMeili> {
    const files = meiliFiles(dataDir);
    prepareFolder(files);
    const masterKey = readOrCreateKey(files.key);
    const deadline = Date.now() + START_TIMEOUT_MS;
    let supervisor: ChildProcess | null = null;
    let supervisorExit: number | null = null;
    for (let pause = 50; Date.now() < deadline; pause = Math.min(pause * 2, 500)) {
      const attempt = await attach(files, deadline, true);
      if (typeof attempt === 'object') {
        const meili = new EmbeddedMeili(attempt.url, masterKey, dataDir, files);
        meili.adopt(attempt.socket);
        return meili;
      }
      if (supervisorExit !== null && supervisorExit !== 0) {
        throw new SearchServerError(
          `${files.folder}: the Meilisearch supervisor exited with code ${supervisorExit}; see ${files.log}`,
        );
      }
      if (attempt === 'absent' && (supervisor === null || supervisor.exitCode !== null)) {
        supervisor = spawnSupervisor(dataDir, files);
        supervisor.once('exit', (code) => (supervisorExit = code ?? 1));
      }
      await sleep(pause);
    }
    throw new SearchServerError(
      `${files.folder}: the embedded Meilisearch was not ready within ${START_TIMEOUT_MS / 1000} s; see ${files.log}`,
    );
  }

  /**
   * Waits until the supervisor reports the server ready (after a restart, say).
   * @throws SearchServerError when it is not within `timeoutMs`
   */
  async waitReady(timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.state === 'ready' && this.socket)) {
      if (this.closed) throw new SearchServerError(`${this.files.folder}: detached from the embedded Meilisearch`);
      if (Date.now() > deadline)
        throw new SearchServerError(
          `${this.files.folder}: the embedded Meilisearch was not ready again within ${timeoutMs / 1000} s; see ${this.files.log}`,
        );
      await sleep(50);
    }
  }

  /** Detaches; the supervisor stops the server a few seconds after its last client left. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const socket = this.socket;
    this.socket = null;
    if (socket && !socket.destroyed) {
      const gone = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.destroy(); // the supervisor sees the connection close, as it would if we crashed
      await gone;
    }
  }

  /** Keeps the connection, follows the supervisor's news, and attaches again if it goes away. */
  private adopt(socket: Socket): void {
    this.socket = socket;
    this.state = 'ready';
    socket.unref(); // the attachment alone does not keep the process running
    onMessages(socket, (message) => (this.state = message.state));
    socket.once('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.state = 'down';
      if (!this.closed) void this.reattach();
    });
  }

  private async reattach(): Promise<void> {
    for (let pause = REATTACH_DELAY_MS; !this.closed; pause = Math.min(pause * 2, 5000)) {
      await sleep(pause, undefined, { ref: false });
      if (this.closed) return;
      try {
        const attempt = await attach(this.files, Date.now() + START_TIMEOUT_MS, false);
        if (typeof attempt === 'object') {
          if (this.closed) attempt.socket.destroy();
          else this.adopt(attempt.socket);
          return;
        }
        if (attempt === 'absent') spawnSupervisor(this.dataDir, this.files);
      } catch {
        // the server would not start: try again later, as long as we are attached
      }
    }
  }
}

/**
 * Connects to the supervisor and waits for its word: `ready` (checked against the record it
 * wrote in the owner-only folder), `stopping`, or a server that failed to start (thrown).
 * @param hold whether the wait keeps the process running (not for a reattachment in the background)
 */
function attach(files: MeiliFiles, deadline: number, hold: boolean): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const socket = connect(supervisorSocket(files));
    if (!hold) socket.unref();
    let settled = false;
    const settle = (outcome: Attempt | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
      if (typeof outcome !== 'object' || outcome instanceof Error) socket.destroy();
    };
    const timer = setTimeout(() => settle('stopping'), Math.max(0, deadline - Date.now()));
    if (!hold) timer.unref();
    socket.once('connect', () => socket.write(`${JSON.stringify({ attach: process.pid })}\n`));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      settle(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? 'absent' : 'stopping'),
    );
    socket.once('close', () => settle('stopping'));
    onMessages(socket, (message) => {
      if (message.state === 'stopping') settle('stopping');
      else if (message.state === 'down' && message.fatal)
        settle(new SearchServerError(`${files.folder}: the embedded Meilisearch did not start: ${message.reason}`));
      else if (message.state === 'ready') {
        const record = readServerRecord(files);
        const trusted = record?.url === message.url && record.supervisorPid === message.pid && isAlive(message.pid);
        settle(trusted ? { socket, url: message.url } : 'stopping');
      }
    });
  });
}

/** Calls `onMessage` with each line the supervisor sends. */
function onMessages(socket: Socket, onMessage: (message: SupervisorMessage) => void): void {
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      try {
        onMessage(JSON.parse(line) as SupervisorMessage);
      } catch {
        // not ours: ignore
      }
    }
  });
}
