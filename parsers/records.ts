/**
 * The record contract (../shared/docs/records.md): plain JSON objects that every stage of the
 * pipeline speaks. Fields named there are never renamed or dropped; extra fields are marked.
 */

/** Where a record was cut from in the raw file. */
export interface SourceRef {
  /** File name as given. */
  file: string;
  /** sha256 of the raw bytes of the file. */
  sha256: string;
  line: number;
  column: number;
  endLine: number;
}

/** Kinds of records. */
export type RecordKind = 'notice' | 'clause' | 'table' | 'personnel' | 'event';

/** Fields every record has. */
export interface BaseRecord {
  /** Stable id: only [A-Za-z0-9_-], at most 100 characters; identical input gives identical ids. */
  id: string;
  kind: RecordKind;
  /** Id of the gazette issue the record came from. */
  issue: string;
  source: SourceRef;
  /** The printed text the record was cut from. */
  text: string;
  /** Departments the record concerns, as full names relative to its jurisdiction. */
  departments: string[];
  /** The government its departments belong to, from the issuer (南通市海门区, 青山县, 河北省); null when it cannot be told. */
  jurisdiction: string | null;
}

/** One official document. */
export interface NoticeRecord extends BaseRecord {
  kind: 'notice';
  docNumber: string | null;
  docPrefix: string | null;
  docYear: number | null;
  docSeq: number | null;
  title: string | null;
  docType: string | null;
  issuer: string | null;
  /** Signature date, YYYY-MM-DD. */
  date: string | null;
  addressees: string | null;
  section: 'documents' | 'personnel';
  attachments: string[];
  /** Cited document numbers, normalised, unique, in order of first appearance, never its own. */
  cites: string[];
  /** Extra: document numbers this notice repeals (同时废止). */
  repeals: string[];
  /** Extra: repeal sentences that name no number. */
  repealStatements: string[];
  /** Extra: when it takes effect, as printed (2022年3月15日, 发布之日). */
  effective: string | null;
  /** Extra: titles of the documents printed with it (enclosures, attachments). */
  enclosures: string[];
}

/** Fields a record copies from its notice so it can be shown and filtered on its own. */
export interface NoticeContext {
  noticeId: string;
  docNumber: string | null;
  title: string | null;
  issuer: string | null;
  date: string | null;
}

/** One numbered provision or unnumbered paragraph inside a notice. */
export interface ClauseRecord extends BaseRecord, NoticeContext {
  kind: 'clause';
  /** Numbering markers from the outside in, as printed; [] for unnumbered paragraphs. */
  path: string[];
  heading: string | null;
  /** Extra: the document of the notice it sits in: its body, an enclosure or an attachment. */
  documentKind: 'body' | 'embedded' | 'attachment';
  /** Extra: the title of that enclosure or attachment. */
  documentTitle: string | null;
  /** Extra: members listed in the clause (领导小组 rosters). */
  members: Array<{ role: string | null; name: string; post: string | null }>;
}

/** One table laid out in the text. */
export interface TableRecord extends BaseRecord, Pick<NoticeContext, 'noticeId' | 'docNumber'> {
  kind: 'table';
  caption: string | null;
  header: string[];
  rows: string[][];
  /** Extra: the group labels over each row (一、…方面（共5项）) when they span the table; [] otherwise. */
  groups: string[][];
  /** Extra: a boxed panel (专栏N). */
  panel: boolean;
  /**
   * Extra, only for a table of a web page that merges cells: each merged cell of `rows`
   * (`row` indexes `rows`), whose text stands in every slot it covers.
   */
  merged?: Array<{ row: number; column: number; rowSpan: number; colSpan: number }>;
}

/** One appointment or removal of one person. */
export interface PersonnelRecord extends BaseRecord, Pick<NoticeContext, 'noticeId' | 'docNumber' | 'date'> {
  kind: 'personnel';
  person: string;
  action: 'appoint' | 'remove';
  mode: string | null;
  post: string;
  probation: string | null;
  /** Extra: the post split where 、 joins two posts. */
  posts: string[];
  /** Extra: a note such as 挂职，2022年5月起至2022年10月止. */
  note: string | null;
}

/** One entry of the 大事记 chronicle. */
export interface EventRecord extends BaseRecord {
  kind: 'event';
  /** `YYYY-MM-DD`; an entry dated to the month (3月, 3月上旬, 是月) has the month's first day, 是年 the year's. */
  date: string | null;
  /** How much of `date` was printed. */
  datePrecision: 'day' | 'month' | 'year';
  /** For ranges (5月11日至12日); a range that ends with a month (至9月底) ends on its last day. */
  endDate: string | null;
  people: string[];
  /** Extra: 上午, 下午 or 晚 when printed. */
  timeOfDay: string | null;
}

/** Any record. */
export type GazetteRecord = NoticeRecord | ClauseRecord | TableRecord | PersonnelRecord | EventRecord;
