import type { Meilisearch } from 'meilisearch';
import { type IndexNames, syncIssue } from '../index/index.js';
import type { Archive } from './archive.js';
import { type Stage, prepareIssue } from './prepare-issue.js';

/** The payload of an ingest job: small, the bytes stay in the archive. */
export interface IngestJobData {
  sha256: string;
  /** The name the file was given, for records and messages. */
  file: string;
}

/** What processing one issue did. */
export interface IngestResult {
  file: string;
  sha256: string;
  issue: string;
  records: number;
  warnings: number;
  added: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Meilisearch write tasks (0 when the index already held exactly these records). */
  writes: number;
}

/** What the processor works with. */
export interface ProcessorContext {
  archive: Archive;
  client: Meilisearch;
  names: IndexNames;
}

/**
 * The ingest processor, a plain function usable with or without a queue: reads the issue's
 * bytes from the archive, parses, enriches, and syncs its records into the index.
 * @param onStage called as each stage (parse, enrich, index) starts
 * @throws BadInputError for input that will never parse (not worth retrying); anything else
 *   (Meilisearch unreachable, a failed task) is transient and worth retrying
 */
export async function processIssue(data: IngestJobData, context: ProcessorContext, onStage: (stage: Stage) => void = () => {}): Promise<IngestResult> {
  const bytes = context.archive.read(data.sha256);
  const prepared = await prepareIssue(bytes, data.file, onStage);
  onStage('index');
  const sync = await syncIssue(context.client, context.names, prepared.issue, prepared.documents);
  return {
    file: data.file,
    sha256: data.sha256,
    issue: prepared.issue.id,
    records: prepared.documents.length,
    warnings: prepared.warnings,
    ...sync,
  };
}
