import { INLINE_DATE_SOURCE } from './dates.js';
import { type MarkerStyle, matchMarker } from './markers.js';
import { parseDocNumberLine } from './doc-number.js';
import { docTypeOf, endsLikeSentence, isIssuerLine, isRoleSignature, isTitleStart } from './titles.js';

/*
 * Reading a physical line that a crawler or a converter flowed together (a whole notice on one
 * line) back into the logical lines of a line-broken document: where its paragraphs, clauses and
 * signature start, and whether the line holds the same text twice.
 */

/** A run of two or more ideographic spaces: the paragraph break of a flattened web page. */
const PARAGRAPH_GAP = /\u3000{2,}/g;
/** A sentence end followed by such a gap: the sign that a physical line holds many paragraphs. */
const SENTENCE_GAP = /[。：；！？]\u3000{2,}/g;
/** Lines shorter than this are ordinary paragraphs, even with gaps or markers inside. */
const FLOWED_LENGTH = 200;

/** Where a sentence ends: 。！？；, a lead-in's ：, or a closing quote right after one (修正案: …。”二、…). */
function endsSentenceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i - 1);
  if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0xff1a) return true; // 。！？；：
  return (c === 0x201d || c === 0x300d) && endsSentenceAt(text, i - 1); // ” 」
}

/** Whether SENTENCE_GAP occurs at least once in a long line. */
function hasSentenceGap(value: string): boolean {
  SENTENCE_GAP.lastIndex = 0;
  const found = SENTENCE_GAP.test(value);
  SENTENCE_GAP.lastIndex = 0;
  return found;
}

/** A half-open range of a line's value. */
export interface Span {
  from: number;
  to: number;
}

/** The paragraphs of a flattened line, cut at its U+3000 gaps; the whole line otherwise. */
export function paragraphSpans(value: string): Span[] {
  if (value.length <= FLOWED_LENGTH || !hasSentenceGap(value)) return [{ from: 0, to: value.length }];
  const spans: Span[] = [];
  let from = 0;
  for (const gap of value.matchAll(PARAGRAPH_GAP)) {
    if (gap.index > from && value.slice(from, gap.index).trim() !== '') spans.push({ from, to: gap.index });
    from = gap.index + gap[0].length;
  }
  if (from < value.length && value.slice(from).trim() !== '') spans.push({ from, to: value.length });
  return spans;
}

/** Markers whose numbering a run-on text continues: the outer styles, never arabic ones (1.5万). */
const RUN_ON_STYLES = new Set<MarkerStyle>(['zhang', 'jie', 'tiao', 'cnDun', 'cnParen']);
/** Characters a marker can start with: 第, a Chinese numeral, an opening parenthesis. */
const MARKER_FIRST = new Set(Array.from('第一二三四五六七八九十（(', (c) => c.charCodeAt(0)));
/** A sentence end followed by the start of an outer clause marker, anywhere. */
const MAY_RUN_ON =
  /[。！？；：][”」]*(?:第[一二三四五六七八九十百零〇]+[章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/u;
/** A sentence end, with the closing quotes after it (。”). */
const SENTENCE_END = /[。！？；：][”」]*/gu;

/**
 * Where clause markers start inside a run-on paragraph: right after a sentence end, and only
 * when they go on with the numbering seen so far in the line (第三条 after 第二条, or a first
 * 一、/（一）/第一章), so that a reference such as `。第五条规定的…` is not a clause.
 */
function markerCuts(value: string, span: Span, last: Map<MarkerStyle, number>): number[] {
  const cuts: number[] = [];
  // One test of the whole line rules out most: a marker right after a sentence end is rare.
  if (!MAY_RUN_ON.test(value)) return cuts;
  const first = matchMarker(value.slice(span.from, span.from + 12));
  if (first && RUN_ON_STYLES.has(first.style)) last.set(first.style, first.n);
  // By sentence end rather than by marker start: numerals such as 一 are everywhere in the text.
  SENTENCE_END.lastIndex = span.from;
  for (let m = SENTENCE_END.exec(value); m && m.index < span.to - 1; m = SENTENCE_END.exec(value)) {
    const at = m.index + m[0].length;
    if (!MARKER_FIRST.has(value.charCodeAt(at)) || !endsSentenceAt(value, at)) continue;
    const marker = matchMarker(value.slice(at, Math.min(span.to, at + 12)));
    if (!marker || !RUN_ON_STYLES.has(marker.style)) continue;
    const previous = last.get(marker.style) ?? 0;
    if (marker.n !== previous + 1 && marker.n !== 1) continue;
    last.set(marker.style, marker.n);
    // A new outer level restarts the inner ones.
    if (marker.style === 'cnDun') last.delete('cnParen');
    if (marker.style === 'zhang') last.delete('jie');
    cuts.push(at);
  }
  return cuts;
}

/** A date at the very end of a paragraph. */
const DATE_AT_END = new RegExp(`(${INLINE_DATE_SOURCE})[ \\u3000]*$`, 'u');
const DAY_AND_PADDING = /日[ \u3000]+$/u;
/** The longest signer looked for before a glued date (two bodies side by side). */
const MAX_SIGNER = 50;

/**
 * Where a signature glued to the end of a paragraph starts (`…一致。河北省人民政府办公厅2024年1月14日`,
 * `…起施行。部长　王志刚2023年5月26日`): the signer and the date, each a cut. Only when what
 * lies between the last sentence end and the date is a signing body or an office holder, so that
 * a sentence that merely ends in a date is left whole.
 */
function signatureCuts(value: string, span: Span): number[] {
  if (value.charCodeAt(span.to - 1) !== 0x65e5 && !DAY_AND_PADDING.test(value.slice(span.to - 4, span.to))) return []; // 日
  const text = value.slice(span.from, span.to);
  const date = DATE_AT_END.exec(text);
  if (!date || date.index === 0) return [];
  let start = date.index;
  while (start > 0 && start > date.index - MAX_SIGNER && !endsSentenceAt(text, start)) start--;
  if (!endsSentenceAt(text, start)) return [];
  const signer = text.slice(start, date.index).trim();
  if (signer !== '' && !isIssuerLine(signer) && !isRoleSignature(signer)) return [];
  return signer === '' ? [span.from + date.index] : [span.from + start, span.from + date.index];
}

/** The longest document number looked for at the start of a line. */
const MAX_NUMBER = 40;
const SENTENCE_PUNCTUATION = /[，。；：:]/u;
/** How far into a line its title start (an issuer, then 关于 …) can reach. */
const TITLE_START_REACH = 80;

/**
 * Whether a line is one logical line, told by a few character tests (every line of every file
 * is asked): short, with no 号 near its start and no addressee colon at its end.
 */
export function isPlainLine(value: string): boolean {
  return value.length <= FLOWED_LENGTH && !mayBeGlued(value);
}

/**
 * Whether a short line may hold a number glued to a title (a 号 near its start) or a title glued
 * to its addressees (a colon at its end, after 各): the only cuts a short line can need.
 */
function mayBeGlued(value: string): boolean {
  if (value.lastIndexOf('号', MAX_NUMBER + 4) >= 0) return true;
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x3000)) end--;
  const last = value.charCodeAt(end - 1);
  return (last === 0xff1a || last === 0x3a) && value.includes('各'); // ： :
}

