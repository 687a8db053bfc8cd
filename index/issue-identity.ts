import type { Meilisearch } from 'meilisearch';
import type { SearchDocument } from './documents.js';
import { equals } from './filter.js';
import type { IndexNames } from './index-names.js';
import { getIssue } from './issue-store.js';

/**
 * What a file is to the issues the index already holds:
 * - `new`: no record of it is indexed;
 * - `version`: a version of an issue (most of its notices are that issue's);
 * - `partial`: part of an issue (all its notices are that issue's, which has more, and not its
 *   last one): an incomplete download, which must neither duplicate nor replace it;
 * - `ambiguous`: it shares records with issues, none of which holds most of them: it is kept as
 *   its own issue, and its shared records stay one record each.
 */
export type IssueRelation = 'new' | 'version' | 'partial' | 'ambiguous';

/** The issue a file belongs to, and why. */
export interface IssueIdentity {
  id: string;
  relation: IssueRelation;
  /** What a report should say when identity was not plain (ambiguous, partial, re-identified). */
  note: string | null;
  /** Every issue whose records or document the answer was read from (syncs batched together must not write them). */
  consulted: string[];
}

/** Share of a file's notices an issue must hold for the file to be a version of it. */
const MAJORITY = 0.5;

/**
 * Tells which issue a file's records belong to by what they are, not by the file: its notices
 * (or, in a file of chronicle entries only, its events) are looked up by id, since a record's id
 * says what it is (a notice's number …). A corrected period line, or a file cut short, thus
 * keeps its issue instead of starting a second one.
 * @param parsedId the issue id the parser derived from the file's content
 */
export async function resolveIssue(
  client: Meilisearch,
  names: IndexNames,
  parsedId: string,
  documents: SearchDocument[],
): Promise<IssueIdentity> {
  const { consulted, ...identity } = await resolve(client, names, parsedId, documents);
  return { ...identity, consulted: [...new Set([parsedId, identity.id, ...consulted])] };
}

async function resolve(
  client: Meilisearch,
  names: IndexNames,
  parsedId: string,
  documents: SearchDocument[],
): Promise<Omit<IssueIdentity, 'consulted'> & { consulted: string[] }> {
  const notices = documents.filter((d) => d.kind === 'notice');
  const keys = (notices.length > 0 ? notices : documents.filter((d) => d.kind === 'event')).map((d) => d.id);
  if (keys.length === 0)
    return {
      id: parsedId,
      relation: (await getIssue(client, names, parsedId)) ? 'version' : 'new',
      note: null,
      consulted: [],
    };
  const counts = await issuesHolding(client, names, keys);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const [best, runnerUp] = ranked;
  if (!best)
    return {
      id: parsedId,
      relation: (await getIssue(client, names, parsedId)) ? 'version' : 'new',
      note: null,
      consulted: [],
    };
  const share = best[1] / keys.length;
  // An issue all of whose records this file holds, from its first one on, was a copy cut short of
  // this file (an incomplete download ingested first): this file is its whole version.
  const completes =
    share < MAJORITY &&
    best[1] >= 2 &&
    (await countHeld(client, names, best[0], notices.length > 0 ? 'notice' : 'event')) === best[1] &&
    (await holds(client, names, best[0], keys[0]!));
  if (completes)
    return {
      consulted: ranked.map(([id]) => id),
      id: best[0],
      relation: 'version',
      note: `the whole of issue ${best[0]}, which held only its first ${best[1]} of ${keys.length}`,
    };
  if (share < MAJORITY) {
    const shared = ranked.map(([issue, n]) => `${n} with ${issue}`).join(', ');
    return {
      consulted: ranked.map(([id]) => id),
      id: parsedId,
      relation: 'ambiguous',
      note: `identity ambiguous: of its ${keys.length} notices it shares ${shared}; kept as issue ${parsedId}, shared records not duplicated`,
    };
  }
  const [issue, held] = best;
  const total = await countHeld(client, names, issue, notices.length > 0 ? 'notice' : 'event');
  // Fewer of the issue's records: a copy cut short lacks its last ones; a correction that
  // withdrew some keeps the last (it is a version).
  const partial =
    held === keys.length &&
    total > keys.length &&
    !keys.includes(await lastHeld(client, names, issue, notices.length > 0 ? 'notice' : 'event'));
  const also =
    runnerUp && runnerUp[1] / keys.length >= 0.2 ? `; it also shares ${runnerUp[1]} with ${runnerUp[0]}` : '';
  if (partial)
    return {
      consulted: ranked.map(([id]) => id),
      id: issue,
      relation: 'partial',
      note: `partial copy of issue ${issue} (${held} of its ${total} ${notices.length > 0 ? 'notices' : 'entries'}): nothing removed${also}`,
    };
  const renamed =
    issue !== parsedId
      ? `read as issue ${parsedId}, a version of issue ${issue} (${held} of ${keys.length} shared)`
      : '';
  return {
    consulted: ranked.map(([id]) => id),
    id: issue,
    relation: 'version',
    note: renamed || also ? `${renamed}${also}`.replace(/^; /u, '') : null,
  };
}

/** How many of these records each issue holds. */
async function issuesHolding(client: Meilisearch, names: IndexNames, ids: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const page = await client
      .index<SearchDocument>(names.records)
      .getDocuments<Pick<SearchDocument, 'issue' | 'issues'>>({
        ids: chunk,
        fields: ['issue', 'issues'],
        limit: chunk.length,
      });
    for (const d of page.results)
      for (const issue of d.issues ?? [d.issue]) counts.set(issue, (counts.get(issue) ?? 0) + 1);
  }
  return counts;
}

/** The id of an issue's last record of a kind, by its place in the file. */
async function lastHeld(
  client: Meilisearch,
  names: IndexNames,
  issue: string,
  kind: 'notice' | 'event',
): Promise<string> {
  const filter = `(${equals('issues', issue)} OR ${equals('issue', issue)}) AND ${equals('kind', kind)}`;
  const page = await client
    .index<SearchDocument>(names.records)
    .getDocuments({ filter, fields: ['id'], sort: ['source.line:desc'], limit: 1 });
  return page.results[0]?.id ?? '';
}

/** Whether an issue holds a record. */
async function holds(client: Meilisearch, names: IndexNames, issue: string, id: string): Promise<boolean> {
  const page = await client
    .index<SearchDocument>(names.records)
    .getDocuments<Pick<SearchDocument, 'issue' | 'issues'>>({ ids: [id], fields: ['issue', 'issues'], limit: 1 });
  const held = page.results[0];
  return !!held && (held.issues ?? [held.issue]).includes(issue);
}

/** How many records of a kind an issue holds. */
async function countHeld(
  client: Meilisearch,
  names: IndexNames,
  issue: string,
  kind: 'notice' | 'event',
): Promise<number> {
  const page = await client.index<SearchDocument>(names.records).getDocuments({
    filter: `(${equals('issues', issue)} OR ${equals('issue', issue)}) AND ${equals('kind', kind)}`,
    fields: ['id'],
    limit: 1,
  });
  return page.total;
}
