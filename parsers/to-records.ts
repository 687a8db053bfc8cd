import type { Node, Position } from 'unist';
import { isLine } from './line-tests.js';
import type {
  BlockNode,
  ClauseNode,
  DocumentNode,
  EventNode,
  GazetteRoot,
  LineNode,
  Member,
  MemberListNode,
  NoticeNode,
  PersonnelAction,
  TableNode,
  TopLevelNode,
} from './nodes.js';
import { paragraphDepartments } from './plugins/responsibility.js';
import { type ScriptTexts, printedForm } from './printed-text.js';
import type {
  ClauseRecord,
  EventRecord,
  GazetteRecord,
  NoticeContext,
  NoticeRecord,
  SourceRef,
  TableRecord,
} from './records.js';
import { StableHasher, stableHash } from './stable-hash.js';
import { departmentOfPost, departmentsInText, normalizeDepartment } from './syntax/departments.js';
import type { Jurisdiction } from './syntax/jurisdiction.js';

/** What the record builder needs to know about the file besides its tree. */
export interface RecordContext {
  /** File name as given. */
  file: string;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
  /** The decoded text the tree's offsets point into (or the window of it that starts at `textStart`). */
  text: string;
  /** Where `text` starts in the file: a window of a large file (windows.ts). */
  textStart?: number;
  /**
   * For a file read through its simplified view: the raw text and the view. Records' `text` is
   * then given as printed; the rest as the rules read it (simplified).
   */
  script?: ScriptTexts;
  /** Issue id to use instead of the one derived from the content. */
  issue?: string;
  /**
   * For a web page, whose tree points into the text generated from it: where a position of that
   * text is in the page, so that `source` gives the page's line and column.
   */
  locate?: (position: Position) => Position;
  /**
   * The ids given so far, for a file read window by window (windows.ts): shared by its windows,
   * so that a key repeated across them gets its counter as in one tree. A new one when absent.
   */
  ids?: IdsGiven;
}

/** The keys ids were made from, with their use counts (see RecordBuilder.id). */
export type IdsGiven = Map<number, UsedKey>;

/**
 * The issue's identity, from its content so that a corrected re-issue keeps it: the period of
 * its chronicle (year checked against its documents) and its main issuer; failing that, its
 * first document; failing that, its bytes.
 */
export function issueIdOf(tree: GazetteRoot, sha256: string): string {
  const notices = tree.children.filter((n): n is NoticeNode => n.type === 'notice');
  const issuers = new Map<string, number>();
  for (const n of notices) if (n.issuer) issuers.set(n.issuer, (issuers.get(n.issuer) ?? 0) + 1);
  const issuer = [...issuers].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '';
  const period = tree.data?.period;
  if (period) return `${period.start}_${period.end}-${stableHash(issuer, 6)}`;
  const first = notices[0];
  if (first) return `doc-${stableHash(first.docNumber?.text ?? first.title ?? '', 12)}`;
  return `sha-${sha256.slice(0, 16)}`;
}

function lineText(lines: LineNode[]): string {
  let text = '';
  for (const line of lines) text += text === '' ? line.text : line.continuation ? line.text : `\n${line.text}`;
  return text;
}

/** Lines of a block in printed order (tables and lists included). */
function linesOf(node: Node): LineNode[] {
  if (isLine(node)) return [node];
  const children = (node as { children?: Node[] }).children;
  return children ? children.flatMap(linesOf) : [];
}

/**
 * A key used for ids, known by its length and the second half of its hash (the first half is
 * its bucket), with its use count; the next entry with the same bucket. The key itself is not
 * kept: a file's keys took memory that grew with the file, and a key sliced from a window's text
 * (windows.ts) kept the whole window alive. Two keys would be taken for one only if they had the
 * same length and the same 62 bits of hash.
 */
interface UsedKey {
  kind: string;
  length: number;
  check: number;
  count: number;
  next: UsedKey | undefined;
}

