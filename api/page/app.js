// The search page: the URL is the state; every change is a new address (pushState), and every
// address (a reload, Back/Forward, a pasted link) is drawn from the URL alone.
import { ApiProblem, getJson, problemText } from './api.js';
import { noticeHtml } from './notice-view.js';
import { personHtml } from './person-view.js';
import { activeFiltersHtml, exportsHtml, facetsHtml, groupsHtml, hitsHtml, pagerHtml, summaryText } from './results.js';
import {
  PAGE_SIZE,
  lastPage,
  listKey,
  searchParams,
  searchesAnything,
  stateFromUrl,
  urlOf,
  withChanges,
} from './url-state.js';

const $ = (selector) => document.querySelector(selector);
let state = stateFromUrl(location.search);
let shownList = null;
let shownDetail = null;
// Each draw counts; an answer that arrives after a newer draw began is dropped.
let drawing = 0;

/** Goes to a new state: a new history entry, then the screen drawn from it. */
function go(next) {
  history.pushState(null, '', urlOf(next));
  draw();
}

function fillForm() {
  $('#q').value = state.q;
  $('#from').value = state.from;
  $('#to').value = state.to;
  $('#sort').value = state.sort;
  for (const radio of document.querySelectorAll('input[name=view]')) radio.checked = radio.value === state.view;
}

/** A problem as a message with what to do (plain text), plus a retry button for what may pass. */
function showProblem(where, problem, what) {
  const { title, action } = problemText(
    problem instanceof ApiProblem ? problem : new ApiProblem(-1, 'page', String(problem?.message ?? problem)),
    what,
  );
  const heading = document.createElement('strong');
  heading.textContent = title;
  const detail = document.createElement('p');
  detail.textContent = action;
  const retry = document.createElement('button');
  retry.type = 'button';
  retry.className = 'retry';
  retry.textContent = '重试';
  where.replaceChildren(heading, detail, retry);
  where.hidden = false;
  where.dataset.code = problem.code ?? 'error';
}

async function drawList(turn) {
  const grouped = state.view === 'notices';
  $('#summary').textContent = '检索中…';
  $('#summary').setAttribute('aria-busy', 'true');
  $('#problem').hidden = true;
  try {
    // The record list gives the exact total and the facet counts (counts of records, as in the list of them);
    // grouped, the page's notices are one `distinct` hit each, and their matching records a second search.
    const records = getJson(`/api/search?${searchParams(state, grouped ? { limit: 0, offset: 0 } : {})}`);
    const groups = grouped ? getJson(`/api/search?${searchParams(state, { distinct: true })}`) : null;
    const [result, groupResult] = await Promise.all([records, groups]);
    const noticeIds = groupResult
      ? [...new Set(groupResult.hits.map((h) => (h.kind === 'notice' ? h.id : h.noticeId)).filter(Boolean))]
      : [];
    const members = noticeIds.length
      ? await getJson(`/api/search?${searchParams(state, { notices: noticeIds.join(','), limit: 100, offset: 0 })}`)
      : { hits: [] };
    if (turn !== drawing) return;
    const empty =
      result.total === 0 && (!searchesAnything(state) || (await getJson('/api/search?limit=0')).total === 0);
    if (turn !== drawing) return;
    if (empty) throw new ApiProblem(503, 'not_ingested', 'the index holds no records');
    renderList(result, groupResult, members.hits);
  } catch (error) {
    if (turn !== drawing) return;
    renderList(null);
    $('#summary').textContent = '';
    showProblem($('#problem'), error, '检索');
  } finally {
    if (turn === drawing) $('#summary').removeAttribute('aria-busy');
  }
}

function renderList(result, groupResult, members) {
  if (!result) {
    for (const id of ['#results', '#pager', '#facets', '#active-filters', '#suggestions']) $(id).replaceChildren();
    $('#exports').replaceChildren();
    delete $('#summary').dataset.url;
    return;
  }
  $('#summary').textContent = summaryText(result, groupResult, state);
  $('#summary').dataset.total = String(result.total);
  // What this summary answers, so a reader (or a test) can tell a stale result from a new one.
  $('#summary').dataset.query = `${state.q}|${state.kind}|${state.department}|${state.docType}|${state.year}`;
  $('#summary').dataset.url = urlOf({ ...state, notice: '', hit: '', profile: '' });
  $('#results').className = groupResult ? 'grouped' : 'records';
  // Numbered on from the pages before: the 21st hit is 21 on page 2.
  $('#results').start =
    (Math.min(state.page, lastPage(groupResult ? groupResult.total : result.total)) - 1) * PAGE_SIZE + 1;
  $('#results').innerHTML = groupResult ? groupsHtml(groupResult.hits, members, state) : hitsHtml(result.hits, state);
  $('#pager').innerHTML = pagerHtml(groupResult ? groupResult.total : result.total, state);
  $('#facets').innerHTML = facetsHtml(result.facets, state);
  $('#active-filters').innerHTML = activeFiltersHtml(state);
  $('#exports').innerHTML = result.total > 0 ? exportsHtml(state) : '';
  renderNoResults(result);
}

