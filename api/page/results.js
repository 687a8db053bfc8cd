// The result list: facets, active filters, hits (one by one or grouped per notice), pages, exports.
import { escapeHtml, highlighted, navLink } from './html.js';
import { FILTERS, filterParams, lastPage, urlOf, withChanges } from './url-state.js';

export const KIND_NAMES = { notice: '公文', clause: '条款', table: '表格', personnel: '人事任免', event: '大事记' };
const FACETS = [
  ['departments', 'department', '责任部门'],
  ['docType', 'docType', '文种'],
  ['year', 'year', '年份'],
  ['kind', 'kind', '类别'],
  ['people', 'person', '人物'],
];
const FILTER_NAMES = {
  department: '责任部门',
  docType: '文种',
  kind: '类别',
  person: '人物',
  year: '年份',
  from: '起',
  to: '止',
};

/** Facet counts as toggle buttons (pressed when the filter is on); the counts are those of the list's records. */
export function facetsHtml(facets, state) {
  const parts = [];
  for (const [field, param, title] of FACETS) {
    const counts = Object.entries(facets[field] ?? {})
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 15);
    if (!counts.length) continue;
    parts.push(
      `<section class="facet-group"><h2 id="facet-${param}">${title}</h2><ul aria-labelledby="facet-${param}">`,
    );
    for (const [value, count] of counts) {
      const active = state[param] === value;
      const label = field === 'kind' ? (KIND_NAMES[value] ?? value) : value;
      parts.push(
        `<li><button type="button" class="facet${active ? ' active' : ''}" aria-pressed="${active}" data-param="${param}" data-value="${escapeHtml(value)}">${escapeHtml(label)} <span class="count">${Number(count)}</span></button></li>`,
      );
    }
    parts.push('</ul></section>');
  }
  return parts.join('') || '<p class="meta">无可筛选项</p>';
}

/** The filters in force, each a link that removes it. */
export function activeFiltersHtml(state) {
  const on = FILTERS.filter((key) => state[key]);
  if (!on.length) return '';
  const chips = on.map((key) => {
    const value = key === 'kind' ? (KIND_NAMES[state[key]] ?? state[key]) : state[key];
    return navLink(
      urlOf(withChanges(state, { [key]: '' })),
      `${FILTER_NAMES[key]}：${escapeHtml(value)} <span aria-hidden="true">×</span>`,
      `class="chip" aria-label="去掉筛选 ${escapeHtml(FILTER_NAMES[key])}：${escapeHtml(value)}"`,
    );
  });
  return `当前筛选：${chips.join(' ')}`;
}

/** The summary line: the exact record total, and in grouped view how many notices (or entries) they fall in. */
export function summaryText(result, groups, state) {
  const { interpretation } = result;
  let text = `共 ${result.totalExact === false ? '约 ' : ''}${result.total} 条结果`;
  if (groups && result.total > 0)
    text += `，归并为 ${groups.totalExact === false ? '约 ' : ''}${groups.total} 篇公文或条目`;
  if (interpretation.docNumber)
    text += `（文号 ${interpretation.docNumber}${interpretation.citing ? `，其中 ${interpretation.citing} 条引用此文号` : ''}）`;
  if (interpretation.corrections?.length) {
    text += `（已按 ${interpretation.corrections.map((c) => `“${c.searched}”`).join('、')} 搜索，输入为 ${interpretation.corrections.map((c) => `“${c.typed}”`).join('、')}；加引号可按原词搜索）`;
  }
  const pages = lastPage(groups ? groups.total : result.total);
  if (pages > 1) text += ` · 第 ${Math.min(state.page, pages)} / ${pages} 页`;
  return text;
}

// A crop from the start of a clause starts with its own marker (（二）…): show the outer levels before it.
function pathOf(hit) {
  if (!hit.path?.length) return '';
  const outer = hit.crop.startsWith(hit.path.at(-1)) ? hit.path.slice(0, -1) : hit.path;
  return outer.length ? `<span class="path">${escapeHtml(outer.join(''))}</span> ` : '';
}

function noticeIdOf(hit) {
  return hit.kind === 'notice' ? hit.id : (hit.noticeId ?? null);
}

function personLinks(hit, state) {
  const names = hit.kind === 'personnel' ? [hit.person] : (hit.people ?? []);
  return names
    .map((name) =>
      navLink(
        urlOf({ ...state, notice: '', hit: '', profile: name }),
        escapeHtml(name),
        `data-person="${escapeHtml(name)}"`,
      ),
    )
    .join(' ');
}

