import * as OpenCC from 'opencc-js';

/*
 * The rules of the format are written in simplified characters (关于…的通知, 区住房和城乡建设局,
 * 第一条), so a gazette printed in traditional script (關於…的通知, 第一條), in UTF-8 or Big5,
 * would give no records. The parser reads such a file through a simplified view of its text:
 * each character replaced by its simplified form, one UTF-16 code unit for one, so that every
 * offset, line and column in the view is the same in the raw text. Nodes keep the raw text.
 *
 * Only OpenCC's character tables are used, never its phrase tables (a phrase may change length):
 * TSCharacters (traditional → simplified), and TWVariantsRev where it leads to a character
 * TSCharacters converts (Taiwan forms such as 為, 裡, 眾). Characters whose simplified form takes
 * another number of code units are left alone.
 */

/** Simplified code unit of each convertible code unit; 0 where the character stays. */
const TO_SIMPLIFIED = buildTable();

/** The characters a converted one may become, for finding them again in the raw text. */
export const SIMPLIFIED_TARGETS: ReadonlySet<string> = new Set(
  [...TO_SIMPLIFIED].filter((code) => code !== 0).map((code) => String.fromCharCode(code)),
);

/**
 * The share of Han characters that must be traditional-only for a file to be read through the
 * simplified view. Simplified text holds a few such characters by chance (a name, a quotation);
 * traditional text has one in four or five.
 */
const TRADITIONAL_SHARE = 0.02;

/**
 * The text the parser matches: `text` in simplified characters, of the same length, when it is
 * in traditional script; `text` itself (the same string) otherwise.
 */
export function simplifiedView(text: string): string {
  return isTraditional([text]) ? simplifyCharacters(text) : text;
}

/** Whether a text, given in pieces (a large file, decoded piece by piece), is in traditional script. */
export function isTraditional(pieces: readonly string[]): boolean {
  let han = 0;
  let traditional = 0;
  for (const text of pieces) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x3400) continue;
      if (TO_SIMPLIFIED[c] !== 0) traditional++;
      else if (c <= 0x9fff) han++;
    }
  }
  return traditional > 0 && traditional >= (han + traditional) * TRADITIONAL_SHARE;
}

/** Every traditional character of `text` in its simplified form, one code unit for one. */
export function simplifyCharacters(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units[i] = TO_SIMPLIFIED[c] || c;
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
}

/** Entries `source → target` of one OpenCC dictionary whose both sides are one code unit. */
function characterEntries(dict: string | ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const entries =
    typeof dict === 'string'
      ? dict.split('|').map((entry) => entry.split(' ') as [string, string])
      : dict.map(([a, b]) => [a, b] as [string, string]);
  return entries.filter(([source, target]) => source?.length === 1 && target?.length === 1 && source !== target);
}

function buildTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  const simplified = new Map<string, string>();
  for (const group of OpenCC.Locale.to.cn ?? [])
    for (const dict of group) for (const [source, target] of characterEntries(dict)) simplified.set(source, target);
  for (const [source, target] of simplified) table[source.charCodeAt(0)] = target.charCodeAt(0);
  // A Taiwan form (為) of a standard traditional character (爲): only where that one converts.
  // Others are shared with simplified text (著, 么) and stay.
  for (const group of OpenCC.Locale.from.tw ?? []) {
    for (const dict of group) {
      for (const [source, standard] of characterEntries(dict)) {
        const target = simplified.get(standard);
        if (target && !simplified.has(source)) table[source.charCodeAt(0)] = target.charCodeAt(0);
      }
    }
  }
  return table;
}
