import { openIndexLock } from '../ingest/index-lock.js';
import { reindexAll } from '../ingest/reindex.js';
import { type ServiceOptions, serviceConfig } from './service-options.js';

/** `gazette reindex`: rebuilds the indexes from the archive and swaps them in atomically. */
export async function reindexCommand(options: ServiceOptions): Promise<number> {
  const config = serviceConfig(options);
  const notice = (line: string) => process.stderr.write(`reindex: ${line}\n`);
  // The lock syncs take (across machines when Redis answers), held for the swap.
  const { lock, close } = await openIndexLock(config.redisUrl, config.dataDir, config.names);
  try {
    const result = await reindexAll({ dataDir: config.dataDir, names: config.names, notice, lock });
    for (const skip of result.skipped) process.stderr.write(`reindex: skipped ${skip.file}: ${skip.reason}\n`);
    const caught = result.caughtUp > 0 ? `; ${result.caughtUp} issue(s) ingested meanwhile copied in` : '';
    process.stdout.write(
      `reindexed ${result.issues} issue(s), ${result.records} records${caught}; swapped in ${config.names.records} and ${config.names.issues}\n`,
    );
    return 0;
  } finally {
    await close();
  }
}
