// The search page: reads the API, renders facets, results, a notice view and a person view.
const $ = (selector) => document.querySelector(selector);
const KIND_NAMES = { notice: '公文', clause: '条款', table: '表格', personnel: '人事任免', event: '大事记' };
const FACETS = [
  ['departments', 'department', '责任部门'],
  ['docType', 'docType', '文种'],
  ['year', 'year', '年份'],
  ['kind', 'kind', '类别'],
  ['people', 'person', '人物'],
];
const state = { q: '', from: '', to: '', department: '', docType: '', kind: '', year: '', person: '', offset: 0 };

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
// Highlights come from the API as escaped text with <mark> around matches. Whatever the API
// sends, only bare <mark> and </mark> become markup here: any other < > " ' is escaped again
// (entities already in the text stay entities, which show as text).
function highlighted(html) {
  return String(html ?? '').split(/(<\/?mark>)/).map((part) => (part === '<mark>' || part === '</mark>' ? part : part.replace(/[<>"']/g, (c) => escapeHtml(c)))).join('');
}

function searchParams() {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const key of ['department', 'docType', 'kind', 'person']) if (state[key]) params.set(key, state[key]);
  const from = state.year ? `${state.year}-01-01` : state.from;
  const to = state.year ? `${state.year}-12-31` : state.to;
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  params.set('limit', '20');
  params.set('offset', String(state.offset));
  return params;
}

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.message ?? response.statusText);
  return body;
}

async function runSearch() {
  $('#summary').textContent = '检索中…';
  try {
    const result = await getJson(`/api/search?${searchParams()}`);
    renderResults(result);
    renderFacets(result.facets);
  } catch (error) {
    $('#summary').textContent = `出错：${error.message}`;
  }
}

function renderFacets(facets) {
  const parts = [];
  for (const [field, param, title] of FACETS) {
    const counts = Object.entries(facets[field] ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 15);
    if (!counts.length) continue;
    parts.push(`<h2>${title}</h2><ul>`);
    for (const [value, count] of counts) {
      const active = state[param] === value;
      const label = field === 'kind' ? KIND_NAMES[value] ?? value : value;
      parts.push(`<li><button type="button" class="facet${active ? ' active' : ''}" data-param="${param}" data-value="${escapeHtml(value)}">${escapeHtml(label)} <span class="count">${Number(count)}</span></button></li>`);
    }
    parts.push('</ul>');
  }
  $('#facets').innerHTML = parts.join('');
}

// A crop from the start of a clause starts with its own marker (（二）…): show the outer levels before it.
function pathOf(hit) {
  if (!hit.path?.length) return '';
  const outer = hit.crop.startsWith(hit.path.at(-1)) ? hit.path.slice(0, -1) : hit.path;
  return outer.length ? `<span class="path">${escapeHtml(outer.join(''))}</span> ` : '';
}

function renderResults(result) {
  $('#summary').textContent = `共 ${result.totalExact === false ? '约 ' : ''}${result.total} 条结果` + (result.interpretation.docNumber ? `（文号 ${result.interpretation.docNumber}${result.interpretation.citing ? `，其中 ${result.interpretation.citing} 条引用此文号` : ''}）` : '')
    + (result.interpretation.corrections?.length ? `（已按 ${result.interpretation.corrections.map((c) => `“${c.searched}”`).join('、')} 搜索，输入为 ${result.interpretation.corrections.map((c) => `“${c.typed}”`).join('、')}；加引号可按原词搜索）` : '');
  $('#summary').dataset.total = String(result.total);
  renderSuggestions(result.interpretation.suggestions ?? []);
  // What this summary answers, so a reader (or a test) can tell a stale result from a new one.
  $('#summary').dataset.query = `${state.q}|${state.kind}|${state.department}|${state.docType}|${state.year}`;
  $('#results').innerHTML = result.hits.map((hit) => {
    const text = hit.highlight.text ? highlighted(hit.highlight.text) : escapeHtml(hit.crop);
    const title = hit.highlight.title ? highlighted(hit.highlight.title) : escapeHtml(hit.title ?? '');
    const noticeId = hit.kind === 'notice' ? hit.id : hit.noticeId;
    const who = hit.kind === 'personnel' ? `<a href="#" data-person="${escapeHtml(hit.person)}">${escapeHtml(hit.person)}</a> ` : (hit.people ?? []).map((p) => `<a href="#" data-person="${escapeHtml(p)}">${escapeHtml(p)}</a>`).join(' ');
    return `<li class="hit" data-kind="${escapeHtml(hit.kind)}">
      <div class="meta">${escapeHtml(KIND_NAMES[hit.kind] ?? hit.kind)} · ${hit.docNumber ? `<span class="doc-number">${escapeHtml(hit.docNumber)}</span> · ` : ''}${escapeHtml(hit.date ?? '')} · <span class="source">${escapeHtml(hit.source.file)}:${Number(hit.source.line)}</span></div>
      ${title ? `<div><strong>${title}</strong></div>` : ''}
      <div class="text">${pathOf(hit)}${text}</div>
      <div class="meta">${who}${noticeId ? ` <a href="#" data-notice="${escapeHtml(noticeId)}" data-lines="${Number(hit.source.line)}-${Number(hit.source.endLine)}">查看全文</a>` : ''}</div>
    </li>`;
  }).join('');
  const pages = [];
  if (state.offset > 0) pages.push('<button type="button" data-page="-20">上一页</button>');
  // The total counts every match, but pages reach only the first 10 000 (maxTotalHits; the export has them all).
  if (state.offset + 20 < Math.min(result.total, 10_000)) pages.push('<button type="button" data-page="20">下一页</button>');
  $('#pager').innerHTML = pages.join(' ');
}

async function showNotice(id, lines) {
  const view = await getJson(`/api/notices/${encodeURIComponent(id)}`);
  const [from, to] = (lines ?? '0-0').split('-').map(Number);
  const first = view.notice.source.line;
  const body = view.notice.text.split('\n').map((line, i) => {
    const lineNumber = first + i;
    const hit = lineNumber >= from && lineNumber <= to;
    return hit ? `<span class="hit-line">${escapeHtml(line)}</span>` : escapeHtml(line);
  }).join('\n');
  const status = view.status.state === 'repealed' ? `<p>已被 ${view.status.repealedBy.map((n) => escapeHtml(n.docNumber ?? n.title)).join('、')} 废止</p>` : '';
  $('#detail').hidden = false;
  $('#detail').innerHTML = `<h2>${escapeHtml(view.notice.title ?? '')}</h2>
    <p class="meta">${escapeHtml(view.notice.docNumber ?? '')} · ${escapeHtml(view.notice.issuer ?? '')} · ${escapeHtml(view.notice.date ?? '')} · ${escapeHtml(view.notice.source.file)}:${first}</p>${status}
    <pre>${body}</pre>`;
  $('#detail .hit-line')?.scrollIntoView({ block: 'center' });
}

async function showPerson(name) {
  const view = await getJson(`/api/people/${encodeURIComponent(name)}`);
  const WHAT = { appoint: '任', remove: '免', event: '大事记' };
  const entries = view.timeline.map((t) => `<li><span class="date">${escapeHtml(t.date ?? '日期不详')}</span> <span class="what">${WHAT[t.what]}</span> ${escapeHtml(t.text)}${t.docNumber && t.what !== 'event' ? `（${escapeHtml(t.docNumber)}）` : ''}</li>`).join('');
  $('#detail').hidden = false;
  $('#detail').innerHTML = `<h2>${escapeHtml(view.name)}</h2><p class="meta">任免 ${view.personnel.length} 条 · 大事记 ${view.events.length} 条</p><h3>时间线</h3><ol class="timeline">${entries || '<li>无</li>'}</ol>`;
}

/** Near document numbers for one that matched nothing, as buttons that search them (built as text, never markup). */
function renderSuggestions(numbers) {
  const buttons = numbers.map((number) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'suggestion';
    button.dataset.q = number;
    button.textContent = number;
    return button;
  });
  $('#suggestions').replaceChildren(...(buttons.length ? [document.createTextNode('没有这个文号。您要找的是不是：'), ...buttons] : []));
}

