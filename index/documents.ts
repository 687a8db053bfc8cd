import { createHash } from 'node:crypto';
import type { GazetteRecord } from '../parsers/index.js';

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
}

/** A record as stored in the records index: the record contract plus enrichment and a content hash. */
export type SearchDocument = GazetteRecord &
  Enrichment & {
    /** Hash of everything but the file's name and sha256: equal hashes mean nothing to rewrite. */
    contentHash: string;
  };

/**
 * The content hash of a document. The source file's name and sha256 are left out, so that a
 * corrected issue rewrites only the records whose content or position changed: a record that
 * did not change keeps pointing at the archived bytes it was first indexed from, where it still
 * sits at the same line.
 */
export function contentHashOf(document: Omit<SearchDocument, 'contentHash'>): string {
  const { source, ...rest } = document;
  const stable = { ...rest, source: { line: source.line, column: source.column, endLine: source.endLine } };
  return createHash('sha256').update(JSON.stringify(stable)).digest('base64url').slice(0, 22);
}

/** A gazette issue as stored in the issues index: which bytes its records were last written from. */
export interface IssueDocument {
  /** The issue id (records' `issue`). */
  id: string;
  /** sha256 of the raw bytes last indexed for this issue. */
  sha256: string;
  /** File name as given when it was ingested. */
  file: string;
  records: number;
  warnings: number;
  /** Version of the parse and enrichment that produced the records. */
  pipeline: string;
  /** Milliseconds since the epoch. */
  ingestedAt: number;
}
