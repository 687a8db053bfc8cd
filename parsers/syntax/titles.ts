/** Shapes of title, issuer and signature lines shared by the notice plugins. */

/**
 * A first title line: an optional issuer (or several, joined by 、), then 关于, 印发, 批转 or
 * 转发 (区政府关于…, 国务院办公厅、中央军委办公厅关于…, …人民政府批转…); or an issuer and 对
 * (国务院办公厅对…提案的答复).
 */
const TITLE_START = /^[^，。；：:\s]{0,60}?(?:关于|印发|批转|转发)|^区政府/u;
const ISSUER_THEN_DUI =
  /^[\p{Script=Han}、]{2,40}?(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|国务院|局|厅|部|委)对/u;

/** The document type a title ends with: its last word (通知, 决定, 批复 …). */
const DOC_TYPE =
  /(通知|通报|决定|决议|意见|批复|答复|复函|函|公告|通告|公报|报告|请示|命令|令|议案|纪要|办法|规定|规则|方案|规划|细则|条例|修正案|措施|预案|清单|名单|计划|要点|纲要|制度|标准|指引|指南|守则|章程|预算|决算|解读|问答)$/u;
const DECREE_TITLE = /令第\d{1,4}号$/u;
/** A bracketed tail after the document type: （试行）, （2023年修订）, （2018—2035年）. */
const TITLE_TAIL = /[（(][^（）()]{1,20}[)）]$/u;

/** Words an embedded document's title (a plan, rule or list printed after a cover letter) ends with. */
const ENCLOSURE_WORDS = [
  '方案',
  '意见',
  '办法',
  '规定',
  '规则',
  '规划',
  '细则',
  '条例',
  '措施',
  '预案',
  '清单',
  '名单',
  '计划',
  '要点',
  '纲要',
  '制度',
  '标准',
  '指引',
  '守则',
  '通知',
  '决定',
  '通报',
  '结果',
  '任务',
  '指标',
  '坐标',
  '分工',
  '目录',
];
const ENCLOSURE_END = new RegExp(`(${ENCLOSURE_WORDS.join('|')})[)）]?$`, 'u');
/** The last characters of those words: most lines end otherwise, and are told so without the pattern. */
const ENCLOSURE_LAST = new Set(ENCLOSURE_WORDS.map((word) => word.charCodeAt(word.length - 1)));
const CLOSING_PARENTHESES = new Set([0x29, 0xff09]); // ) ）

/** Sentence punctuation that a title line never ends with (each one UTF-16 unit). */
const LINE_END_PUNCTUATION = new Set(Array.from('。；：:∶！？，、;,!?', (c) => c.charCodeAt(0)));

/** An organisation that signs documents: 南通市海门区人民政府, 国务院办公厅, …党组. */
const ISSUER =
  /^[\p{Script=Han}（）()·]{2,40}?(?:人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|国务院办公厅|国务院|办公厅|办公室|委员会|党组|党委|委|局|厅|部|署|院|会|中心|小组)$/u;

/** A signature by office holder: 总理　　李克强, 省长 (the name may be missing on a web page). */
const ROLE_SIGNATURE =
  /^(?:国务院总理|总理|省长|市长|区长|县长|州长|主席|部长|主任|代省长|代市长|代区长|代县长)(?:[ \u3000]+\p{Script=Han}(?:[ \u3000]*\p{Script=Han}){1,3})?$/u;

const ISSUER_SEPARATOR = /[、 \u3000]+/u;

/** Single Han characters separated by spaces: 通 知. */
const LETTER_SPACED = /^\p{Script=Han}(?:[ \u3000]+\p{Script=Han})+$/u;
const SPACE_RUNS = /[ \u3000]+/g;

/** Whether a line can start a title. */
export function isTitleStart(text: string): boolean {
  return TITLE_START.test(text) || ISSUER_THEN_DUI.test(text);
}

/**
 * The document type (通知, 批复 …) a title ends with, perhaps before a bracketed tail, or null;
 * 令 for a decree's head (青山县人民政府令第5号).
 */
export function docTypeOf(title: string): string | null {
  if (DECREE_TITLE.test(title)) return '令';
  return DOC_TYPE.exec(title)?.[1] ?? DOC_TYPE.exec(title.replace(TITLE_TAIL, ''))?.[1] ?? null;
}

