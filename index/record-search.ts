import {
  type FederatedMultiSearchParams,
  type Hit,
  type Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  type SearchParams,
  type SearchResponse,
} from 'meilisearch';
import type { DocNumber, GazetteRecord } from '../parsers/index.js';
import { analyzeQuery } from './analyze-query.js';
import { type Match, type MatchPlan, matchPlans } from './match-plans.js';
import type { Correction } from './misspellings.js';
import { buildFilter, namesUnknownDepartment } from './build-filter.js';
import { type FacetSources, departmentsContaining } from './department-parts.js';
import { nearestNumbers, numberFilters, secondPartPage } from './number-search.js';
import { toSimplified } from './to-simplified.js';
import type { SearchDocument } from './documents.js';
import { IndexMissingError, SearchServerError, SearchUnavailableError } from './errors.js';
import { equals } from './filter.js';
import { cropAround, markWords } from './excerpt.js';
import { highlightHtml } from './highlight.js';
import type { IndexNames } from './index-names.js';
import type { TextPart } from './notice-text.js';
import {
  KEYSET_FIELDS,
  KEYSET_PHASES,
  type KeysetPhase,
  afterKey,
  atOrBeforeKey,
  compareByKey,
  keyOf,
  sameKey,
} from './keyset.js';
import { SEARCH_FACETS, type SearchParameters } from './search-parameters.js';

/**
 * A record as the API returns it, with highlights of its text fields as safe HTML: the text
 * escaped, the matches in `<mark>` (the only markup).
 */
export type RecordHit = GazetteRecord & {
  people?: string[];
  year?: number | null;
  keywords?: string[];
  highlight: Partial<Record<'text' | 'title' | 'heading', string>>;
};

type FieldOf<T> = T extends unknown ? keyof T : never;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * Whether a hit of a result list carries each stored field. A list shows a record's names,
 * number, date, path and where it is printed, and a crop of its text around the matches; the
 * long fields (the text itself, a table's cells, a clause's list of members) come with the
 * record's own route (/api/notices/:id). Every field is named, so a new one is decided here.
 */
const IN_LIST: Record<FieldOf<SearchDocument>, boolean> = {
  id: true,
  kind: true,
  issue: true,
  source: true,
  departments: true,
  jurisdiction: true,
  docNumber: true,
  docPrefix: true,
  docYear: true,
  docSeq: true,
  title: true,
  docType: true,
  issuer: true,
  date: true,
  addressees: true,
  section: true,
  attachments: true,
  cites: true,
  repeals: true,
  effective: true,
  noticeId: true,
  path: true,
  heading: true,
  documentKind: true,
  documentTitle: true,
  caption: true,
  panel: true,
  person: true,
  action: true,
  mode: true,
  post: true,
  probation: true,
  posts: true,
  note: true,
  datePrecision: true,
  endDate: true,
  people: true,
  timeOfDay: true,
  year: true,
  issues: true,
  sightings: true,
  text: false,
  rows: false,
  header: false,
  groups: false,
  merged: false,
  members: false,
  repealStatements: false,
  enclosures: false,
  tokens: false,
  keywords: false,
  textParts: false,
  contentHash: false,
  dateValue: false,
  noticeKey: false,
};
const LIST_FIELDS = Object.keys(IN_LIST).filter((field) => IN_LIST[field as keyof typeof IN_LIST]);
type LongField =
  | 'text'
  | 'rows'
  | 'header'
  | 'groups'
  | 'merged'
  | 'members'
  | 'repealStatements'
  | 'enclosures'
  | 'keywords';

/** A hit of a result list: the record without its long fields, and `crop`, its text cut to the words around the matches (plain text). */
export type ListHit = DistributiveOmit<RecordHit, LongField> & { crop: string };

/** Result of a search. */
export interface SearchResult<H = RecordHit> {
  /** How many records match: every one, not capped at `pagination.maxTotalHits`. */
  total: number;
  /**
   * Whether `total` is exact. It is counted from the `kind` facet, which Meilisearch computes
   * over every match. With `distinct` (one hit per notice) the facet counts are not reliable past
   * `maxTotalHits`, so `total` is then Meilisearch's estimate (at most `maxTotalHits`), and false.
   */
  totalExact: boolean;
  hits: H[];
  /** Counts per value of kind, jurisdiction, departments, docType and year. */
  facets: Record<string, Record<string, number>>;
  /** How the query was read: a document number, the query strings sent, and the misspellings corrected. */
  interpretation: {
    docNumber: string | null;
    queries: string[];
    corrections: Correction[];
    /** For a document number: how many of the matches cite it (the rest are the notice that has it). */
    citing?: number;
    /** For a document number nothing has or cites: the nearest existing numbers. */
    suggestions?: string[];
    /** How closely the hits match the query's words (match-plans.ts): the strictest way that matched anything. */
    match?: Match;
  };
}

