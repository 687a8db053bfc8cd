import { createHash } from 'node:crypto';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { Position } from 'unist';
import type { VFileMessage } from 'vfile-message';
import { type Coverage, measureCoverage } from './coverage.js';
import { PIECE_BYTES, type TextEncoding, decodeBytes } from './decode.js';
import { report } from './diagnostics.js';
import type { GazetteRoot } from './nodes.js';
import { isHtml } from './html/is-html.js';
import { type ReadPage, readPage } from './html/read-page.js';
import { restorePrinted } from './printed-text.js';
import { isTraditional, simplifiedView, simplifyCharacters } from './simplified-view.js';
import cellTables from './plugins/cell-tables.js';
import chronicle from './plugins/chronicle.js';
import citations from './plugins/citations.js';
import delimitedTables from './plugins/delimited-tables.js';
import clauses from './plugins/clauses.js';
import markStructure from './plugins/mark-structure.js';
import memberLists from './plugins/member-lists.js';
import jurisdiction from './plugins/jurisdiction.js';
import noticeParts from './plugins/notice-parts.js';
import htmlTables from './plugins/html-tables.js';
import gazetteParse from './plugins/parse-lines.js';
import personnel from './plugins/personnel.js';
import responsibility from './plugins/responsibility.js';
import splitEnclosures from './plugins/split-enclosures.js';
import splitNotices from './plugins/split-notices.js';
import tabTables from './plugins/tab-tables.js';
import type { GazetteRecord } from './records.js';
import { type IdsGiven, type RecordContext, issueIdOf, recordsByNode } from './to-records.js';
import { parseLines } from './plugins/parse-lines.js';
import { type CarriedState, PieceText, WINDOW_CHARS, textWindows } from './windows.js';

export { DecodeError, GazetteError } from './errors.js';
export type { TextEncoding } from './decode.js';
export type { Coverage } from './coverage.js';
export type * from './records.js';
export type { GazetteRoot } from './nodes.js';
export { isTotalRow } from './table-shape.js';
export { parseDocNumberQuery, formatDocNumber, findCitedDocNumbers, type DocNumber } from './syntax/doc-number.js';
export { departmentEverywhere, normalizeDepartment } from './syntax/departments.js';
export { type Glossary, type GlossaryEntry, departmentGlossaries } from './syntax/department-names.js';
export { type Jurisdiction, jurisdictionNamed } from './syntax/jurisdiction.js';
export { formatMessage } from './format-message.js';

/**
 * The transform plugins, one per rule of the format, in the order each needs the others' work,
 * with the names the parse bench prints their time under.
 */
export const TRANSFORMS = [
  ['mark-structure', markStructure],
  ['split-notices', splitNotices],
  ['notice-parts', noticeParts],
  ['jurisdiction', jurisdiction],
  ['split-enclosures', splitEnclosures],
  ['personnel', personnel],
  ['html-tables', htmlTables],
  ['tab-tables', tabTables],
  ['delimited-tables', delimitedTables],
  ['cell-tables', cellTables],
  ['member-lists', memberLists],
  ['clauses', clauses],
  ['responsibility', responsibility],
  ['citations', citations],
  ['chronicle', chronicle],
] as const;

/** The unified processor: a parser plugin that turns raw text into line nodes, then {@link TRANSFORMS}. */
export function createProcessor() {
  const processor = unified().use(gazetteParse);
  for (const [, plugin] of TRANSFORMS) processor.use(plugin as never);
  return processor.freeze();
}

const processor = createProcessor();

/** What a file was read as. */
export type InputKind = 'text' | 'html';

/** Options of {@link parseGazette}. */
export interface ParseOptions {
  /** File name, as given by the user: used in records' `source.file` and in messages. */
  file: string;
  /** Issue id to use instead of the one derived from the content. */
  issue?: string;
  /**
   * Characters of text above which {@link parseGazetteStreaming} reads a file window by window
   * (windows.ts; about a million by default, more than an issue holds). For tests.
   */
  windowChars?: number;
  /** Bytes of UTF-8 decoded at a time for a file read in windows (decode.ts, decodeBytes). For tests. */
  pieceBytes?: number;
}

/** Everything parsing one file produces. */
export interface ParseResult {
  records: GazetteRecord[];
  /** Diagnostics, each with a position, a rule id and the plugin that raised it. */
  messages: VFileMessage[];
  encoding: TextEncoding;
  /** What the file was read as: a plain-text document or a web page (html/is-html.ts). */
  input: InputKind;
  sha256: string;
  coverage: Coverage;
  tree: GazetteRoot;
}

