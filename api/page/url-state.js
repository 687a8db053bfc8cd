// The screen as a URL: the query, filters, sort, page, list view and the open notice or person.
// Every screen has one address, so reload, Back/Forward and a pasted link show it again.

/** Filters the page sets, by their URL (and API) names. */
export const FILTERS = ['department', 'docType', 'kind', 'person', 'year', 'from', 'to'];
/** The page's sort names and the API's. */
export const SORTS = { relevance: 'relevance', newest: 'date:desc', oldest: 'date:asc' };
/** Hits per page. */
export const PAGE_SIZE = 20;
/** Pages reach the first 10 000 matches (Meilisearch's maxTotalHits; the export has them all). */
export const MAX_REACHABLE = 10_000;

const DEFAULTS = { q: '', sort: 'relevance', page: 1, view: 'notices', notice: '', hit: '', profile: '' };

/** The state a URL's query string says (anything missing or invalid is its default). */
export function stateFromUrl(search) {
  const params = new URLSearchParams(search);
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const state = {
    q: params.get('q') ?? '',
    sort: Object.hasOwn(SORTS, params.get('sort') ?? '') ? params.get('sort') : 'relevance',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    view: params.get('view') === 'records' ? 'records' : 'notices',
    notice: params.get('notice') ?? '',
    hit: params.get('hit') ?? '',
    profile: params.get('profile') ?? '',
  };
  for (const key of FILTERS) state[key] = params.get(key) ?? '';
  return state;
}

/** The page address of a state: only what differs from the defaults, in a fixed order. */
export function urlOf(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of FILTERS) if (state[key]) params.set(key, state[key]);
  for (const key of ['sort', 'page', 'view', 'notice', 'hit', 'profile']) {
    if (state[key] && state[key] !== DEFAULTS[key]) params.set(key, String(state[key]));
  }
  const query = params.toString();
  return query ? `/?${query}` : '/';
}

/** A state changed: `changes` applied, and back to page 1 unless the change is a page. */
export function withChanges(state, changes) {
  return { ...state, page: 1, ...changes };
}

/** What decides the result list: a change of anything else (the open notice) needs no new search. */
export function listKey(state) {
  return JSON.stringify([state.q, ...FILTERS.map((key) => state[key]), state.sort, state.page, state.view]);
}

/** The search's filters and query as API parameters (a year facet is a date range). */
export function filterParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of ['department', 'docType', 'kind', 'person']) if (state[key]) params.set(key, state[key]);
  const from = state.year ? `${state.year}-01-01` : state.from;
  const to = state.year ? `${state.year}-12-31` : state.to;
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  return params;
}

/** `/api/search` parameters of a state's page, with `extra` added. */
export function searchParams(state, extra = {}) {
  const params = filterParams(state);
  if (state.sort !== 'relevance') params.set('sort', SORTS[state.sort]);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((Math.min(state.page, lastPage(MAX_REACHABLE)) - 1) * PAGE_SIZE));
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return params;
}

/** The last page that a number of matches fills (pages past the first 10 000 matches are not reachable). */
export function lastPage(total) {
  return Math.max(1, Math.ceil(Math.min(total, MAX_REACHABLE) / PAGE_SIZE));
}

/** Whether a state filters or queries anything: with nothing, a search matches every record. */
export function searchesAnything(state) {
  return Boolean(state.q || FILTERS.some((key) => state[key]));
}
