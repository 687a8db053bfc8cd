import { GazetteError } from '../parsers/errors.js';

/** A Meilisearch task that ended `failed` or `canceled`, or did not finish in time. */
export class IndexTaskError extends GazetteError {
  override name = 'IndexTaskError';
  constructor(
    readonly indexUid: string,
    readonly taskUid: number | null,
    readonly code: string,
    message: string,
  ) {
    super(`index "${indexUid}", task ${taskUid ?? '?'}: ${code}: ${message}`);
  }
}

/** The Meilisearch binary is missing, altered, or the server would not start. */
export class SearchServerError extends GazetteError {
  override name = 'SearchServerError';
}

/**
 * The disk under the search database (or the archive) is full: a write failed for want of
 * space, whatever error code the server gave for it. `path` is the folder that is short of
 * space, or null when the server is not local.
 */
export class StorageFullError extends GazetteError {
  override name = 'StorageFullError';
  constructor(
    readonly path: string | null,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A search found no records index: nothing has been ingested into this deployment yet (or the
 * index prefix names another one). `indexUid` is the index that was looked for.
 */
export class IndexMissingError extends GazetteError {
  override name = 'IndexMissingError';
  constructor(
    readonly indexUid: string,
    options?: ErrorOptions,
  ) {
    super(`index "${indexUid}" does not exist: nothing ingested yet (run gazette ingest PATH)`, options);
  }
}

/** Meilisearch did not answer a read (down, restarting, or unreachable). */
export class SearchUnavailableError extends GazetteError {
  override name = 'SearchUnavailableError';
}
