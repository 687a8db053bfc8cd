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
