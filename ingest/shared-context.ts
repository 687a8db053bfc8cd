import type { Meilisearch } from 'meilisearch';
import type { Redis } from 'ioredis';
import type { IndexNames } from '../index/index.js';
import type { Archive } from './archive.js';
import { RedisByteStore } from './byte-store.js';
import { RedisIndexLock, indexLockKey } from './index-lock.js';
import type { ProcessorContext } from './processor.js';

/**
 * What every worker of one queue shares through Redis besides the jobs: the bytes of queued
 * issues (so a worker needs no shared disk) and the lock that serialises syncs into the index
 * (one per records index, whatever queue writes it).
 * @param connection a connection of its own (not a worker's, whose commands may block)
 */
export function sharedContext(
  connection: Redis,
  queueName: string,
  names: IndexNames,
  archive: Archive,
  client: Meilisearch,
): ProcessorContext {
  return {
    archive,
    client,
    names,
    bytes: new RedisByteStore(connection, queueName),
    lock: new RedisIndexLock(connection, indexLockKey(names)),
  };
}