class RecordBuilder {
  /** The records of the node being read. */
  records: GazetteRecord[] = [];
  /** Keys given so far with how often each was used, bucketed by their hash (see `id`). */
  private readonly used: IdsGiven;
  private readonly prefixes = new Map<string, string>();
  /** The jurisdiction departments are resolved against: the current notice's, else the file's. */
  where: Jurisdiction | null = null;

  constructor(
    private readonly ctx: RecordContext,
    readonly issue: string,
  ) {
    this.used = ctx.ids ?? new Map();
  }

  /**
   * A stable id from a key that says what the record is, whatever file it came in (a notice's
   * number, a clause's notice and place in it, an event's date and text), so that the same notice
   * seen in two files is one record; repeated keys in a file get a counter: the hash of `key#n`,
   * n counting earlier uses of the same kind and key. The hash of the key is
   * computed once, both to look the counter up and to go on with `#n`: keys are long Chinese
   * strings, and hashing them was a large part of building records.
   * @param kind one letter: n, c, t, p or e
   */
  id(kind: string, key: string): string {
    const hasher = new StableHasher(1).update(key);
    const seen = this.countUse(kind, key.length, hasher.bucket(), hasher.check());
    return this.idPrefix(kind) + hasher.update(`#${seen}`).digest();
  }

  /** `kind-`, the start of every id of a kind: made once, as every record keeps its id. */
  private idPrefix(kind: string): string {
    let prefix = this.prefixes.get(kind);
    if (prefix === undefined) {
      prefix = `${kind}-`;
      this.prefixes.set(kind, prefix);
    }
    return prefix;
  }

  /** How many times `kind` and a key (its length and hash) were used before; counts this use. */
  private countUse(kind: string, length: number, bucket: number, check: number): number {
    const first = this.used.get(bucket);
    for (let entry = first; entry; entry = entry.next) {
      if (entry.kind === kind && entry.length === length && entry.check === check) return entry.count++;
    }
    this.used.set(bucket, { kind, length, check, count: 1, next: first });
    return 0;
  }

  source(node: Node): SourceRef {
    const { start, end } = this.ctx.locate ? this.ctx.locate(node.position!) : node.position!;
    return { file: this.ctx.file, sha256: this.ctx.sha256, line: start.line, column: start.column, endLine: end.line };
  }

  /** The source of a run of lines: from the first line's start to the last line's end. */
  sourceOf(lines: LineNode[]): SourceRef {
    const source = this.source(lines[0]!);
    const last = lines.at(-1)!.position;
    source.endLine = (this.ctx.locate ? this.ctx.locate(last) : last).end.line;
    return source;
  }

  raw(node: Node): string {
    const start = this.ctx.textStart ?? 0;
    return this.ctx.text.slice(node.position!.start.offset! - start, node.position!.end.offset! - start);
  }

  /** Text read from the nodes between `first` and `last`, as printed (see RecordContext.script). */
  printed(text: string, first: Node, last: Node = first): string {
    if (!this.ctx.script) return text;
    const start = first.position?.start;
    const end = last.position?.end;
    return start && end ? printedForm(text, { start, end }, this.ctx.script) : text;
  }
}

/** Titles of the documents printed with a notice (enclosures and attachments), in order. */
function enclosureTitles(notice: NoticeNode): string[] {
  const titles: string[] = [];
  for (const c of notice.children) if (c.type === 'document' && c.kind !== 'body' && c.title) titles.push(c.title);
  return titles;
}

