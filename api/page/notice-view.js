// A notice shown as a document: its head, its text in printed order with clauses by level and
// tables as tables, attachments, citations both ways, repeal status, and its source lines.
import { escapeHtml, navLink } from './html.js';
import { urlOf } from './url-state.js';

// 第一章, 第二节 …: headings of a level, not provisions.
const HEADING = /^第[一二三四五六七八九十百零〇\d]+[章节编部分]/;

function clauseHtml(clause, hitId) {
  const depth = Math.min(clause.path?.length || 1, 5);
  const hit = clause.id === hitId ? ' hit" aria-current="true' : '';
  const text = escapeHtml(clause.text);
  if (HEADING.test(clause.path?.at(-1) ?? '') && clause.text.length < 40)
    return `<h3 class="clause heading depth-${depth}${hit}" id="r-${escapeHtml(clause.id)}">${text}</h3>`;
  return `<p class="clause depth-${depth}${hit}" id="r-${escapeHtml(clause.id)}">${text}</p>`;
}

function tableHtml(table, hitId) {
  const caption = table.caption ? `<figcaption>${escapeHtml(table.caption)}</figcaption>` : '';
  const header = table.header?.length
    ? `<thead><tr>${table.header.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('')}</tr></thead>`
    : '';
  const rows = table.rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  const label = escapeHtml(table.caption ?? '表格');
  // A wide table scrolls inside its own box (focusable, so a keyboard can scroll it), never the page.
  return `<figure class="table${table.id === hitId ? ' hit' : ''}" id="r-${escapeHtml(table.id)}">${caption}<div class="table-scroll" tabindex="0" role="region" aria-label="${label}"><table>${header}<tbody>${rows}</tbody></table></div></figure>`;
}

/**
 * The notice's text in printed order: each clause or table where it starts, and the lines of
 * the frame (addressee, signature, date …) no part holds, except the title and number shown above.
 */
function bodyHtml(view, hitId) {
  const { notice } = view;
  // A personnel record is no part of its own: its lines are the frame's, marked when it is the hit.
  const person = view.personnel.find((p) => p.id === hitId);
  let personMarked = false;
  const parts = [...view.clauses, ...view.tables].sort((a, b) => a.source.line - b.source.line);
  const byLine = new Map(parts.map((part) => [part.source.line, part]));
  const lines = notice.text.split('\n');
  const out = [];
  const head = new Set([notice.docNumber, notice.title].filter(Boolean));
  for (let i = 0; i < lines.length; i += 1) {
    const lineNumber = notice.source.line + i;
    const part = byLine.get(lineNumber);
    if (part) {
      out.push(part.kind === 'table' ? tableHtml(part, hitId) : clauseHtml(part, hitId));
      i += Math.max(0, (part.source.endLine ?? lineNumber) - lineNumber);
      continue;
    }
    const text = lines[i].trim();
    if (!text || head.has(text) || (i < 4 && notice.title?.includes(text))) continue;
    if (person && lineNumber >= person.source.line && lineNumber <= (person.source.endLine ?? person.source.line)) {
      out.push(
        `<p class="frame hit" aria-current="true"${personMarked ? '' : ` id="r-${escapeHtml(person.id)}"`}>${escapeHtml(text)}</p>`,
      );
      personMarked = true;
      continue;
    }
    out.push(`<p class="frame">${escapeHtml(text)}</p>`);
  }
  return out.join('');
}

function noticeLink(notice, state) {
  const label = `${notice.docNumber ? `${escapeHtml(notice.docNumber)} ` : ''}${escapeHtml(notice.title ?? '')}`;
  return navLink(
    urlOf({ ...state, notice: notice.id, hit: '', profile: '' }),
    label,
    `data-notice="${escapeHtml(notice.id)}"`,
  );
}

function searchLink(docNumber, state) {
  return navLink(
    urlOf({ ...state, q: docNumber, page: 1, notice: '', hit: '', profile: '' }),
    escapeHtml(docNumber),
    'class="search-number"',
  );
}

function relationsHtml(view, state) {
  const { notice } = view;
  const cites = view.cites
    .map(
      (c) =>
        `<li>${c.notice ? noticeLink(c.notice, state) : `${searchLink(c.docNumber, state)} <span class="meta">（未收录，点击检索引用它的记录）</span>`}</li>`,
    )
    .join('');
  const citedBy = view.citedBy.map((n) => `<li>${noticeLink(n, state)}</li>`).join('');
  const repeals = (notice.repeals ?? []).map((number) => `<li>${searchLink(number, state)}</li>`).join('');
  return `<section class="relations" aria-label="引用关系">
    <h3>本文引用</h3>${cites ? `<ul class="cites">${cites}</ul>` : '<p class="meta">无</p>'}
    <h3>引用本文的公文</h3>${citedBy ? `<ul class="cited-by">${citedBy}</ul>` : '<p class="meta">已收录的公文中没有</p>'}
    ${repeals ? `<h3>本文废止</h3><ul class="repeals">${repeals}</ul>` : ''}
  </section>`;
}

