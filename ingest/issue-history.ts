import type { IssueDocument, IssueVersion } from '../index/index.js';
import { type GazetteRecord, parseGazette } from '../parsers/index.js';
import type { Archive } from './archive.js';

/** What changed from one version of an issue to the next, by record id. */
export interface VersionChange {
  added: number;
  changed: number;
  removed: number;
}

/** A version of an issue with what changed since the one before it (null: no bytes to compare). */
export interface HistoryEntry extends IssueVersion {
  /** The version the index shows. */
  shown: boolean;
  change: VersionChange | null;
}

/** A record's content, without where its file is: equal for a record that did not change. */
function contentOf(record: GazetteRecord): string {
  const { source, issue: _issue, ...rest } = record;
  return JSON.stringify({ ...rest, line: source.line, column: source.column, endLine: source.endLine });
}

function recordsOf(archive: Archive, version: IssueVersion): Map<string, string> | null {
  if (!archive.has(version.sha256)) return null;
  const { records } = parseGazette(archive.read(version.sha256), { file: version.file });
  return new Map(records.map((r) => [r.id, contentOf(r)]));
}

/**
 * The versions of an issue, oldest first, each with the records added, changed and removed since
 * the version before it (parsed again from the archive; null for a version whose bytes this
 * archive has not, or for the first).
 */
export function issueHistory(issue: IssueDocument, archive: Archive): HistoryEntry[] {
  const versions = issue.versions?.length
    ? issue.versions
    : [{ sha256: issue.sha256, file: issue.file, firstSeen: issue.ingestedAt, records: issue.records, partial: false }];
  let before: Map<string, string> | null = null;
  return versions.map((version, k) => {
    const now = recordsOf(archive, version);
    let change: VersionChange | null = null;
    if (k > 0 && before && now) {
      change = { added: 0, changed: 0, removed: 0 };
      for (const [id, content] of now) {
        if (!before.has(id)) change.added++;
        else if (before.get(id) !== content) change.changed++;
      }
      for (const id of before.keys()) if (!now.has(id)) change.removed++;
    }
    before = now;
    return { ...version, shown: version.sha256 === issue.sha256, change };
  });
}
