import type { Command } from 'commander';
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

/** Adds --data-dir, --queue and --index-prefix to a command. */
export function withServiceOptions(command: Command): Command {
  return command
    .option(
      '--data-dir <dir>',
      'data directory: archive and embedded Meilisearch (default: $GAZETTE_DATA_DIR or ./data)',
    )
    .option('--queue <name>', 'BullMQ queue name (default: $GAZETTE_QUEUE or gazette-ingest)')
    .option(
      '--index-prefix <prefix>',
      'prefix of the Meilisearch index uids (default: $GAZETTE_INDEX_PREFIX or gazette)',
    );
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

/** Calls `onSignal` once on the first SIGINT or SIGTERM; a second one exits at once. */
export function onTermination(onSignal: (signal: NodeJS.Signals) => void): () => void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) process.exit(130);
    received = true;
    onSignal(signal);
  };
  process.on('SIGINT', handler).on('SIGTERM', handler);
  return () => process.off('SIGINT', handler).off('SIGTERM', handler);
}