/**
 * Parses the raw bytes of one gazette file into records. Content problems become messages,
 * never exceptions; only bytes that cannot be decoded as text throw.
 *
 * A file in traditional script is read through its simplified view (simplified-view.ts: the
 * same text, character for character, in simplified form), so the rules match it; every
 * position is the same in both, and the tree and the records' `text` get the printed text back.
 * Fields read from the text (titles, issuers, departments, names, cells) are in simplified form.
 *
 * A web page (`.html`, `.htm`, or bytes that are HTML) is read as the lines of its text
 * (html/read-page.ts) and parsed as a text file is; its tables come from its `<table>` grids,
 * and every position (records' `source`, messages, the tree) points into the page.
 * @throws DecodeError when the bytes are binary or undecodable (names file and byte offset)
 */
export function parseGazette(bytes: Uint8Array, options: ParseOptions): ParseResult {
  const records: GazetteRecord[] = [];
  const {
    tree,
    recordCount: _count,
    ...rest
  } = readGazette(
    bytes,
    options,
    (batch) => {
      for (const record of batch) records.push(record);
    },
    true,
  );
  return { records, ...rest, tree: tree! };
}

/** What {@link parseGazetteStreaming} gives besides the records it hands out. */
export type StreamedParse = Omit<ParseResult, 'records' | 'tree'> & { recordCount: number };

/**
 * Parses one gazette file as {@link parseGazette} does, giving each notice's (or chronicle
 * entry's) records to `write` as soon as they are built, in the same order, and keeping none:
 * the part of the tree they were read from is let go, so the records of a large file never
 * all sit in memory at once. Messages (which the last steps add to) come back at the end.
 * @param bytes the file's bytes, or a function that hands them over: the parser then holds the
 *   only reference and lets go of them once they are decoded, before the tree is built
 * @throws DecodeError when the bytes are binary or undecodable (names file and byte offset)
 */
export function parseGazetteStreaming(
  bytes: Uint8Array | (() => Uint8Array),
  options: ParseOptions,
  write: (records: GazetteRecord[]) => void,
): StreamedParse {
  const { tree: _released, ...rest } = readGazette(bytes, options, write, false);
  return rest;
}

/** Decodes (or reads the page of) the bytes and parses the text; `keepTree` keeps the whole tree for the caller. */
function readGazette(
  bytes: Uint8Array | (() => Uint8Array),
  options: ParseOptions,
  write: (records: GazetteRecord[]) => void,
  keepTree: boolean,
) {
  const read = typeof bytes === 'function' ? bytes : () => bytes;
  const input = decodeInput(read, options.file, keepTree ? null : (options.pieceBytes ?? PIECE_BYTES));
  const parsed =
    'pieces' in input
      ? parseWindows(input.pieces, options, input.sha256, write)
      : parseText(input.text, options, input.sha256, write, keepTree, input.page);
  return { ...parsed, encoding: input.encoding, input: input.kind };
}

/** What parsing a decoded text gives besides the records it writes (parseText, parseWindows). */
type ParsedText = Omit<ParseResult, 'encoding' | 'input' | 'records' | 'tree'> & {
  recordCount: number;
  tree?: GazetteRoot;
};

/**
 * Writes the records of a parsed tree, node by node, and counts them; `release` lets go of
 * what each node's records were read from once they are written (streaming).
 */
function writeRecords(
  tree: GazetteRoot,
  context: RecordContext,
  write: (records: GazetteRecord[]) => void,
  release: boolean,
): number {
  let count = 0;
  for (const { node, records } of recordsByNode(tree, context)) {
    count += records.length;
    write(records);
    if (release && 'children' in node) node.children = [];
  }
  return count;
}

/** What decodeInput read: the text whole, or a large file's text in pieces. */
type DecodedInput = { encoding: TextEncoding; kind: InputKind; sha256: string } & (
  | { text: string; page?: ReadPage }
  | { pieces: string[] }
);

/**
 * The text of the bytes, what they were read as, and their hash; the bytes live only in this
 * call. A large UTF-8 file to be read in windows is decoded in pieces of `pieceBytes`, never joined.
 */
function decodeInput(read: () => Uint8Array, file: string, pieceBytes: number | null): DecodedInput {
  const bytes = read();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (isHtml(bytes, file)) {
    const page = readPage(bytes, file);
    return { text: page.text, encoding: page.encoding, kind: 'html', sha256, page };
  }
  const decoded = pieceBytes === null ? decodeBytes(bytes, file) : decodeBytes(bytes, file, pieceBytes);
  if ('pieces' in decoded) return { pieces: decoded.pieces, encoding: decoded.encoding, kind: 'text', sha256 };
  return { text: decoded.text, encoding: decoded.encoding, kind: 'text', sha256 };
}

