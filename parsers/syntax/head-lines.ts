import { INLINE_DATE_SOURCE, parseDateLine } from './dates.js';
import { type DocNumber, parseDocNumberLine } from './doc-number.js';
import { halfWidthDigits } from './chinese-numerals.js';

/*
 * Lines around a document's head that are not its text: a Markdown heading's hashes, an HTML
 * comment, a newspaper's page header, a portal's buttons; and the promulgation note a rule is
 * printed with (2022年4月14日 国家市场监督管理总局令第56号公布).
 */

/** `# 明码标价和禁止价格欺诈规定`: a Markdown heading. */
const MARKDOWN_HEADING = /^#{1,6}[ \u3000]+/u;
/** Lines that carry no text of the document. */
const NOISE = [
  /^<!--.*-->$/u, // an HTML comment left in a Markdown source
  /^《[^《》]{2,16}》[ \u3000]*[（(][^（）()]*\d{1,2}\s*日[ \u3000]*第?\s*[\d一二三四五六七八九十]{1,3}\s*版[)）]$/u, // 《人民日报》（2023年3月13日 第02版）
  /^(?:第\s*\d{1,3}\s*版|[\dA-Z]{1,3}版)[ \u3000：:][\p{Script=Han}·]{2,12}$/u, // 第02版：要闻
  /^(?:来源|信息来源|稿源|责任编辑|编辑|点击下载|附件下载|打印本页|关闭窗口|分享到|扫一扫)[：:]?.{0,60}$/u,
  /^(?:浏览次数|访问量|阅读量)[：:]\s*\d+$/u,
];

/** A portal's font-size buttons: `【字体：大 中 小】`. */
const FONT_BUTTONS = /^【?字体[：:]?\s*[【[]?\s*大\s*[】\]]?\s*[【[]?\s*中\s*[】\]]?\s*[【[]?\s*小\s*[】\]]?】?$/u;

/** A portal's publication line under a title: `发布时间：2024-03-05 来源：…`, `时间：…`. */
const PUBLICATION = /^(?:发布时间|发布日期|时间)[:：]/u;

/** Whether a line is a portal's publication line (when and where a page published the document), or noise. */
export function isPublicationLine(text: string): boolean {
  return PUBLICATION.test(text) || isNoiseLine(text);
}

/** The text of a line without a Markdown heading's hashes. */
export function withoutMarkdownHeading(text: string): string {
  return text.charCodeAt(0) === 0x23 ? text.replace(MARKDOWN_HEADING, '') : text; // #
}

/** Whether a line carries no text of the document: markup, a page header, a portal's button. */
export function isNoiseLine(text: string): boolean {
  if (text.length > 80) return false;
  // The font-size pattern was a good part of the time spent on noise: looked for only where 字体 is.
  return NOISE.some((pattern) => pattern.test(text)) || (text.includes('字体') && FONT_BUTTONS.test(text));
}

/**
 * A rule's promulgation note: `2022年4月14日 国家市场监督管理总局令第56号公布` or, in brackets,
 * `(2023年9月1日河北省人民政府令〔2023〕第3号公布，自2023年11月1日起施行)`.
 */
const PROMULGATION = new RegExp(
  `^[（(]?[ \\u3000]*(${INLINE_DATE_SOURCE})[ \\u3000]*(\\p{Script=Han}{2,30}令[ \\u3000]*(?:[〔﹝\\[［（(【]\\d{4}[〕﹞\\]］）)】])?[ \\u3000]*第[ \\u3000]*\\d{1,4}[ \\u3000]*号)[ \\u3000]*(?:公布|发布|令)`,
  'u',
);

/** What a promulgation note says: the rule's own number, its date, and who issued it. */
export interface Promulgation {
  docNumber: DocNumber;
  date: string;
  /** The body whose decree it is (the prefix without 令): 国家市场监督管理总局. */
  issuer: string;
}

/** Reads a promulgation note, or null when the line is something else. */
export function readPromulgation(text: string): Promulgation | null {
  if (text.length > 160 || !text.includes('令')) return null;
  const m = PROMULGATION.exec(halfWidthDigits(text));
  if (!m) return null;
  const docNumber = parseDocNumberLine(m[2]!.replace(/[ \u3000]/gu, ''));
  const date = parseDateLine(m[1]!);
  if (!docNumber || !date) return null;
  return { docNumber, date, issuer: docNumber.prefix.slice(0, -1) };
}

/** `2022年7月1日 施行`, `自2023年11月1日起施行`: when a rule takes effect, printed under its title. */
const EFFECTIVE = new RegExp(`^[（(]?自?[ \\u3000]*${INLINE_DATE_SOURCE}[ \\u3000]*起?施行[)）]?$`, 'u');

/** `（2023年9月28日青州省…常务委员会第五次会议通过）`: when a decision or law was adopted. */
const ADOPTION = new RegExp(
  `^[（(](${INLINE_DATE_SOURCE})[^（）()]{0,80}?(?:通过|批准|修正|修订)[^（）()]{0,40}[)）]$`,
  'u',
);

/** The date of an adoption note, or null when the line is none. */
export function readAdoptionDate(text: string): string | null {
  const m = text.length <= 140 ? ADOPTION.exec(halfWidthDigits(text)) : null;
  return m ? parseDateLine(m[1]!) : null;
}

/** Whether a line under a title belongs to the head: a promulgation or adoption note, an effective date, noise. */
export function isHeadNote(text: string): boolean {
  return (
    readPromulgation(text) !== null ||
    readAdoptionDate(text) !== null ||
    EFFECTIVE.test(halfWidthDigits(text)) ||
    isNoiseLine(text)
  );
}
