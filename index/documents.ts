import { createHash } from 'node:crypto';
import type { GazetteRecord } from '../parsers/index.js';
import type { TextPart } from './notice-text.js';

/** What the worker adds to a record before it is indexed. */
export interface Enrichment {
  /** Search-mode segmentation of the record's text and names (jieba with the domain dictionary). */
  tokens: string[];
  /** Top TF-IDF terms of the record's text. */
  keywords: string[];
  /** Officials the record names: the person of a personnel record, people of an event, members of a list. */
  people: string[];
  /** The record's date as a number (20220315) for range filters and sorting; null when it has none. */
  dateValue: number | null;
  year: number | null;
  /** The notice the record belongs to (its own id for a notice; null for events): one hit per notice. */
  noticeKey: string | null;
  /**
   * The document numbers the record cites (a notice's `cites`; for a clause, table, personnel
   * record or event, the numbers its own text cites), so that a number finds the provisions citing it.
   */
  cites: string[];
}

/** One file a record was seen in: the same notice printed in two gazettes is one record, seen twice. */
export interface Sighting {
  issue: string;
  file: string;
  sha256: string;
  line: number;
}

/**
 * A record as stored in the records index: the record contract plus enrichment and a content
 * hash, except that a notice's `text` is its frame only (the lines none of its clauses and
 * tables holds), with `textParts` saying where their lines go (index/notice-text.ts).
 */
export type SearchDocument = GazetteRecord &
  Enrichment & {
    /** A notice's parts in its whole text; the notice's `text` is then its frame. */
    textParts?: TextPart[];
    /** Hash of everything but the file's name and sha256 and the issues: equal hashes mean nothing to rewrite. */
    contentHash: string;
    /** Every issue that holds the record (its `issue` is the first that did). Set when it is synced. */
    issues?: string[];
    /** Where each of those issues prints it. Set when it is synced. */
    sightings?: Sighting[];
  };

/**
 * The content hash of a document. The source file's name and sha256 are left out, so that a
 * corrected issue rewrites only the records whose content or position changed: a record that
 * did not change keeps pointing at the archived bytes it was first indexed from, where it still
 * sits at the same line. The issues that hold it are left out too: they are kept by the sync.
 */
export function contentHashOf(document: Omit<SearchDocument, 'contentHash'>): string {
  const { source, issue: _issue, issues: _issues, sightings: _sightings, ...rest } = document;
  const stable = { ...rest, source: { line: source.line, column: source.column, endLine: source.endLine } };
  return createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 22);
}

/** One version of an issue: bytes ingested for it. */
export interface IssueVersion {
  sha256: string;
  file: string;
  /** Milliseconds since the epoch when these bytes were first ingested. */
  firstSeen: number;
  records: number;
  /** The bytes held only part of the issue (an incomplete download): they never replaced it. */
  partial: boolean;
}

/** A gazette issue as stored in the issues index: which bytes its records were last written from. */
export interface IssueDocument {
  /** The issue id (records' `issue`). */
  id: string;
  /** sha256 of the raw bytes the index shows: the newest full version. */
  sha256: string;
  /** Every version ever ingested, oldest first. */
  versions: IssueVersion[];
  /** Their sha256s, for the filter that finds an issue by any of its versions. */
  shas: string[];
  /** A sync that started and has not finished: until it does, no version counts as indexed. */
  pending: { sha256: string; since: number } | null;
  /** File name as given when it was ingested. */
  file: string;
  records: number;
  warnings: number;
  /** Version of the parse and enrichment that produced the records. */
  pipeline: string;
  /** Milliseconds since the epoch. */
  ingestedAt: number;
}