/**
 * Parses a large text window by window (windows.ts), as parseText does a whole one: each
 * window's records are written and its tree let go before the next window is read. The records
 * share one issue id (the first window's) and one set of ids given; messages come window by
 * window, each in the order of the rules. The text is given in the pieces it was decoded in
 * (one piece for a text decoded whole), and read through its simplified view when it is in
 * traditional script as a whole, as parseText reads a text.
 */
function parseWindows(
  rawPieces: string[],
  options: ParseOptions,
  sha256: string,
  write: (records: GazetteRecord[]) => void,
): ParsedText {
  const raw = new PieceText(rawPieces);
  const traditional = isTraditional(rawPieces);
  const view = traditional ? new PieceText(rawPieces.map(simplifyCharacters)) : raw;
  const ids: IdsGiven = new Map();
  const messages: VFileMessage[] = [];
  const coverage: Coverage = { lines: 0, inRecords: 0, structure: 0, residue: 0 };
  let issue = options.issue;
  let carried: CarriedState | undefined;
  let line = 1;
  let recordCount = 0;
  for (const { from, to } of textWindows(view, options.windowChars)) {
    const rawWindow = raw.slice(from, to);
    const viewWindow = traditional ? view.slice(from, to) : rawWindow;
    const file = new VFile({ path: options.file, value: viewWindow });
    if (carried) file.data.carriedIn = carried;
    const tree = parseLines(viewWindow, line, from);
    line = tree.position!.end.line;
    processor.runSync(tree as never, file);
    const counts = measureCoverage(tree, file);
    for (const key of Object.keys(coverage) as Array<keyof Coverage>) coverage[key] += counts[key];
    issue ??= issueIdOf(tree, sha256);
    const script = traditional ? { raw: rawWindow, view: viewWindow, start: from } : undefined;
    const context = { file: options.file, sha256, text: rawWindow, textStart: from, script, issue, ids };
    recordCount += writeRecords(tree, context, write, true);
    messages.push(...file.messages);
    carried = file.data.carriedOut as CarriedState;
  }
  if (recordCount === 0) {
    const file = new VFile({ path: options.file });
    reportNoRecords(file);
    messages.push(...file.messages);
  }
  return { messages, sha256, coverage, recordCount };
}

function reportNoRecords(file: VFile): void {
  report(
    file,
    'No records: expected a document (a title, a document number) or chronicle entries, found only lines that are neither',
    { line: 1, column: 1 },
    'no-records',
    'parse-gazette',
  );
}

/** Parses decoded text; for a page, its generated text, with positions taken back into the page. */
function parseText(
  raw: string,
  options: ParseOptions,
  sha256: string,
  write: (records: GazetteRecord[]) => void,
  keepTree: boolean,
  page?: ReadPage,
): ParsedText {
  if (!keepTree && !page && raw.length > (options.windowChars ?? WINDOW_CHARS))
    return parseWindows([raw], options, sha256, write);
  const text = simplifiedView(raw);
  const file = new VFile({ path: options.file, value: text });
  if (page) file.data.htmlTables = page.tables;
  const tree = processor.parse(file) as unknown as GazetteRoot;
  if (text.trim() === '') {
    if (page)
      report(
        file,
        'Web page without text: expected the text of a document, found only markup, scripts and page furniture',
        { line: 1, column: 1 },
        'html-no-text',
        'parse-gazette',
      );
    else
      report(
        file,
        'Empty file: expected gazette text, found nothing',
        { line: 1, column: 1 },
        'empty-file',
        'parse-gazette',
      );
  } else {
    processor.runSync(tree as never, file);
  }
  const coverage = measureCoverage(tree, file);
  const script = text === raw ? undefined : { raw, view: text };
  const locate = page ? (position: Position) => page.positions.position(position) : undefined;
  const context = { file: options.file, sha256, text: raw, script, issue: options.issue, locate };
  const recordCount = writeRecords(tree, context, write, !keepTree);
  if (keepTree && script) restorePrinted(tree, script);
  if (recordCount === 0 && text.trim() !== '') reportNoRecords(file);
  if (page) {
    for (const message of file.messages) page.positions.remapMessage(message);
    if (keepTree) page.positions.remapTree(tree);
    const mismatch = page.charsetMismatch;
    if (mismatch) report(file, mismatch.reason, page.positions.htmlPoint(mismatch.offset), 'html-charset', 'read-page');
  }
  return { messages: file.messages, sha256, coverage, recordCount, tree: keepTree ? tree : undefined };
}
