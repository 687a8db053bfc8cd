// A person's timeline: appointments, removals and chronicle mentions in date order.
import { escapeHtml, navLink } from './html.js';
import { urlOf } from './url-state.js';

const WHAT = { appoint: '任职', remove: '免职', event: '大事记' };

/** The person view's HTML from `/api/people/:name`. */
export function personHtml(view, state) {
  const notices = new Map(view.personnel.map((p) => [p.id, p.noticeId]));
  const entries = view.timeline
    .map((entry) => {
      const noticeId = notices.get(entry.id);
      const doc =
        entry.docNumber && noticeId
          ? ` ${navLink(urlOf({ ...state, notice: noticeId, hit: entry.id, profile: '' }), escapeHtml(entry.docNumber), `data-notice="${escapeHtml(noticeId)}"`)}`
          : '';
      return `<li class="entry what-${escapeHtml(entry.what)}" data-what="${escapeHtml(entry.what)}">
      <span class="date">${escapeHtml(entry.date ?? '日期不详')}</span>
      <span class="badge">${WHAT[entry.what] ?? escapeHtml(entry.what)}</span>
      <span class="entry-text">${escapeHtml(entry.text)}</span>${doc}
      <span class="meta source">${escapeHtml(entry.source.file)}:${Number(entry.source.line)}</span>
    </li>`;
    })
    .join('');
  const appointed = view.personnel.filter((p) => p.action !== 'remove').length;
  return `<p class="close">${navLink(urlOf({ ...state, profile: '' }), '← 返回结果列表', 'class="back"')}</p>
    <h2 id="detail-title" tabindex="-1">${escapeHtml(view.name)}</h2>
    <p class="meta">任职 ${appointed} 条 · 免职 ${view.personnel.length - appointed} 条 · 大事记 ${view.events.length} 条 · ${navLink(urlOf({ ...state, q: '', person: view.name, page: 1, profile: '' }), '检索提及此人的全部记录')}</p>
    <h3>时间线</h3>
    <ol class="timeline">${entries || '<li>已收录的记录中没有此人</li>'}</ol>`;
}
