import { type IndexNames, indexNames } from '../index/index.js';
import { resolveDataDir } from '../ingest/data-dir.js';
import { queueName } from '../ingest/queue.js';
import { redisUrl } from '../ingest/redis.js';

/** Options every command that talks to the queue or the index accepts. */
export interface ServiceOptions {
  dataDir?: string;
  queue?: string;
  indexPrefix?: string;
}

/** Where everything is, resolved from options and the environment. */
export interface ServiceConfig {
  dataDir: string;
  queueName: string;
  names: IndexNames;
  redisUrl: string;
}

/** Resolves the options; Redis comes from REDIS_URL, Meilisearch from MEILI_URL/MEILI_MASTER_KEY. */
export function serviceConfig(options: ServiceOptions): ServiceConfig {
  return {
    dataDir: resolveDataDir(options.dataDir),
    queueName: queueName(options.queue),
    names: indexNames(options.indexPrefix),
    redisUrl: redisUrl(),
  };
}

export { onTermination } from './on-termination.js';
