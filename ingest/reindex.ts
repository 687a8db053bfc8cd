import { join } from 'node:path';
import { IndexRebuild, type IndexNames, connectSearch, listIssues } from '../index/index.js';
import { Archive } from './archive.js';
import { BadInputError } from './errors.js';
import { type PreparedIssue, prepareIssue } from './prepare-issue.js';

/** What a rebuild did. */
export interface ReindexResult {
  issues: number;
  records: number;
  /** Archived files left out: superseded by a corrected version of the same issue, or bad input. */
  skipped: Array<{ file: string; sha256: string; reason: string }>;
}

/**
 * `gazette reindex`: rebuilds every index from the archive into new indexes, then swaps them in
 * atomically; searches keep answering from the old indexes until the swap. Of several archived
 * versions of one issue, the one the live index holds wins, else the one ingested last.
 */
export async function reindexAll(options: { dataDir: string; names: IndexNames; notice: (line: string) => void }): Promise<ReindexResult> {
  const archive = new Archive(join(options.dataDir, 'archive'));
  const search = await connectSearch({ dataDir: options.dataDir });
  try {
    const live = new Map((await listIssues(search.client, options.names)).map((issue) => [issue.id, issue.sha256]));
    const chosen = new Map<string, { prepared: PreparedIssue; lastIngestedAt: number }>();
    const result: ReindexResult = { issues: 0, records: 0, skipped: [] };
    for (const entry of archive.list()) {
      const file = entry.names[0] ?? entry.sha256;
      let prepared: PreparedIssue;
      try {
        prepared = await prepareIssue(archive.read(entry.sha256), file);
      } catch (error) {
        if (!(error instanceof BadInputError)) throw error;
        result.skipped.push({ file, sha256: entry.sha256, reason: error.message });
        continue;
      }
      const id = prepared.issue.id;
      const rival = chosen.get(id);
      const wins = !rival || (live.get(id) === entry.sha256 || (live.get(id) !== rival.prepared.issue.sha256 && entry.lastIngestedAt > rival.lastIngestedAt));
      const loser = wins ? rival?.prepared.issue : prepared.issue;
      if (loser) result.skipped.push({ file: loser.file, sha256: loser.sha256, reason: `superseded by another version of issue ${id}` });
      if (wins) chosen.set(id, { prepared, lastIngestedAt: entry.lastIngestedAt });
    }
    const rebuild = await IndexRebuild.begin(search.client, options.names);
    try {
      for (const { prepared } of chosen.values()) {
        await rebuild.addIssue(prepared.issue, prepared.documents);
        result.issues++;
        result.records += prepared.documents.length;
        options.notice(`rebuilt ${prepared.issue.file}: ${prepared.documents.length} records`);
      }
      await rebuild.swapIn();
    } catch (error) {
      await rebuild.abandon().catch(() => {});
      throw error;
    }
    return result;
  } finally {
    await search.close();
  }
}