function noticeRecords(b: RecordBuilder, notice: NoticeNode): void {
  // What the notice is: its own number; without one, its title, issuer and date.
  const key =
    notice.docNumber?.text ??
    (notice.title
      ? `${notice.title}|${notice.issuer ?? ''}|${notice.date ?? ''}`
      : `line ${notice.position?.start.line}`);
  const id = b.id('n', key);
  b.where = notice.jurisdiction ?? null;
  const issuerName = notice.issuer ? (normalizeDepartment(notice.issuer, b.where) ?? notice.issuer) : null;
  const context: NoticeContext = {
    noticeId: id,
    docNumber: notice.docNumber?.text ?? null,
    title: notice.title,
    issuer: notice.issuer,
    date: notice.date,
  };
  const record: NoticeRecord = {
    id,
    kind: 'notice',
    issue: b.issue,
    source: b.source(notice),
    text: b.raw(notice).trimEnd(),
    departments: [],
    jurisdiction: b.where?.name ?? null,
    docNumber: notice.docNumber?.text ?? null,
    docPrefix: notice.docNumber?.prefix ?? null,
    docYear: notice.docNumber?.year ?? null,
    docSeq: notice.docNumber?.seq ?? null,
    title: notice.title,
    docType: notice.docType,
    issuer: notice.issuer,
    date: notice.date,
    addressees: notice.addressees,
    section: notice.section,
    attachments: notice.attachments,
    cites: notice.cites,
    repeals: notice.repeals,
    repealStatements: notice.repealStatements,
    effective: notice.effective,
    enclosures: enclosureTitles(notice),
  };
  b.records.push(record);
  // The issuer is a department of the notice, under the one name its tags would give it (南通市海门区人民政府办公室 → 区政府办公室).
  const issuerDepartment = issuerName ? (normalizeDepartment(issuerName, b.where) ?? issuerName) : null;
  const departments = new Set<string>(issuerDepartment ? [issuerDepartment] : []);
  let documentIndex = 0;
  for (const child of notice.children) {
    if (child.type !== 'document') continue;
    const start = b.records.length;
    documentRecords(b, child, context, `${key}|${documentIndex++}`);
    for (const r of b.records.slice(start)) if (r.kind === 'clause') for (const d of r.departments) departments.add(d);
  }
  record.departments = [...departments];
}

function documentRecords(b: RecordBuilder, doc: DocumentNode, context: NoticeContext, key: string): void {
  const visit = (blocks: BlockNode[], path: string[]): void => {
    for (const block of blocks) {
      if (block.type === 'clause') {
        clauseRecord(b, block, doc, context, key);
        visit(block.children, block.path);
      } else if (block.type === 'table') tableRecord(b, block, context, key);
      else if (block.type === 'personnelStatement') {
        for (const action of block.actions) personnelRecord(b, block.children, action, context, key);
      } else if (path.length === 0 && (block.type === 'line' || block.type === 'memberList')) {
        paragraphRecord(b, block, doc, context, key);
      }
    }
  };
  visit(doc.children, []);
}

function clauseRecord(
  b: RecordBuilder,
  clause: ClauseNode,
  doc: DocumentNode,
  context: NoticeContext,
  key: string,
): void {
  const lines: LineNode[] = [];
  const members: Member[] = [];
  for (const child of clause.children) {
    if (child.type === 'line') {
      if (!child.tab) lines.push(child);
    } else if (child.type === 'memberList') {
      lines.push(...child.children);
      members.push(...child.members);
    }
  }
  const record: ClauseRecord = {
    id: b.id('c', `${key}|${clause.path.join('')}`),
    kind: 'clause',
    issue: b.issue,
    source: b.sourceOf(lines),
    text: b.printed(lineText(lines), lines[0]!, lines.at(-1)),
    departments: clause.departments,
    jurisdiction: b.where?.name ?? null,
    noticeId: context.noticeId,
    docNumber: context.docNumber,
    title: context.title,
    issuer: context.issuer,
    date: context.date,
    path: clause.path,
    heading: clause.heading,
    documentKind: doc.kind,
    documentTitle: doc.title,
    members,
  };
  b.records.push(record);
}

/** An unnumbered paragraph (or member list) outside any numbered clause: a clause with path []. */
function paragraphRecord(
  b: RecordBuilder,
  block: LineNode | MemberListNode,
  doc: DocumentNode,
  context: NoticeContext,
  key: string,
): void {
  if (block.type === 'line' && (block.tab || block.text === '')) return;
  const lines = linesOf(block);
  const text = lineText(lines);
  if (block.type === 'line' && block.continuation) {
    const previous = b.records.at(-1);
    if (previous?.kind === 'clause' && previous.path.length === 0) {
      previous.text += b.printed(text, block);
      return;
    }
  }
  const record: ClauseRecord = {
    id: b.id('c', `${key}|`),
    kind: 'clause',
    issue: b.issue,
    source: b.source(block),
    text: b.printed(text, block),
    departments: paragraphDepartments(text, b.where),
    jurisdiction: b.where?.name ?? null,
    noticeId: context.noticeId,
    docNumber: context.docNumber,
    title: context.title,
    issuer: context.issuer,
    date: context.date,
    path: [],
    heading: null,
    documentKind: doc.kind,
    documentTitle: doc.title,
    members: block.type === 'memberList' ? block.members : [],
  };
  b.records.push(record);
}

