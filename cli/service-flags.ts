import type { Command } from 'commander';

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
