import { join } from 'node:path';
import { connectSearch, getIssue } from '../index/index.js';
import { Archive } from '../ingest/archive.js';
import { openIndexLock } from '../ingest/index-lock.js';
import { issueHistory } from '../ingest/issue-history.js';
import { processIssue } from '../ingest/processor.js';
import { type ServiceOptions, serviceConfig } from './service-options.js';
import { UsageError } from './usage-error.js';

/**
 * `gazette history ISSUE`: the versions of an issue, oldest first, with when each was first seen,
 * which the index shows, and the records added, changed and removed from one to the next.
 */
export async function historyCommand(issueId: string, options: ServiceOptions): Promise<number> {
  const config = serviceConfig(options);
  const search = await connectSearch({ dataDir: config.dataDir });
  try {
    const issue = await getIssue(search.client, config.names, issueId);
    if (!issue) throw new UsageError(`no issue ${issueId} in ${config.names.issues}`);
    const archive = new Archive(join(config.dataDir, 'archive'));
    const lines = [
      `issue ${issue.id}${issue.pending ? ` (a sync of ${issue.pending.sha256.slice(0, 12)} did not finish)` : ''}`,
    ];
    for (const entry of issueHistory(issue, archive)) {
      const marks = [entry.shown ? 'shown' : '', entry.partial ? 'partial copy' : ''].filter(Boolean).join(', ');
      const change = entry.change ? `+${entry.change.added} ~${entry.change.changed} -${entry.change.removed}` : '';
      lines.push(
        `${new Date(entry.firstSeen).toISOString()}  ${entry.sha256.slice(0, 12)}  ${entry.records} records  ${change}  ${entry.file}${marks ? `  (${marks})` : ''}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await search.close();
  }
}

/**
 * `gazette restore ISSUE SHA`: shows an older version of an issue again (its sha256, or the
 * start of it, as `gazette history` prints it), from this machine's archive.
 */
export async function restoreCommand(issueId: string, shaPrefix: string, options: ServiceOptions): Promise<number> {
  const config = serviceConfig(options);
  const search = await connectSearch({ dataDir: config.dataDir });
  const { lock, close } = await openIndexLock(config.redisUrl, config.dataDir, config.names);
  try {
    const issue = await getIssue(search.client, config.names, issueId);
    if (!issue) throw new UsageError(`no issue ${issueId} in ${config.names.issues}`);
    const matches = (issue.versions ?? []).filter((v) => v.sha256.startsWith(shaPrefix.toLowerCase()));
    if (matches.length !== 1)
      throw new UsageError(
        `${shaPrefix}: ${matches.length === 0 ? 'no' : 'more than one'} version of issue ${issueId} starts so; see \`gazette history ${issueId}\``,
      );
    const version = matches[0]!;
    const archive = new Archive(join(config.dataDir, 'archive'));
    const result = await processIssue(
      { sha256: version.sha256, file: version.file, force: true },
      { archive, client: search.client, names: config.names, lock },
    );
    process.stdout.write(
      `issue ${result.issue} shows ${version.file} (${version.sha256.slice(0, 12)}) again: +${result.added} ~${result.updated} -${result.deleted}\n`,
    );
    return 0;
  } finally {
    await close();
    await search.close();
  }
}
