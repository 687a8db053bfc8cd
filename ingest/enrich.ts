import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { type GazetteRecord, findCitedDocNumbers, normalizeDepartment } from '../parsers/index.js';
import { type SearchDocument, contentHashOf, segmentForSearch, topKeywords } from '../index/index.js';

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
  for (const record of records) {
    if (record.kind === 'personnel') peopleOfNotice.set(record.noticeId, [...(peopleOfNotice.get(record.noticeId) ?? []), record.person]);
    if (record.kind === 'notice') dateOfNotice.set(record.id, record.date);
  }
  const documents: SearchDocument[] = [];
  for (const [i, record] of records.entries()) {
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    const people = unique(peopleOf(record, peopleOfNotice));
    const departments = unique(record.departments.map((name) => normalizeDepartment(name, record.jurisdiction) ?? name));
    const date = 'date' in record ? record.date : dateOfNotice.get(record.noticeId) ?? null;
    const dateValue = date ? Number(date.replaceAll('-', '')) : null;
    const wholeWords = [...departments, ...people, ...(record.kind === 'personnel' ? record.posts : [])];
    const document = {
      ...record,
      departments,
      people,
      noticeKey: record.kind === 'notice' ? record.id : 'noticeId' in record ? record.noticeId : null,
      cites: citesOf(record),
      tokens: unique([...segmentForSearch(searchableText(record)), ...wholeWords]),
      keywords: topKeywords(record.text, KEYWORD_COUNT),
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

function searchableText(record: GazetteRecord): string {
  switch (record.kind) {
    case 'notice':
      return `${record.title ?? ''}\n${record.text}`;
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
  return unique(findCitedDocNumbers(record.text).map((cited) => cited.docNumber.text).filter((text) => text !== own));
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}
