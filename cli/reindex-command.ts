import { reindexAll } from '../ingest/reindex.js';
import { type ServiceOptions, serviceConfig } from './service-options.js';

/** `gazette reindex`: rebuilds the indexes from the archive and swaps them in atomically. */
export async function reindexCommand(options: ServiceOptions): Promise<number> {
  const config = serviceConfig(options);
  const result = await reindexAll({ dataDir: config.dataDir, names: config.names, notice: (line) => process.stderr.write(`reindex: ${line}\n`) });
  for (const skip of result.skipped) process.stderr.write(`reindex: skipped ${skip.file}: ${skip.reason}\n`);
  process.stdout.write(`reindexed ${result.issues} issue(s), ${result.records} records; swapped in ${config.names.records} and ${config.names.issues}\n`);
  return 0;
}
