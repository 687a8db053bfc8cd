import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type GazetteRecord, findCitedDocNumbers, normalizeDepartment } from '../parsers/index.js';
import {
  type SearchDocument,
  type TextPart,
  contentHashOf,
  segmentInnerWords,
  splitNoticeText,
  topKeywords,
} from '../index/index.js';

/** Number of TF-IDF keywords kept per record. */
const KEYWORD_COUNT = 8;
/** Records enriched between two yields to the event loop, so lock renewal is never starved. */
const YIELD_EVERY = 100;

/**
 * Turns an issue's records into search documents: jieba tokens (search mode, with the domain
 * dictionary, plus the record's own names and departments kept whole), TF-IDF keywords,
 * departments folded to their full names (relative to the record's jurisdiction), the people it names, a numeric date, and a content
 * hash. The same records always give the same documents.
 */
export async function enrichRecords(records: GazetteRecord[]): Promise<SearchDocument[]> {
  const peopleOfNotice = new Map<string, string[]>();
  const dateOfNotice = new Map<string, string | null>();
  const partsOfNotice = new Map<string, Array<{ id: string; text: string }>>();
  for (const record of records) {
    if (record.kind === 'clause' || record.kind === 'table')
      partsOfNotice.set(record.noticeId, [...(partsOfNotice.get(record.noticeId) ?? []), record]);
    if (record.kind === 'personnel')
      peopleOfNotice.set(record.noticeId, [...(peopleOfNotice.get(record.noticeId) ?? []), record.person]);
    if (record.kind === 'notice') dateOfNotice.set(record.id, record.date);
  }
  const documents: SearchDocument[] = [];
  for (const [i, record] of records.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const people = unique(peopleOf(record, peopleOfNotice));
    const departments = unique(
      record.departments.map((name) => normalizeDepartment(name, record.jurisdiction) ?? name),
    );
    const date = 'date' in record ? record.date : (dateOfNotice.get(record.noticeId) ?? null);
    const dateValue = date ? Number(date.replaceAll('-', '')) : null;
    const wholeWords = [...departments, ...people, ...(record.kind === 'personnel' ? record.posts : [])];
    // A notice's clauses and tables hold most of its text: the index keeps only the rest of it
    // (its frame) on the notice, so that every word is indexed once (index/notice-text.ts).
    const split = record.kind === 'notice' ? splitNoticeText(record.text, partsOfNotice.get(record.id) ?? []) : null;
    const text = split ? split.frame : record.text;
    const document = {
      ...record,
      text,
      ...(split ? { textParts: split.parts as TextPart[] } : {}),
      departments,
      people,
      noticeKey: record.kind === 'notice' ? record.id : 'noticeId' in record ? record.noticeId : null,
      cites: citesOf(record),
      tokens: unique([...segmentInnerWords(searchableText(record, text)), ...wholeWords]),
      keywords: topKeywords(text, KEYWORD_COUNT),
      dateValue,
      year: dateValue ? Math.floor(dateValue / 10_000) : record.kind === 'notice' ? record.docYear : null,
    };
    documents.push({ ...document, contentHash: contentHashOf(document) } as SearchDocument);
  }
  return documents;
}

function peopleOf(record: GazetteRecord, peopleOfNotice: Map<string, string[]>): string[] {
  switch (record.kind) {
    case 'personnel':
      return [record.person];
    case 'event':
      return record.people;
    case 'clause':
      return record.members.map((member) => member.name);
    case 'notice':
      return peopleOfNotice.get(record.id) ?? [];
    default:
      return [];
  }
}

/** The text a record's tokens are cut from (`text`: what the index holds of the record's text). */
function searchableText(record: GazetteRecord, text: string): string {
  switch (record.kind) {
    case 'notice':
      return `${record.title ?? ''}\n${text}`;
    case 'clause':
      return `${record.heading ?? ''}\n${record.text}`;
    default:
      return record.text;
  }
}

/** A notice's cited numbers; for any other record, the numbers its text cites other than its notice's own. */
function citesOf(record: GazetteRecord): string[] {
  if (record.kind === 'notice') return record.cites;
  const own = 'docNumber' in record ? record.docNumber : null;
  return unique(
    findCitedDocNumbers(record.text)
      .map((cited) => cited.docNumber.text)
      .filter((text) => text !== own),
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}