/** No match: say so, with the numbers the search suggests and the filters that may be too narrow (built as text). */
function renderNoResults(result) {
  const box = $('#suggestions');
  if (result.total > 0) return box.replaceChildren();
  const parts = [document.createTextNode(`没有找到${state.q ? `与“${state.q}”相符的` : ''}记录。`)];
  const numbers = result.interpretation.suggestions ?? [];
  if (numbers.length) {
    parts.push(document.createTextNode('没有这个文号。您要找的是不是：'));
    for (const number of numbers) {
      const link = document.createElement('a');
      link.href = urlOf(withChanges(state, { q: number, notice: '', hit: '' }));
      link.dataset.nav = '';
      link.className = 'suggestion';
      link.textContent = number;
      parts.push(link, document.createTextNode(' '));
    }
  } else if (activeFiltersHtml(state)) {
    parts.push(document.createTextNode('可以去掉上面的筛选条件再试。'));
  } else {
    parts.push(document.createTextNode('可以减少检索词，或换一种说法再试。'));
  }
  box.replaceChildren(...parts);
}

async function drawDetail(turn) {
  const detail = $('#detail');
  const key = state.notice ? `n:${state.notice}:${state.hit}` : state.profile ? `p:${state.profile}` : '';
  document.body.classList.toggle('detail-open', Boolean(key));
  if (key === shownDetail) return;
  shownDetail = key;
  if (!key) {
    detail.hidden = true;
    detail.replaceChildren();
    detail.dataset.shows = '';
    return;
  }
  detail.hidden = false;
  detail.setAttribute('aria-busy', 'true');
  detail.replaceChildren(document.createTextNode('载入中…'));
  try {
    const html = state.notice
      ? noticeHtml(await getJson(`/api/notices/${encodeURIComponent(state.notice)}`), state.hit, state)
      : personHtml(await getJson(`/api/people/${encodeURIComponent(state.profile)}`), state);
    if (turn !== drawing) return;
    detail.innerHTML = html;
    detail.dataset.shows = key;
    const hit = state.hit && document.getElementById(`r-${state.hit}`);
    $('#detail-title')?.focus({ preventScroll: true });
    (hit || detail).scrollIntoView({ block: hit ? 'center' : 'start' });
  } catch (error) {
    if (turn !== drawing) return;
    shownDetail = null;
    const box = document.createElement('div');
    box.className = 'problem';
    box.setAttribute('role', 'alert');
    showProblem(box, error, state.notice ? '公文' : '人物');
    const back = document.createElement('a');
    back.href = urlOf({ ...state, notice: '', hit: '', profile: '' });
    back.dataset.nav = '';
    back.textContent = '← 返回结果列表';
    detail.replaceChildren(box, back);
    detail.dataset.shows = `error:${key}`;
  } finally {
    if (turn === drawing) detail.removeAttribute('aria-busy');
  }
}

/** Draws the screen the URL says: the list only when what decides it changed. */
function draw() {
  state = stateFromUrl(location.search);
  drawing += 1;
  const turn = drawing;
  fillForm();
  const key = listKey(state);
  const jobs = [drawDetail(turn)];
  if (key !== shownList) {
    shownList = key;
    jobs.push(drawList(turn));
  }
  return Promise.all(jobs);
}

$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  go(
    withChanges(state, {
      q: $('#q').value.trim(),
      from: $('#from').value,
      to: $('#to').value,
      year: '',
      notice: '',
      hit: '',
      profile: '',
    }),
  );
});
$('#sort').addEventListener('change', () => go(withChanges(state, { sort: $('#sort').value })));
$('#view').addEventListener('change', (event) => go(withChanges(state, { view: event.target.value })));
$('#facets').addEventListener('click', (event) => {
  const button = event.target.closest('button.facet');
  if (!button) return;
  const { param, value } = button.dataset;
  const changes = { [param]: state[param] === value ? '' : value };
  // A year and a typed date range are two ways of saying a range: the newer one wins.
  if (param === 'year') Object.assign(changes, { from: '', to: '' });
  go(withChanges(state, changes));
});
document.addEventListener('click', (event) => {
  if (event.target.closest('button.retry')) {
    shownList = null;
    shownDetail = null;
    draw();
    return;
  }
  const jump = event.target.closest('a[data-jump]');
  if (jump) {
    event.preventDefault();
    const target = document.getElementById(jump.dataset.jump);
    if (target?.tagName === 'DETAILS') target.open = true;
    target?.scrollIntoView({ block: 'start' });
    return;
  }
  const link = event.target.closest('a[data-nav]');
  // A modified click (new tab, new window) is the browser's: the address is a whole screen anyway.
  if (
    !link ||
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  event.preventDefault();
  history.pushState(null, '', link.getAttribute('href'));
  draw();
});
window.addEventListener('popstate', () => draw());

// On a narrow screen the facets start folded, so the results come first.
if (window.matchMedia('(max-width: 700px)').matches) $('#facet-panel').open = false;
draw();
