import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { IndexNames } from '../index/index.js';
import { connectRedis, redisAnswers } from './redis.js';

/** The Redis key of the lock of one records index, whatever queue writes it. */
export function indexLockKey(names: IndexNames): string {
  return `gazette:index-lock:${names.records}`;
}

/** The file of the lock of one records index, for processes without Redis. */
export function fileLockPath(dataDir: string, names: IndexNames): string {
  return join(dataDir, 'locks', `${names.records}.lock`);
}

/**
 * The one lock every sync takes, across all workers and processes that write one index: syncs
 * never interleave (two versions of an issue, an ingest and a reindex's last step), so the index
 * always holds whole versions. Meilisearch applies writes one at a time anyway, so holding it
 * costs little; parsing and enrichment, the slow part, run outside it.
 */
export interface IndexLock {
  /**
   * Runs `work` while holding the lock.
   * @throws LockTimeoutError when the lock was not free within the wait bound
   */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /** Whether another caller waits for the lock now (a holder may then let it go sooner). */
  contended?(): Promise<boolean>;
}

/** The lock stayed taken longer than a caller waits (a job retries later). */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
}

/** How long a lock lives without renewal (a holder that died frees it after this). */
const LEASE_MS = 30_000;
/** How long a caller waits for the lock before giving up. */
const WAIT_MS = 10 * 60_000;
const POLL_MS = 50;
/** How long a waiter's mark lasts without being set again. */
const WAITING_MS = 500;

// Deletes the key only if it still holds our token, and renews it likewise.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** The lock in Redis: a key with a token and a lease, renewed while the work runs. */
export class RedisIndexLock implements IndexLock {
  constructor(
    private readonly redis: Redis,
    /** One key per index written: `<queue>:lock:<records index uid>`. */
    private readonly key: string,
    private readonly waitMs = WAIT_MS,
  ) {}

  async hold<T>(work: () => Promise<T>): Promise<T> {
    const token = randomBytes(12).toString('hex');
    const deadline = Date.now() + this.waitMs;
    while ((await this.redis.set(this.key, token, 'PX', LEASE_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline)
        throw new LockTimeoutError(`the index lock ${this.key} stayed taken for ${this.waitMs / 1000} s`);
      // Says to the holder that someone waits, for as long as we keep polling.
      await this.redis.set(`${this.key}:waiting`, '1', 'PX', WAITING_MS);
      await sleep(POLL_MS);
    }
    const renewal = setInterval(() => {
      this.redis.eval(RENEW, 1, this.key, token, String(LEASE_MS)).catch(() => {});
    }, LEASE_MS / 3);
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await this.redis.eval(RELEASE, 1, this.key, token).catch(() => {});
    }
  }

  async contended(): Promise<boolean> {
    return (await this.redis.exists(`${this.key}:waiting`).catch(() => 0)) > 0;
  }
}

/**
 * The lock as a file, for processes that work without Redis on one machine: created exclusively,
 * holding the owner's pid; a file whose owner died is taken over.
 */
export class FileIndexLock implements IndexLock {
  constructor(
    private readonly path: string,
    private readonly waitMs = WAIT_MS,
  ) {}

  async hold<T>(work: () => Promise<T>): Promise<T> {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      try {
        const fd = openSync(this.path, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch {
        if (!ownerAlive(this.path)) {
          removeFile(this.path);
          continue;
        }
        if (Date.now() > deadline)
          throw new LockTimeoutError(`the index lock ${this.path} stayed taken for ${this.waitMs / 1000} s`);
        await sleep(POLL_MS);
      }
    }
    try {
      return await work();
    } finally {
      removeFile(this.path);
    }
  }
}

/** A lock for one process alone (tests, and callers that already serialise). */
export const NO_LOCK: IndexLock = { hold: (work) => work(), contended: async () => false };

function ownerAlive(path: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path, 'utf8'));
  } catch {
    return true; // being written: wait
  }
  if (pid === 0) return true; // created, its pid not written yet
  if (!Number.isInteger(pid) || pid < 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/**
 * The lock for a command that syncs outside a worker (reindex, restore): in Redis when it
 * answers (shared with every worker), else a file in the data directory.
 */
export async function openIndexLock(
  redisUrl: string,
  dataDir: string,
  names: IndexNames,
): Promise<{ lock: IndexLock; close(): Promise<void> }> {
  if (!(await redisAnswers(redisUrl)))
    return { lock: new FileIndexLock(fileLockPath(dataDir, names)), close: async () => {} };
  const redis = connectRedis(redisUrl);
  redis.on('error', () => {});
  return {
    lock: new RedisIndexLock(redis, indexLockKey(names)),
    close: () =>
      redis.quit().then(
        () => {},
        () => {},
      ),
  };
}