/**
 * A title glued to the document number before it (`科学技术部令第21号 人类遗传资源管理条例实施细则`,
 * `…令第21号人类…细则`) cut into the number and the title, or null: the number must read as
 * one, and the rest be a short unpunctuated line ending in a document type.
 */
function numberTitleCut(value: string, span: Span): Span[] | null {
  if (span.to - span.from > MAX_NUMBER + 81 || value.lastIndexOf('号', span.from + MAX_NUMBER) < span.from) return null;
  const text = value.slice(span.from, span.to);
  const end = text.indexOf('号') + 1;
  if (end <= 0 || end > MAX_NUMBER || text.length - end > 80) return null;
  if (!parseDocNumberLine(text.slice(0, end).trim())) return null;
  let title = end;
  while (title < text.length && (text[title] === ' ' || text[title] === '\u3000')) title++;
  const rest = text.slice(title);
  if (rest === '' || endsLikeSentence(rest) || docTypeOf(rest) === null || SENTENCE_PUNCTUATION.test(rest)) return null;
  return [
    { from: span.from, to: span.from + end },
    { from: span.from + title, to: span.to },
  ];
}

/** A title's document type directly followed by an addressee list (…的通知各市人民政府：…). */
const TYPE_THEN_ADDRESSEE =
  /(?:通知|通报|决定|意见|批复|复函|函|报告|答复)(?=各[\p{Script=Han}（）()、，]{1,80}?[：:])/u;
/** An addressee list at the start of a run-on paragraph, ending at its colon. */
export const LEADING_ADDRESSEE = /^[^。；：:]{2,160}?[：:]/u;
const ADDRESSEE_ITEMS = /[，、,]/u;
/** What follows the label of a duty line (各区镇：负责…), not an addressee. */
const DUTY_START = /^(?:负责|牵头|配合|协助|做好|承担)/u;

/** Whether a text ending in a colon is a list of addressees: 各… groups or bodies' names. */
export function isAddresseeList(list: string): boolean {
  const items = list.slice(0, -1).split(ADDRESSEE_ITEMS).filter(Boolean);
  return items.length > 0 && items.every((item) => item.startsWith('各') || isIssuerLine(item));
}

/**
 * A title glued to the addressee line after it (`…关于…的通知各县（市、区）人民政府：`), and an
 * addressee glued to the text after it (`各乡镇人民政府：现将…`), cut apart.
 */