/** Stored fields a hit carries: everything but the worker's tokens and the content hash. */
const HIDDEN = new Set(['tokens', 'contentHash', 'dateValue', 'noticeKey', 'textParts']);
const HIGHLIGHTED = ['text', 'title', 'heading'] as const;

/**
 * Searching the records index: the query read like the index (simplified characters, the
 * domain dictionary, document numbers in any spelling, no 10-word cut), filters from escaped
 * values, facet counts, highlights.
 */
export class RecordSearch {
  /**
   * @param options.remotes the shards (index/cluster.ts): every search is then one remote
   *   federated multi-search, one query per shard, the facets merged by Meilisearch
   * @param options.rankingScores hits of `search` carry Meilisearch's `rankingScore` (tests and
   *   benches compare deployments with it: hits of equal score come in no defined order)
   */
  constructor(
    private readonly client: Meilisearch,
    readonly names: IndexNames,
    private readonly options: { remotes?: string[]; rankingScores?: boolean } = {},
  ) {}

  /**
   * Searches the records index: on the one server, or on every shard at once (one federated
   * query per remote). A shard that did not answer fails the search rather than leave its hits out.
   */
  private async searchRecords(q: string, params: SearchParams): Promise<SearchResponse<SearchDocument>> {
    const remotes = this.options.remotes;
    if (!remotes)
      return this.client
        .index<SearchDocument>(this.names.records)
        .search(q, params)
        .catch((error: unknown) => this.readFailure(error));
    const { limit, offset, facets, ...query } = params;
    return this.federated([q], query, { limit: limit ?? 20, offset: offset ?? 0, facets });
  }

  /**
   * A failed read as what a reader can act on: no records index (nothing ingested) or no
   * answer from Meilisearch; anything else as it came.
   */
  private readFailure(error: unknown): never {
    if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found')
      throw new IndexMissingError(this.names.records, { cause: error });
    if (error instanceof MeilisearchRequestError)
      throw new SearchUnavailableError(
        `Meilisearch did not answer a search of ${this.names.records}: ${error.message}`,
        { cause: error },
      );
    throw error;
  }

  /** A federated multi-search of these query strings (times the shards, when sharded), merged by Meilisearch. */
  private async federated(
    strings: string[],
    query: SearchParams,
    page: { limit: number; offset: number; facets?: string[] | undefined },
  ): Promise<SearchResponse<SearchDocument>> {
    const remotes = this.options.remotes ?? [undefined];
    const federated: FederatedMultiSearchParams = {
      federation: {
        limit: page.limit,
        offset: page.offset,
        ...(page.facets ? { facetsByIndex: { [this.names.records]: page.facets }, mergeFacets: {} } : {}),
      },
      queries: strings.flatMap((q) =>
        remotes.map((remote) => ({
          indexUid: this.names.records,
          q,
          ...query,
          ...(remote ? { federationOptions: { weight: 1, remote } } : {}),
        })),
      ),
    };
    const response = await this.client
      .multiSearch<FederatedMultiSearchParams, SearchDocument>(federated)
      .catch((error: unknown) => this.readFailure(error));
    const remoteErrors = (response as { remoteErrors?: Record<string, { message?: string }> }).remoteErrors ?? {};
    const failed = Object.entries(remoteErrors);
    if (failed.length > 0)
      throw new SearchServerError(`shard ${failed.map(([name, e]) => `${name}: ${e.message ?? 'error'}`).join('; ')}`);
    return response;
  }

  /**
   * Runs a search for a result list: hits without their long fields (ListHit). A query that
   * spells a document number is answered by the notice that has it, then the records citing it.
   */
  async search(params: SearchParameters): Promise<SearchResult<ListHit>> {
    return (await this.run(params, { within: [], highlight: true, list: true })) as unknown as SearchResult<ListHit>;
  }

  /** The same search, its hits whole records (with highlights) rather than what a list shows. */
  searchWhole(params: SearchParameters): Promise<SearchResult> {
    return this.run(params, { within: [], highlight: true });
  }

