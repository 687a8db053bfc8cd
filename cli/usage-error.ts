import { GazetteError } from '../parsers/errors.js';

/** A command-line option with a value the command cannot use (exit code 2). */
export class UsageError extends GazetteError {
  override name = 'UsageError';
}
