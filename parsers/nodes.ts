import type { Literal, Node, Parent, Position } from 'unist';
import type { DocNumber } from './syntax/doc-number.js';
import type { Jurisdiction } from './syntax/jurisdiction.js';
import type { MarkerStyle } from './syntax/markers.js';

/**
 * One logical line of the raw file: a physical line, or a paragraph of a physical line that
 * a crawler flattened (see parse-lines). `value` is raw; `text` is trimmed for matching.
 */
export interface LineNode extends Literal {
  type: 'line';
  value: string;
  /** `value` without a leading TAB and without ASCII spaces or U+3000 at either end. */
  text: string;
  /** The line starts with a TAB: a table cell (a line holding only a TAB is an empty cell). */
  tab: boolean;
  /** The line continues the paragraph above it, which was hard-wrapped mid-sentence. */
  continuation?: boolean;
  position: Position;
}

/**
 * A line with a known role: file marker, section heading and chronicle range (outside
 * notices); addressee, trailer (（此件公开发布）), portal line (发布时间…, 相关解读…) and the
 * body's list of attachments (附件： 1.… / 2.…) inside; and a second copy of text a crawler
 * printed twice (duplicate), which gives no records.
 */
export interface RoleLineNode extends Omit<LineNode, 'type'> {
  type:
    | 'fileMarker'
    | 'sectionHeading'
    | 'chronicleRange'
    | 'addressee'
    | 'trailer'
    | 'portal'
    | 'attachmentList'
    | 'duplicate';
  /** For section headings and ranges: the section they open. */
  section?: 'personnel' | 'events';
}

/** Lines of a title broken over several lines, joined as `value`. */
export interface TitleNode extends Parent {
  type: 'title';
  value: string;
  children: LineNode[];
}

/** Portal metadata (索引号 / 文号 / 成文日期 …) printed above a notice. */
export interface MetadataNode extends Parent {
  type: 'metadata';
  fields: Record<string, string>;
  children: LineNode[];
}

/** The head of a notice: title, document number line, metadata, portal lines. */
export interface NoticeHeaderNode extends Parent {
  type: 'noticeHeader';
  children: Array<TitleNode | MetadataNode | LineNode | RoleLineNode>;
}

/** The issuer and date lines that sign a notice. */
export interface SignatureNode extends Parent {
  type: 'signature';
  issuer: string | null;
  /** ISO date of the signature. */
  date: string;
  children: LineNode[];
}

/** Where a document container sits in its notice. */
export type DocumentKind = 'body' | 'embedded' | 'attachment';

/** A run of text with its own clause numbering: a notice body, an enclosed document, an attachment. */
export interface DocumentNode extends Parent {
  type: 'document';
  kind: DocumentKind;
  /** Title of an enclosed document or attachment. */
  title: string | null;
  /** Attachment label as printed (附件1), for attachments. */
  label: string | null;
  children: BlockNode[];
}

/** A numbered provision with the blocks under it. */
export interface ClauseNode extends Parent {
  type: 'clause';
  style: MarkerStyle;
  n: number;
  /** Markers from the outside in, as printed: ['二、', '（一）']. */
  path: string[];
  /** Where the clause's text starts in its first line's `value`, after the marker. */
  contentStart: number;
  heading: string | null;
  /** Responsible departments named in the clause's tags, normalised. */
  departments: string[];
  children: BlockNode[];
}

/** A cell of a page's table that spans rows or columns: where it starts in `rows`, and how far it runs. */
export interface MergedCell {
  row: number;
  column: number;
  rowSpan: number;
  colSpan: number;
}

/** A table laid out one cell per line (TAB-marked, or a bare run of short lines), or a page's `<table>`. */
export interface TableNode extends Parent {
  type: 'table';
  caption: string | null;
  header: string[];
  rows: string[][];
  /** Group labels over each row (一、…方面（共5项）) when they span the table; [] otherwise. */
  groups: string[][];
  /** A boxed panel (专栏N): a one-column table whose first cell is its title. */
  panel: boolean;
  /** A page's table (html-tables): its merged cells, whose text stands in every slot they cover. */
  merged?: MergedCell[];
  children: LineNode[];
}

/** One person of a member list or roster. */
export interface Member {
  role: string | null;
  name: string;
  post: string | null;
}

/** A list of names with posts (领导小组成员名单, 组成人员). */
export interface MemberListNode extends Parent {
  type: 'memberList';
  members: Member[];
  children: LineNode[];
}

