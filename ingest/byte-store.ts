import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Redis } from 'ioredis';
import { ArchiveMissError } from './errors.js';

const pack = promisify(gzip);
const unpack = promisify(gunzip);

/** How long bytes wait in Redis for a worker: a week, well past every retry. */
const LIFETIME_S = 7 * 86_400;

/**
 * The bytes of queued issues, in Redis beside the queue (gzipped, with a lifetime), so that a
 * worker on another machine, sharing Redis and Meilisearch but no disk, can process any job.
 * The ingesting side's archive stays the durable copy.
 */
export class RedisByteStore {
  constructor(
    private readonly redis: Redis,
    /** Keys are `<prefix>:bytes:<sha256>`: the queue's name keeps two queues apart. */
    private readonly prefix: string,
  ) {}

  private key(sha256: string): string {
    return `${this.prefix}:bytes:${sha256}`;
  }

  /** Stores the bytes unless they are there already (their lifetime is renewed either way). */
  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const key = this.key(sha256);
    if ((await this.redis.expire(key, LIFETIME_S)) === 1) return;
    await this.redis.set(key, await pack(bytes), 'EX', LIFETIME_S);
  }

  /**
   * The bytes, checked against their sha256.
   * @throws ArchiveMissError when Redis has them not (expired, or never stored) or they are damaged
   */
  async get(sha256: string): Promise<Buffer> {
    const packed = await this.redis.getBuffer(this.key(sha256));
    if (!packed)
      throw new ArchiveMissError(
        `no bytes with sha256 ${sha256} in Redis (${this.key(sha256)}) or in this worker's archive: ingest the file again`,
      );
    const bytes = await unpack(packed);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new ArchiveMissError(`${this.key(sha256)} is damaged (its sha256 is ${actual})`);
    return bytes;
  }
}
