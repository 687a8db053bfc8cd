import { GazetteError } from '../parsers/errors.js';

/**
 * Input that will never parse (undecodable bytes, an empty file, a fatal diagnostic): its job
 * fails at once, without retries. The message carries the parser's diagnostic.
 */
export class BadInputError extends GazetteError {
  override name = 'BadInputError';
}

/** The archive has no bytes for a sha256 (the data directory is not shared with this worker). */
export class ArchiveMissError extends GazetteError {
  override name = 'ArchiveMissError';
}