/** One appointment or removal of one person, read from a personnel statement. */
export interface PersonnelAction {
  person: string;
  action: 'appoint' | 'remove';
  mode: string | null;
  post: string;
  posts: string[];
  probation: string | null;
  note: string | null;
}

/** A sentence of a personnel notice: `X同志任Y，免去其Z职务；`. */
export interface PersonnelStatementNode extends Parent {
  type: 'personnelStatement';
  actions: PersonnelAction[];
  children: LineNode[];
}

/** An entry of the 大事记 chronicle. */
export interface EventNode extends Parent {
  type: 'event';
  /** `YYYY-MM-DD`; an entry dated to the month (3月, 3月上旬, 是月) has the month's first day, 是年 the year's. */
  date: string | null;
  /** How much of `date` was printed. */
  datePrecision: 'day' | 'month' | 'year';
  endDate: string | null;
  /** 上午, 下午, 晚 when printed. */
  timeOfDay: string | null;
  /** Entry text without the bullet and date. */
  text: string;
  people: string[];
  children: LineNode[];
}

/**
 * Where a section starts that no heading announces: a headless chronicle (a file, or a run of
 * lines after a signature, made of dated entries) opens `events`, and `documents` follows it
 * when other lines come after. Made by mark-structure; it holds no source text, so it has no
 * children and no position.
 */
export interface SectionStartNode extends Parent {
  type: 'sectionStart';
  section: 'documents' | 'events';
  children: [];
}

/** One official document and everything printed with it. */
export interface NoticeNode extends Parent {
  type: 'notice';
  section: 'documents' | 'personnel';
  docNumber: DocNumber | null;
  title: string | null;
  docType: string | null;
  issuer: string | null;
  date: string | null;
  addressees: string | null;
  attachments: string[];
  cites: string[];
  /** Documents this notice repeals (同时废止), by number, and repeal sentences without a number. */
  repeals: string[];
  repealStatements: string[];
  /** When it takes effect, as printed (自2022年3月15日起施行 → 2022年3月15日). */
  effective: string | null;
  /** The sequence of a decree printed as a bare 第N号, until its issuer is known. */
  decreeSeq?: number;
  /** The government its departments belong to, from its issuer (set by the jurisdiction plugin). */
  jurisdiction?: Jurisdiction | null;
  children: Array<NoticeHeaderNode | LineNode | RoleLineNode | SignatureNode | DocumentNode>;
}

/** Blocks inside a document container. */
export type BlockNode =
  | LineNode
  | RoleLineNode
  | ClauseNode
  | TableNode
  | MemberListNode
  | PersonnelStatementNode
  | TitleNode;

/** Every node type the gazette tree can hold, by its `type`. */
export interface NodeRegistry {
  line: LineNode;
  fileMarker: RoleLineNode;
  sectionHeading: RoleLineNode;
  chronicleRange: RoleLineNode;
  sectionStart: SectionStartNode;
  addressee: RoleLineNode;
  trailer: RoleLineNode;
  portal: RoleLineNode;
  attachmentList: RoleLineNode;
  duplicate: RoleLineNode;
  title: TitleNode;
  metadata: MetadataNode;
  noticeHeader: NoticeHeaderNode;
  signature: SignatureNode;
  document: DocumentNode;
  clause: ClauseNode;
  table: TableNode;
  memberList: MemberListNode;
  personnelStatement: PersonnelStatementNode;
  event: EventNode;
  notice: NoticeNode;
}

/** Any node of the gazette tree. */
export type GazetteNode = NodeRegistry[keyof NodeRegistry];

/** Nodes directly under the root. */
export type TopLevelNode = LineNode | RoleLineNode | SectionStartNode | NoticeNode | EventNode;

/** The root of a parsed gazette file. */
export interface GazetteRoot extends Parent {
  type: 'root';
  children: TopLevelNode[];
  data?: {
    /** The period from the chronicle range line, with its year checked (YYYY-MM-DD). */
    period?: { start: string; end: string };
    /** The file's main jurisdiction: its notices' most frequent one (events and lines outside notices take it). */
    jurisdiction?: Jurisdiction | null;
  };
}

/** Type guard: whether `node` is of the given registered type. */
export function is<T extends keyof NodeRegistry>(node: Node, type: T): node is NodeRegistry[T] {
  return node.type === type;
}