function addresseeCuts(value: string, span: Span): Span[] | null {
  if (!isTitleStart(value.slice(span.from, span.from + TITLE_START_REACH))) return null;
  const text = value.slice(span.from, span.to);
  const cuts: number[] = [];
  const glued = isTitleStart(text) ? TYPE_THEN_ADDRESSEE.exec(text) : null;
  const addressee = glued ? glued.index + glued[0].length : 0;
  if (glued) cuts.push(addressee);
  // Only after a title: elsewhere a label and a colon start a duty line (`住建局：结合…`), and the
  // addressees that open a body are cut off by notice-parts, which knows where the body starts.
  const list = glued ? LEADING_ADDRESSEE.exec(text.slice(addressee)) : null;
  const after = list ? text.slice(addressee + list[0].length) : '';
  if (list && after !== '' && !DUTY_START.test(after) && isAddresseeList(list[0]))
    cuts.push(addressee + list[0].length);
  return cuts.length === 0 ? null : cutAt(span, cuts);
}

/**
 * A title at the start of a run-on paragraph, with the bracketed note of its adoption that may
 * follow it (`…关于修改《…条例》的决定（2023年9月28日…会议通过）…会议决定…`): a title shape
 * (issuer and 关于 …, 的, a document type) with no sentence punctuation before the type.
 */
const LEADING_TITLE = new RegExp(
  `^[^。；，：:]{4,100}?的(?:${['决定', '通知', '通报', '意见', '批复', '复函', '决议', '公告', '通告', '报告', '答复', '办法', '规定', '条例', '细则', '修正案'].join('|')})`,
  'u',
);
const BRACKETED_NOTE = /^[（(][^（）()]{4,80}[)）]/u;

function leadingTitleCuts(value: string, span: Span): Span[] | null {
  if (span.to - span.from <= FLOWED_LENGTH || !isTitleStart(value.slice(span.from, span.from + TITLE_START_REACH)))
    return null;
  const text = value.slice(span.from, span.to);
  const title = LEADING_TITLE.exec(text);
  // Not a quoted title inside a sentence (根据《…关于…的意见》…): its brackets must be closed.
  if (!title || count(title[0], '《') !== count(title[0], '》') || text[title[0].length] === '》') return null;
  const cuts = [title[0].length];
  const note = BRACKETED_NOTE.exec(text.slice(title[0].length));
  if (note) cuts.push(title[0].length + note[0].length);
  if (cuts.at(-1)! >= text.length) return null;
  return cutAt(span, cuts);
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** A span cut at offsets relative to its start. */
function cutAt(span: Span, cuts: number[]): Span[] {
  const spans: Span[] = [];
  let from = span.from;
  for (const cut of cuts) {
    spans.push({ from, to: span.from + cut });
    from = span.from + cut;
  }
  spans.push({ from, to: span.to });
  return spans;
}

/**
 * The logical lines of a physical line: its paragraphs (U+3000 gaps), a title glued to the
 * number before it, to the addressee after it or to the text after it, and inside a long run-on
 * paragraph the clause markers and a glued signature, as spans of the value.
 */
export function logicalSpans(value: string): Span[] {
  if (isPlainLine(value)) return [{ from: 0, to: value.length }];
  const paragraphs = paragraphSpans(value).flatMap(
    (span) => numberTitleCut(value, span) ?? addresseeCuts(value, span) ?? leadingTitleCuts(value, span) ?? [span],
  );
  if (value.length <= FLOWED_LENGTH) return paragraphs;
  const last = new Map<MarkerStyle, number>();
  const spans: Span[] = [];
  for (const span of paragraphs) {
    const cuts = [...markerCuts(value, span, last), ...signatureCuts(value, span)].sort((a, b) => a - b);
    let from = span.from;
    for (const cut of cuts) {
      if (cut <= from) continue;
      spans.push({ from, to: cut });
      from = cut;
    }
    spans.push({ from, to: span.to });
  }
  return spans;
}

/** Separators a crawler leaves between two copies of the same text: nothing, or a space or two. */
const COPY_SEPARATORS = ['', ' ', '\u3000', '  ', '\u3000\u3000'];
/** Shorter text printed twice is as likely a real repeat (a refrain, a table of equal cells). */
const MIN_COPY = 20;

/**
 * Where the second copy starts when a line holds the same text twice (a crawler printed the
 * body again: `A A` or `AA`), or -1.
 */
export function secondCopyAt(value: string): number {
  if (value.length < MIN_COPY * 2) return -1;
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x3000)) end--;
  const first = value.charCodeAt(0);
  for (const separator of COPY_SEPARATORS) {
    const rest = end - separator.length;
    if (rest % 2 !== 0) continue;
    const half = rest / 2;
    const second = half + separator.length;
    // The first characters of the two copies tell most lines apart before anything is sliced.
    if (value.charCodeAt(second) !== first || !value.startsWith(separator, half)) continue;
    if (value.slice(0, half) === value.slice(second, end)) return second;
  }
  return -1;
}
