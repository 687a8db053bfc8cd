import { type Meilisearch, MeilisearchApiError } from 'meilisearch';
import type { IssueDocument } from './documents.js';
import { isAnyOf } from './filter.js';
import type { IndexNames } from './index-names.js';

/**
 * The issues already indexed from any of these byte contents, by sha256. An index that does not
 * exist yet holds none.
 */
export async function findIndexedIssues(client: Meilisearch, names: IndexNames, sha256s: string[]): Promise<Map<string, IssueDocument>> {
  const found = new Map<string, IssueDocument>();
  for (let i = 0; i < sha256s.length; i += 500) {
    const chunk = sha256s.slice(i, i + 500);
    try {
      const page = await client.index<IssueDocument>(names.issues).getDocuments({ filter: isAnyOf('sha256', chunk), limit: chunk.length * 2 });
      for (const issue of page.results) found.set(issue.sha256, issue);
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
    if (error instanceof MeilisearchApiError && ['document_not_found', 'index_not_found'].includes(error.cause?.code ?? '')) return null;
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