  /**
   * A search with more filter expressions (`within`), without highlights when they are not
   * shown, its hits in keyset order (`orderBy`) rather than ranked when asked, and with the
   * filter of its parameters already resolved (`filter`) or a way of matching (`match`) already
   * chosen, when a caller runs it many times.
   */
  private async run(
    params: SearchParameters,
    options: {
      within: string[];
      highlight: boolean;
      list?: boolean;
      orderBy?: readonly string[];
      match?: Match;
      filter?: string[];
    },
  ): Promise<SearchResult> {
    const analyzed = analyzeQuery(params.q ?? '');
    const filter = [...(options.filter ?? (await this.filterOf(params))), ...options.within];
    const limit = params.limit ?? 20;
    const offset = params.offset ?? 0;
    const common: SearchParams = {
      filter,
      ...(this.options.rankingScores ? { showRankingScore: true } : {}),
      // A list's hits: Meilisearch sends only the fields a list shows, and the text to crop.
      ...(options.list ? { attributesToRetrieve: [...LIST_FIELDS, 'text'] } : {}),
      ...(params.distinct ? { distinct: 'noticeKey' } : {}),
      ...(params.sort && params.sort !== 'relevance' ? { sort: [`dateValue:${params.sort.slice(5)}`] } : {}),
    };
    const shape: HitShape = {
      orderBy: options.orderBy,
      scores: this.options.rankingScores,
      list: options.list,
      ...(options.highlight ? { words: [] } : {}),
    };
    if (analyzed.docNumber) return this.numberAnswer(analyzed.docNumber, filter, common, params, shape);
    const plans = matchPlans(analyzed);
    const chosen = options.match ? plans.filter((plan) => plan.match === options.match) : plans;
    let result: SearchResult | null = null;
    for (const plan of chosen.length ? chosen : plans) {
      result = await this.runPlan(
        plan,
        common,
        { limit, offset, distinct: params.distinct, corrections: analyzed.corrections },
        shape.words ? { ...shape, words: wordsOf(plan) } : shape,
      );
      if (result.total > 0) break;
    }
    return result!;
  }

  /**
   * One way of matching: a single query, or several merged by ranking score (federated). The
   * total of several is Meilisearch's estimate and their facet counts are added per query, so
   * both are marked inexact.
   */
  private async runPlan(
    plan: MatchPlan,
    common: SearchParams,
    page: { limit: number; offset: number; distinct?: boolean; corrections: Correction[] },
    shape: HitShape,
  ): Promise<SearchResult> {
    const reading = {
      docNumber: null,
      queries: plan.queries.map((query) => query.q),
      corrections: page.corrections,
      match: plan.match,
    };
    // The queries of one plan share their matching strategy.
    const strategy = plan.queries[0]!.matchingStrategy;
    const query = { ...common, ...(strategy ? { matchingStrategy: strategy } : {}) };
    const response =
      plan.queries.length === 1
        ? await this.searchRecords(plan.queries[0]!.q, {
            ...query,
            facets: [...SEARCH_FACETS],
            limit: page.limit,
            offset: page.offset,
          })
        : await this.federated(
            plan.queries.map((q) => q.q),
            query,
            { limit: page.limit, offset: page.offset, facets: [...SEARCH_FACETS] },
          );
    // Merged facet counts count a record once per query it matched: the total is Meilisearch's estimate (as with distinct).
    return toResult(response, reading, { ...shape, estimated: plan.queries.length > 1 || page.distinct });
  }

  /**
   * A query that spells a document number: the records of the notice with that number (in the
   * order printed), then the records citing it (newest first); a cited-by answer is still an
   * answer. A number that nothing has or cites gets the nearest existing numbers as suggestions.
   */
  private async numberAnswer(
    number: DocNumber,
    filter: string[],
    common: SearchParams,
    params: SearchParameters,
    shape: HitShape,
  ): Promise<SearchResult> {
    const limit = params.limit ?? 20;
    const offset = params.offset ?? 0;
    const filters = numberFilters(number.text, filter);
    const own = toResult(
      await this.searchRecords('', {
        ...common,
        filter: filters.own,
        sort: ['source.line:asc'],
        facets: [...SEARCH_FACETS],
        limit,
        offset,
      }),
      EMPTY_READING,
      { ...shape, estimated: params.distinct },
    );
    const page = secondPartPage(offset, limit, own.total, own.hits.length);
    const citing = toResult(
      await this.searchRecords('', {
        ...common,
        filter: filters.citing,
        sort: ['dateValue:desc', 'source.line:asc'],
        facets: [...SEARCH_FACETS],
        ...page,
      }),
      EMPTY_READING,
      { ...shape, estimated: params.distinct },
    );
    const total = own.total + citing.total;
    const suggestions =
      total === 0 ? await nearestNumbers((q, query) => this.searchRecords(q, query), number, filter) : [];
    return {
      total,
      totalExact: own.totalExact && citing.totalExact,
      hits: [...own.hits, ...citing.hits],
      facets: addFacets(own.facets, citing.facets),
      interpretation: { docNumber: number.text, queries: [], corrections: [], citing: citing.total, suggestions },
    };
  }