/** Whether a short line looks like the title of an enclosed document. */
export function isEnclosureTitle(text: string): boolean {
  return text.length <= 80 && mayEndLikeEnclosure(text) && ENCLOSURE_END.test(text) && !endsLikeSentence(text);
}

/** Whether the text ends in the last character of an ENCLOSURE_WORDS word, perhaps before a ）. */
function mayEndLikeEnclosure(text: string): boolean {
  const last = CLOSING_PARENTHESES.has(text.charCodeAt(text.length - 1)) ? text.length - 2 : text.length - 1;
  return ENCLOSURE_LAST.has(text.charCodeAt(last));
}

/** Whether a line ends like a sentence or a lead-in rather than a title. */
export function endsLikeSentence(text: string): boolean {
  return LINE_END_PUNCTUATION.has(text.charCodeAt(text.length - 1));
}

/** Whether a line is nothing but the name of a signing organisation, or of several (joint issuers). */
export function isIssuerLine(text: string): boolean {
  if (text.length > 80) return false;
  if (text.length <= 40 && ISSUER.test(text)) return true;
  const parts = jointIssuers(text);
  return parts.length > 1 && parts.every((part) => part.length <= 40 && ISSUER.test(part));
}

/** The issuers of a joint signature or title head, printed with 、 or spaces between them. */
function jointIssuers(text: string): string[] {
  return text.split(ISSUER_SEPARATOR).filter(Boolean);
}

/**
 * An issuer as records give it: joint issuers joined with 、 (a signature prints them side by
 * side: 国务院办公厅　中央军委办公厅 → 国务院办公厅、中央军委办公厅).
 */
export function issuerName(text: string): string {
  return jointIssuers(text).join('、');
}

/** Whether a line signs by office (总理 李克强, 省长). */
export function isRoleSignature(text: string): boolean {
  return text.length <= 16 && ROLE_SIGNATURE.test(text);
}

/**
 * The issuer written at the head of a title (江西省人民政府关于… → 江西省人民政府), or null
 * for bare 关于… titles and abbreviations such as 区政府.
 */
export function issuerFromTitle(title: string): string | null {
  const m = /^(.{2,60}?)(?:关于|印发|转发|批转|对)/u.exec(title);
  const head = m?.[1] ?? /^(?:中华人民共和国)?(.{2,30}?)令(?:第\d+号)?$/u.exec(title)?.[1];
  if (head && isIssuerLine(head) && !/^区政府/u.test(head)) return issuerName(head);
  return m ? null : leadingIssuer(title);
}

/** The shortest start of a title that names a body (国务院任免…, 江西省市场监督管理局2020年部门预算). */
export function leadingIssuer(title: string): string | null {
  for (let end = 3; end <= Math.min(40, title.length - 2); end++) {
    const head = title.slice(0, end);
    if (ISSUER.test(head) && !/^区政府/u.test(head)) return head;
  }
  return null;
}

/**
 * Removes letter spacing from a title line (`几 个 问 题 的 通 知` → `几个问题的通知`): spaces
 * between single Han characters are layout, not text.
 */
export function removeLetterSpacing(text: string): string {
  return LETTER_SPACED.test(text) ? text.replace(SPACE_RUNS, '') : text;
}

/** The government an office holder heads, and the unit of place its name ends with. */
const OFFICES: Array<[RegExp, string | null]> = [
  [/^(?:国务院)?总理/u, null],
  [/^代?省长/u, '(?:省|自治区)'],
  [/^代?(?:自治区)?主席/u, '自治区'],
  [/^代?市长/u, '市'],
  [/^代?州长/u, '州'],
  [/^代?县长/u, '县'],
  [/^代?区长/u, '区'],
];

/**
 * The government an office-holder's signature speaks for (总理 → 国务院; 省长 → the province
 * the title names, 河北省…办法 → 河北省人民政府), or null when the title names no such place.
 */
export function issuerOfOffice(signature: string, title: string | null): string | null {
  for (const [office, unit] of OFFICES) {
    if (!office.test(signature)) continue;
    if (unit === null) return '国务院';
    const place = new RegExp(`^(\\p{Script=Han}{1,8}?${unit})`, 'u').exec(title?.replace(/^《/u, '') ?? '');
    return place ? `${place[1]}人民政府` : null;
  }
  return null;
}
