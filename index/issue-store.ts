import { type Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { IssueDocument } from './documents.js';
import { isAnyOf } from './filter.js';
import type { IndexNames } from './index-names.js';

/**
 * The issues that any of these byte contents is a version of, by sha256 (the version the index
 * shows, or an older one). An index that does not exist yet holds none.
 */
export async function findIndexedIssues(
  client: Meilisearch,
  names: IndexNames,
  sha256s: string[],
): Promise<Map<string, IssueDocument>> {
  const found = new Map<string, IssueDocument>();
  for (let i = 0; i < sha256s.length; i += 500) {
    const chunk = sha256s.slice(i, i + 500);
    const wanted = new Set(chunk);
    try {
      const filter = `${isAnyOf('shas', chunk)} OR ${isAnyOf('sha256', chunk)}`;
      const page = await client.index<IssueDocument>(names.issues).getDocuments({ filter, limit: chunk.length * 2 });
      for (const issue of page.results)
        for (const sha of issue.shas ?? [issue.sha256]) if (wanted.has(sha)) found.set(sha, issue);
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return found;
      throw error;
    }
  }
  return found;
}

/** One issue's document, or null. */
export async function getIssue(client: Meilisearch, names: IndexNames, id: string): Promise<IssueDocument | null> {
  try {
    return await client.index<IssueDocument>(names.issues).getDocument<IssueDocument>(id);
  } catch (error) {
    if (
      error instanceof MeilisearchApiError &&
      ['document_not_found', 'index_not_found'].includes(error.cause?.code ?? '')
    )
      return null;
    throw error;
  }
}

/** Every issue document (for `gazette reindex`). */
export async function listIssues(client: Meilisearch, names: IndexNames): Promise<IssueDocument[]> {
  const issues: IssueDocument[] = [];
  try {
    for (let offset = 0; ; offset += 1000) {
      const page = await client.index<IssueDocument>(names.issues).getDocuments({ limit: 1000, offset });
      issues.push(...page.results);
      if (page.results.length < 1000) return issues;
    }
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return issues;
    throw error;
  }
}

/** Whether the index shows these bytes of an issue, wholly written by this pipeline. */
export function showsVersion(issue: IssueDocument | null | undefined, sha256: string, pipeline: string): boolean {
  return !!issue && issue.sha256 === sha256 && !issue.pending && issue.pipeline === pipeline;
}

/** Whether these bytes are an older version of an issue, superseded by the one the index shows. */
export function isSupersededVersion(issue: IssueDocument | null | undefined, sha256: string): boolean {
  return (
    !!issue &&
    issue.sha256 !== sha256 &&
    (issue.shas ?? []).includes(sha256) &&
    !(issue.versions ?? []).find((v) => v.sha256 === sha256)?.partial
  );
}