  /**
   * The filter of a search's parameters. A department that is no known name or alias is taken
   * as part of a name (自然资源): the indexed names containing it, when there are any.
   */
  private async filterOf(params: SearchParameters): Promise<string[]> {
    if (!namesUnknownDepartment(params)) return buildFilter(params);
    const containing = await departmentsContaining(
      this.facetSources(),
      toSimplified(params.department!.trim()),
      params.jurisdiction,
    );
    return buildFilter(
      params,
      containing.map((d) => d.value),
    );
  }

  /** Where department names are looked up: Meilisearch's facet search (of the one server) and facet counts (of every shard). */
  private facetSources(): FacetSources {
    return {
      facetSearch: (query) =>
        this.client
          .index(this.names.records)
          .searchForFacetValues(query)
          .catch((error: unknown) => this.readFailure(error)),
      search: (q, query) => this.searchRecords(q, query),
    };
  }

  /** The indexed departments whose names contain `part`, with their record counts, most first. */
  departments(part: string, jurisdiction?: string): Promise<Array<{ value: string; count: number }>> {
    return departmentsContaining(this.facetSources(), toSimplified(part.trim()), jurisdiction);
  }

  /**
   * One notice by id, or null (through search: the API's key may only search), with where its
   * parts go in its whole text (its `text` is the frame the index holds: index/notice-text.ts).
   */
  async notice(id: string): Promise<(RecordHit & { textParts: TextPart[] }) | null> {
    const response = await this.searchRecords('', {
      filter: [equals('kind', 'notice'), equals('noticeKey', id)],
      limit: 1,
    });
    const hit = response.hits[0];
    return hit ? { ...toHit(hit), textParts: hit.textParts ?? [] } : null;
  }

  /** The first `limit` records (at most 1 000) matching a filter in a Meilisearch sort order, such as a feed's newest notices. */
  async first(filter: string[], sort: string[], limit: number): Promise<RecordHit[]> {
    const response = await this.searchRecords('', { filter, sort, limit: Math.min(limit, KEYSET_PAGE) });
    return response.hits.map((hit) => toHit(hit));
  }

  /**
   * Every record matching a filter (no query), in keyset order (by date, line and id; undated
   * records last), page after page: all of them, however many, never cut at `maxTotalHits`.
   */
  async *browse(filter: string[]): AsyncGenerator<RecordHit> {
    for await (const page of this.keysetPages(filter)) for (const hit of page.hits) yield toHit(hit);
  }

  /**
   * Every record matching a search, its query included, in keyset order. The records of the
   * filters are walked in windows of one keyset page; the query is then run inside each window,
   * where it can match no more records than the window holds, so no match is cut off by
   * `maxTotalHits` or by relevance paging.
   */
  async *every(params: SearchParameters): AsyncGenerator<RecordHit> {
    const { limit: _limit, offset: _offset, sort: _sort, distinct: _distinct, ...search } = params;
    const filter = await this.filterOf(search);
    if (!search.q?.trim()) {
      yield* this.browse(filter);
      return;
    }
    // The way of matching is chosen once, over all records, so that every window matches alike.
    const { match } = (await this.run({ ...search, limit: 0, offset: 0 }, { within: [], highlight: false, filter }))
      .interpretation;
    for await (const page of this.keysetPages(filter, KEYSET_FIELDS)) {
      // The window holds at most a page of records (more only if some were written meanwhile).
      const result = await this.run(
        { ...search, limit: KEYSET_PAGE, offset: 0 },
        { within: page.window, highlight: false, orderBy: page.phase.keys, match, filter },
      );
      yield* result.hits;
    }
  }

  /** All records matching a filter, as an array, in keyset order. */
  async all(filter: string[]): Promise<RecordHit[]> {
    const hits: RecordHit[] = [];
    for await (const hit of this.browse(filter)) hits.push(hit);
    return hits;
  }