function tableRecord(b: RecordBuilder, table: TableNode, context: NoticeContext, key: string): void {
  const cells = [table.header, ...table.rows].map((row) => row.join(' | '));
  const text = [table.caption, ...cells].filter(Boolean).join('\n');
  const record: TableRecord = {
    id: b.id('t', key),
    kind: 'table',
    issue: b.issue,
    source: b.source(table),
    text: b.printed(text, table),
    departments: departmentsInText(text, b.where),
    jurisdiction: b.where?.name ?? null,
    noticeId: context.noticeId,
    docNumber: context.docNumber,
    caption: table.caption,
    header: table.header,
    rows: table.rows,
    groups: table.groups,
    panel: table.panel,
  };
  if (table.merged) record.merged = table.merged;
  b.records.push(record);
}

function personnelRecord(
  b: RecordBuilder,
  lines: LineNode[],
  action: PersonnelAction,
  context: NoticeContext,
  key: string,
): void {
  const departments = [
    ...new Set(action.posts.map((post) => departmentOfPost(post, b.where)).filter((d): d is string => d !== null)),
  ];
  b.records.push({
    id: b.id('p', `${key}|${action.person}|${action.action}|${action.post}`),
    kind: 'personnel',
    issue: b.issue,
    source: b.source(lines[0]!),
    text: b.printed(lineText(lines), lines[0]!, lines.at(-1)),
    departments,
    jurisdiction: b.where?.name ?? null,
    noticeId: context.noticeId,
    docNumber: context.docNumber,
    date: context.date,
    ...action,
  });
}

function eventRecord(b: RecordBuilder, event: EventNode): void {
  const record: EventRecord = {
    id: b.id('e', `${event.date ?? 'undated'}|${event.text}`),
    kind: 'event',
    issue: b.issue,
    source: b.source(event),
    text: b.printed(event.text, event),
    departments: departmentsInText(event.text, b.where),
    jurisdiction: b.where?.name ?? null,
    date: event.date,
    datePrecision: event.datePrecision,
    endDate: event.endDate,
    people: event.people,
    timeOfDay: event.timeOfDay,
  };
  b.records.push(record);
}

/** The records of one node directly under the root: a notice's, or a chronicle entry's. */
export interface NodeRecords {
  node: TopLevelNode;
  records: GazetteRecord[];
}

/**
 * Reads the finished tree into records (records.md), node by node in source order: each notice
 * with its clauses, tables and personnel actions; each chronicle entry with its event. A node's
 * records are complete when it is given, so they can be written out before the next is read.
 */
export function* recordsByNode(tree: GazetteRoot, ctx: RecordContext): Generator<NodeRecords> {
  const b = new RecordBuilder(ctx, ctx.issue ?? issueIdOf(tree, ctx.sha256));
  for (const node of tree.children) {
    if (node.type === 'notice') noticeRecords(b, node);
    else if (node.type === 'event') {
      b.where = tree.data?.jurisdiction ?? null;
      eventRecord(b, node);
    } else continue;
    yield { node, records: b.records };
    // A paragraph joined to the one above (paragraphRecord) never reaches back past its notice's own record.
    b.records = [];
  }
}

/** Every record of the finished tree, in source order (see {@link recordsByNode}). */
export function toRecords(tree: GazetteRoot, ctx: RecordContext): GazetteRecord[] {
  const records: GazetteRecord[] = [];
  for (const batch of recordsByNode(tree, ctx)) for (const record of batch.records) records.push(record);
  return records;
}