/** One hit: what it is, where it was printed, its highlighted text, and links to its notice and people. */
function hitHtml(hit, state, { withTitle }) {
  // A notice's frame keeps its printed blank lines; in a list they are only gaps. Its title and
  // number lines say nothing the title and meta lines above it (or its group's heading) do not.
  let text = (hit.highlight.text ? highlighted(hit.highlight.text) : escapeHtml(hit.crop)).replace(/\n\s*\n+/g, '\n');
  if (hit.kind === 'notice') {
    const known = new Set([hit.title, hit.docNumber].filter(Boolean).map((t) => escapeHtml(t)));
    text = text
      .split('\n')
      .filter((line) => !known.has(line.replace(/<\/?mark>/g, '').trim()))
      .join('\n');
  }
  const title = hit.highlight.title ? highlighted(hit.highlight.title) : escapeHtml(hit.title ?? '');
  const noticeId = noticeIdOf(hit);
  const open = noticeId
    ? navLink(
        urlOf({ ...state, notice: noticeId, hit: hit.id, profile: '' }),
        hit.kind === 'notice' ? '查看全文' : '在全文中查看',
        `data-notice="${escapeHtml(noticeId)}"`,
      )
    : '';
  return `<li class="hit" data-kind="${escapeHtml(hit.kind)}" data-id="${escapeHtml(hit.id)}">
      <div class="meta">${escapeHtml(KIND_NAMES[hit.kind] ?? hit.kind)} · ${hit.docNumber ? `<span class="doc-number">${escapeHtml(hit.docNumber)}</span> · ` : ''}${escapeHtml(hit.date ?? '')} · <span class="source">${escapeHtml(hit.source.file)}:${Number(hit.source.line)}</span></div>
      ${withTitle && title ? `<div class="title"><strong>${title}</strong></div>` : ''}
      <div class="text">${pathOf(hit)}${text}</div>
      <div class="meta links">${personLinks(hit, state)}${open ? ` ${open}` : ''}</div>
    </li>`;
}

/** The hits one by one, in the order the API gave them. */
export function hitsHtml(hits, state) {
  return hits.map((hit) => hitHtml(hit, state, { withTitle: true })).join('');
}

/**
 * Hits grouped per notice: each of the page's notices (one `distinct` hit each) with its
 * matching records under it in printed order; a record of no notice (a chronicle event) alone.
 */
export function groupsHtml(groupHits, members, state) {
  return groupHits
    .map((lead) => {
      const noticeId = noticeIdOf(lead);
      if (!noticeId)
        return `<li class="group single"><ol class="members">${hitHtml(lead, state, { withTitle: true })}</ol></li>`;
      const own = members.filter((m) => noticeIdOf(m) === noticeId);
      const parts = (own.some((m) => m.id === lead.id) ? own : [lead, ...own]).sort((a, b) =>
        a.kind === 'notice' ? -1 : b.kind === 'notice' ? 1 : a.source.line - b.source.line,
      );
      const notice = parts.find((m) => m.kind === 'notice');
      const title = notice?.highlight.title
        ? highlighted(notice.highlight.title)
        : escapeHtml(lead.title ?? lead.caption ?? lead.docNumber ?? '（无标题）');
      const shown = parts.filter((m) => m.kind !== 'notice' || m.highlight.text);
      return `<li class="group" data-notice-id="${escapeHtml(noticeId)}">
      <h3 class="group-title">${navLink(urlOf({ ...state, notice: noticeId, hit: lead.id, profile: '' }), title, `data-notice="${escapeHtml(noticeId)}"`)}</h3>
      <div class="meta">${lead.docNumber ? `<span class="doc-number">${escapeHtml(lead.docNumber)}</span> · ` : ''}${escapeHtml(lead.issuer ?? '')}${lead.date ? ` · ${escapeHtml(lead.date)}` : ''} · 本页匹配 ${shown.length} 处</div>
      <ol class="members">${shown.map((m) => hitHtml(m, state, { withTitle: false })).join('')}</ol>
    </li>`;
    })
    .join('');
}

/** Numbered pages: the first, the last, and two either side of the current one, as links. */
export function pagerHtml(total, state) {
  const last = lastPage(total);
  if (last <= 1) return '';
  const current = Math.min(state.page, last);
  const wanted = new Set([1, last]);
  for (let p = current - 2; p <= current + 2; p += 1) if (p >= 1 && p <= last) wanted.add(p);
  const pages = [...wanted].sort((a, b) => a - b);
  const items = [];
  if (current > 1)
    items.push(
      `<li>${navLink(urlOf({ ...state, page: current - 1, notice: '', hit: '' }), '上一页', 'rel="prev"')}</li>`,
    );
  pages.forEach((p, i) => {
    if (i > 0 && p - pages[i - 1] > 1) items.push('<li class="gap" aria-hidden="true">…</li>');
    items.push(
      p === current
        ? `<li><a href="${escapeHtml(urlOf({ ...state, page: p }))}" data-nav aria-current="page" class="current" data-page="${p}">${p}</a></li>`
        : `<li>${navLink(urlOf({ ...state, page: p, notice: '', hit: '' }), String(p), `data-page="${p}" aria-label="第 ${p} 页"`)}</li>`,
    );
  });
  if (current < last)
    items.push(
      `<li>${navLink(urlOf({ ...state, page: current + 1, notice: '', hit: '' }), '下一页', 'rel="next"')}</li>`,
    );
  const note = total > 10_000 ? '<p class="meta">页码只到前 10 000 条；全部结果请用导出。</p>' : '';
  return `<ol class="pages">${items.join('')}</ol>${note}`;
}

/** Export links for the current search, and the department's feed when a department is chosen. */
export function exportsHtml(state) {
  const params = filterParams(state);
  const link = (format, label) =>
    `<a href="/api/export?${escapeHtml(new URLSearchParams([...params, ['format', format]]).toString())}" download>${label}</a>`;
  const feed = state.department
    ? ` · <a href="/api/feed.atom?${escapeHtml(new URLSearchParams({ department: state.department }).toString())}" type="application/atom+xml">订阅 ${escapeHtml(state.department)} 的新公文（Atom）</a>`
    : ' · <span class="meta">选择责任部门后可订阅其新公文</span>';
  return `导出全部结果：${link('csv', 'CSV（Excel）')} · ${link('jsonl', 'JSON Lines')}${feed}`;
}