function statusHtml(view, state) {
  if (view.status.state === 'repealed') {
    return `<p class="status repealed" role="note"><strong>已废止</strong>：被 ${view.status.repealedBy.map((n) => noticeLink(n, state)).join('、')} 废止</p>`;
  }
  return '<p class="status in-force">现行：已收录的公文中没有废止它的</p>';
}

/** The printed lines, numbered as in the file, the hit's lines marked. */
function sourceHtml(notice, hitLines) {
  const [from, to] = hitLines;
  const lines = notice.text.split('\n').map((line, i) => {
    const n = notice.source.line + i;
    return `<span class="line${n >= from && n <= to ? ' hit-line' : ''}" id="L${n}"><span class="ln" aria-hidden="true">${n}</span>${escapeHtml(line)}</span>`;
  });
  return `<details id="source"><summary>原文：${escapeHtml(notice.source.file)} 第 ${Number(notice.source.line)}–${Number(notice.source.endLine)} 行</summary><pre>${lines.join('\n')}</pre></details>`;
}

/**
 * The table an attachment is: the one captioned with its title, else the first table after the
 * last line printing its title (the attachment's own heading, after the signature).
 */
function attachmentTable(view, title) {
  const captioned = view.tables.find((t) => t.caption === title);
  if (captioned) return captioned;
  const lines = view.notice.text.split('\n');
  const at = lines.findLastIndex((line) => line.trim() === title);
  if (at < 0) return null;
  const lineNumber = view.notice.source.line + at;
  return view.tables.filter((t) => t.source.line > lineNumber).sort((a, b) => a.source.line - b.source.line)[0] ?? null;
}

/** The notice view's HTML; `hitId` is the record the reader came from (marked and scrolled to). */
export function noticeHtml(view, hitId, state) {
  const { notice } = view;
  const hit = [...view.clauses, ...view.tables, ...view.personnel, notice].find((r) => r.id === hitId);
  const hitLines = hit && hit.kind !== 'notice' ? [hit.source.line, hit.source.endLine ?? hit.source.line] : [0, 0];
  const attachments = [...new Set([...(notice.attachments ?? []), ...(notice.enclosures ?? [])])]
    .map((title) => {
      const table = attachmentTable(view, title);
      return `<li>${table ? `<a href="#r-${escapeHtml(table.id)}" data-jump="r-${escapeHtml(table.id)}">${escapeHtml(title)}</a>` : escapeHtml(title)}</li>`;
    })
    .join('');
  const personnel = view.personnel
    .map(
      (p) =>
        `<li>${navLink(urlOf({ ...state, notice: '', hit: '', profile: p.person }), escapeHtml(p.person), `data-person="${escapeHtml(p.person)}"`)} ${p.action === 'remove' ? '免' : '任'} ${escapeHtml(p.post ?? p.text)}</li>`,
    )
    .join('');
  const sightings =
    (notice.sightings ?? []).length > 1
      ? `<p class="meta">也刊于：${notice.sightings.map((s) => `${escapeHtml(s.file)}:${Number(s.line)}`).join('、')}</p>`
      : '';
  return `<p class="close">${navLink(urlOf({ ...state, notice: '', hit: '' }), '← 返回结果列表', 'class="back"')}</p>
    <h2 id="detail-title" tabindex="-1">${escapeHtml(notice.title ?? '（无标题）')}</h2>
    <dl class="notice-meta">
      ${notice.docNumber ? `<dt>文号</dt><dd class="doc-number">${escapeHtml(notice.docNumber)}</dd>` : ''}
      ${notice.issuer ? `<dt>发文机关</dt><dd>${escapeHtml(notice.issuer)}</dd>` : ''}
      ${notice.date ? `<dt>成文日期</dt><dd>${escapeHtml(notice.date)}</dd>` : ''}
      ${notice.docType ? `<dt>文种</dt><dd>${escapeHtml(notice.docType)}</dd>` : ''}
      <dt>出处</dt><dd><a href="#source" data-jump="source" class="source-link">${escapeHtml(notice.source.file)}:${Number(notice.source.line)}–${Number(notice.source.endLine)}</a></dd>
    </dl>
    ${statusHtml(view, state)}${sightings}
    <div class="document">${bodyHtml(view, hitId)}</div>
    ${attachments ? `<section class="attachments"><h3>附件</h3><ul>${attachments}</ul></section>` : ''}
    ${personnel ? `<section class="personnel"><h3>人事任免</h3><ul>${personnel}</ul></section>` : ''}
    ${relationsHtml(view, state)}
    ${sourceHtml(notice, hitLines)}`;
}