  /**
   * The keyset pages of a filter: each page is the next records after the last one seen, with
   * the filter expressions of the window it covers (after the previous page, up to its last
   * record). A page ends the walk only when it is empty, since `maxTotalHits` may cut a page
   * shorter than asked.
   */
  private async *keysetPages(
    filter: string[],
    fields?: string[],
  ): AsyncGenerator<{ hits: Array<Hit<SearchDocument>>; window: string[]; phase: KeysetPhase }> {
    for (const phase of KEYSET_PHASES) {
      let after: string[] = [];
      let previous: Array<string | number> | null = null;
      for (;;) {
        const response = await this.searchRecords('', {
          filter: [...filter, phase.filter, ...after],
          sort: phase.keys.map((key) => `${key}:asc`),
          limit: KEYSET_PAGE,
          ...(fields ? { attributesToRetrieve: fields } : {}),
        });
        if (response.hits.length === 0) break;
        const last = keyOf(response.hits.at(-1)!, phase.keys);
        // Two records whose ids differ only in case would hold the walk in place: refuse to loop.
        if (previous && sameKey(previous, last))
          throw new TypeError(
            `keyset paging of ${this.names.records} did not advance past ${JSON.stringify(last)}: ids must differ other than in case`,
          );
        previous = last;
        yield { hits: response.hits, window: [phase.filter, ...after, atOrBeforeKey(phase.keys, last)], phase };
        after = [afterKey(phase.keys, last)];
      }
    }
  }
}

const EMPTY_READING: SearchResult['interpretation'] = { docNumber: null, queries: [], corrections: [] };

/** The words of a plan's queries, unquoted, each once: what its hits are highlighted by. */
function wordsOf(plan: MatchPlan): string[] {
  const words = plan.queries
    .flatMap((query) => query.q.match(/"[^"]*"|\S+/g) ?? [])
    .map((word) => word.replaceAll('"', ''));
  return [...new Set(words)];
}

/** Facet counts of two disjoint result sets, added. */
function addFacets(a: SearchResult['facets'], b: SearchResult['facets']): SearchResult['facets'] {
  const sum: SearchResult['facets'] = {};
  for (const facets of [a, b])
    for (const [facet, counts] of Object.entries(facets)) {
      const into = sum[facet] ?? {};
      sum[facet] = into;
      for (const [value, n] of Object.entries(counts)) into[value] = (into[value] ?? 0) + n;
    }
  return sum;
}

/** Records asked for per keyset page. */
const KEYSET_PAGE = 1000;

/** How a response's hits are made: their order (keyset), ranking scores, whether they are a list's, and the words highlighted (none: no highlights). */
interface HitShape {
  orderBy?: readonly string[] | undefined;
  scores?: boolean | undefined;
  list?: boolean | undefined;
  words?: string[] | undefined;
}

/**
 * The result of a response. Its `estimatedTotalHits` stops at `maxTotalHits`; the `kind` facet
 * counts every match (each record has exactly one kind), so its sum is the exact total, except
 * when its facet counts are not one per record (`estimated`): with `distinct`, whose counts
 * Meilisearch 1.21 computes from a capped set, and for merged queries.
 */
function toResult(
  response: SearchResponse<SearchDocument>,
  interpretation: SearchResult['interpretation'],
  shape: HitShape & { estimated?: boolean | undefined },
): SearchResult {
  if (shape.orderBy) response.hits.sort(compareByKey(shape.orderBy));
  const facets = response.facetDistribution ?? {};
  const estimate = response.estimatedTotalHits ?? response.hits.length;
  // No match at all: Meilisearch may leave the facet out rather than give it no values.
  const kinds = facets.kind ?? (estimate === 0 ? {} : undefined);
  const exact = !shape.estimated && kinds !== undefined;
  const total = exact ? Object.values(kinds).reduce((sum, n) => sum + n, 0) : estimate;
  const hits = response.hits.map((hit) => {
    const made = toHit(hit, shape);
    return shape.scores ? { ...made, rankingScore: hit._rankingScore ?? null } : made;
  });
  return { total, totalExact: exact, hits, facets, interpretation };
}

/**
 * A hit as the API gives it: the stored fields but the worker's, with highlights of the words
 * (index/excerpt.ts) when asked; a list's without its text, which only its crop shows.
 */
function toHit(hit: Hit<SearchDocument>, shape: HitShape = {}): RecordHit {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(hit)) if (!HIDDEN.has(key) && !key.startsWith('_')) record[key] = value;
  const highlight: RecordHit['highlight'] = {};
  if (shape.words) {
    const crop = cropAround(hit.text ?? '', shape.words);
    const marked = {
      text: crop,
      title: markWords((hit as { title?: string | null }).title, shape.words),
      heading: markWords((hit as { heading?: string | null }).heading, shape.words),
    };
    for (const field of HIGHLIGHTED) {
      const html = marked[field] ? highlightHtml(marked[field]) : null;
      if (html) highlight[field] = html;
    }
    if (shape.list) {
      delete record.text;
      record.crop = crop.replace(/[\uE000\uE001]/g, '');
    }
  }
  return { ...(record as unknown as GazetteRecord), highlight };
}
