import { type DocNumber, parseDocNumberQuery } from '../parsers/index.js';
import { equals, isAnyOf } from './filter.js';
import type { RecordHit, RecordSearch } from './record-search.js';
import { dateNumber } from './build-filter.js';
import { toSimplified } from './to-simplified.js';
import { joinNoticeText } from './notice-text.js';

type NoticeHit = Extract<RecordHit, { kind: 'notice' }>;

/** A notice with everything printed in it and its place among other documents. */
export interface NoticeView {
  notice: NoticeHit;
  clauses: RecordHit[];
  tables: RecordHit[];
  personnel: RecordHit[];
  /** The documents it cites: the notice when it is indexed, else only the number. */
  cites: Array<{ docNumber: string; notice: NoticeHit | null }>;
  /** Notices that cite it. */
  citedBy: NoticeHit[];
  /** `repealed` when a later notice repeals it (同时废止), naming that notice. */
  status: { state: 'in-force' | 'repealed'; repealedBy: NoticeHit[] };
}

/** One notice with its parts, citations both ways and repeal status; null when there is none. */
export async function noticeView(search: RecordSearch, id: string): Promise<NoticeView | null> {
  const found = await search.notice(id);
  if (found?.kind !== 'notice') return null;
  const { textParts, ...hit } = found;
  const parts = (await search.all([equals('noticeId', id)])).sort((a, b) => a.source.line - b.source.line);
  // The index holds the notice's frame; its clauses and tables hold the rest of its text.
  const notice = {
    ...hit,
    text: joinNoticeText(hit.text, textParts, new Map(parts.map((p) => [p.id, p.text]))),
  } as NoticeHit;
  const cited = notice.cites.length
    ? ((await search.all([equals('kind', 'notice'), isAnyOf('docNumber', notice.cites)])) as NoticeHit[])
    : [];
  const citedBy = notice.docNumber
    ? ((await search.all([equals('kind', 'notice'), equals('cites', notice.docNumber)])) as NoticeHit[])
    : [];
  const repealedBy = notice.docNumber
    ? ((await search.all([equals('kind', 'notice'), equals('repeals', notice.docNumber)])) as NoticeHit[])
    : [];
  return {
    notice,
    clauses: parts.filter((r) => r.kind === 'clause'),
    tables: parts.filter((r) => r.kind === 'table'),
    personnel: parts.filter((r) => r.kind === 'personnel'),
    cites: notice.cites.map((docNumber) => ({
      docNumber,
      notice: cited.find((n) => n.docNumber === docNumber) ?? null,
    })),
    citedBy: citedBy.filter((n) => n.id !== id),
    status: { state: repealedBy.length ? 'repealed' : 'in-force', repealedBy },
  };
}

/** The notices with a document number written in any spelling, and those citing it. */
export async function docNumberView(
  search: RecordSearch,
  spelling: string,
): Promise<{ docNumber: DocNumber | null; notices: NoticeHit[]; citedBy: NoticeHit[] }> {
  const docNumber = parseDocNumberQuery(spelling);
  if (!docNumber) return { docNumber, notices: [], citedBy: [] };
  const notices = (await search.all([equals('kind', 'notice'), equals('docNumber', docNumber.text)])) as NoticeHit[];
  const citedBy = (await search.all([equals('kind', 'notice'), equals('cites', docNumber.text)])) as NoticeHit[];
  return { docNumber, notices, citedBy };
}

/** One entry of a person's timeline: an appointment, a removal, or a chronicle mention. */
export interface TimelineEntry {
  date: string | null;
  what: 'appoint' | 'remove' | 'event';
  /** The post (for an action) or the event's text. */
  text: string;
  docNumber: string | null;
  id: string;
  source: RecordHit['source'];
}

/**
 * A person's appointments and removals, the chronicle events naming them, and both as one
 * timeline in date order (undated last, then in printed order).
 */
export async function personView(
  search: RecordSearch,
  name: string,
): Promise<{ name: string; personnel: RecordHit[]; events: RecordHit[]; timeline: TimelineEntry[] }> {
  const person = toSimplified(name.replace(/\s/g, ''));
  const personnel = await search.all([equals('kind', 'personnel'), equals('person', person)]);
  const events = await search.all([equals('kind', 'event'), equals('people', person)]);
  const entries = [...personnel, ...events].map((record): TimelineEntry => {
    const r = record as RecordHit & {
      date?: string | null;
      action?: 'appoint' | 'remove';
      post?: string;
      docNumber?: string | null;
    };
    return {
      date: r.date ?? null,
      what: r.kind === 'event' ? 'event' : (r.action ?? 'appoint'),
      text: r.kind === 'event' ? r.text : (r.post ?? r.text),
      docNumber: r.docNumber ?? null,
      id: r.id,
      source: r.source,
    };
  });
  const timeline = entries.sort(
    (a, b) =>
      (a.date ?? '9999').localeCompare(b.date ?? '9999') ||
      a.source.file.localeCompare(b.source.file) ||
      a.source.line - b.source.line,
  );
  return { name: person, personnel, events, timeline };
}

/** Chronicle events between two dates (inclusive), in date order. */
export function eventsBetween(search: RecordSearch, from?: string, to?: string): Promise<RecordHit[]> {
  const filter = [equals('kind', 'event')];
  if (from) filter.push(`dateValue >= ${dateNumber(from)}`);
  if (to) filter.push(`dateValue <= ${dateNumber(to)}`);
  return search.all(filter);
}