$('#suggestions').addEventListener('click', (event) => {
  const button = event.target.closest('button.suggestion');
  if (!button) return;
  $('#q').value = button.dataset.q;
  Object.assign(state, { q: button.dataset.q, offset: 0 });
  runSearch();
});
$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  Object.assign(state, { q: $('#q').value.trim(), from: $('#from').value, to: $('#to').value, offset: 0 });
  runSearch();
});
$('#facets').addEventListener('click', (event) => {
  const button = event.target.closest('button.facet');
  if (!button) return;
  const { param, value } = button.dataset;
  state[param] = state[param] === value ? '' : value;
  state.offset = 0;
  runSearch();
});
$('#pager').addEventListener('click', (event) => {
  const step = Number(event.target.dataset.page);
  if (step) {
    state.offset = Math.max(0, state.offset + step);
    runSearch();
  }
});
$('#results').addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link) return;
  event.preventDefault();
  if (link.dataset.notice) showNotice(link.dataset.notice, link.dataset.lines);
  if (link.dataset.person) showPerson(link.dataset.person);
});

const initial = new URLSearchParams(location.search);
if (initial.get('notice')) showNotice(initial.get('notice'));
if (initial.get('q')) {
  $('#q').value = initial.get('q');
  state.q = initial.get('q');
}
runSearch();
