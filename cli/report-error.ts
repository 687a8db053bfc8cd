import { redactCredentials } from '../ingest/redact-credentials.js';
import { GazetteError } from '../parsers/errors.js';
import { UsageError } from './usage-error.js';

/** Exit codes: 0 success, 1 an input or job failed, 2 wrong usage. */
export const USAGE_ERROR = 2;

/** Whether the error is the Meilisearch client's; its module is loaded only when asked, as commands are. */
async function isMeilisearchError(error: Error): Promise<boolean> {
  if (!error.name.startsWith('Meilisearch')) return false;
  const { MeilisearchError } = await import('meilisearch');
  return error instanceof MeilisearchError;
}

/**
 * Writes what stopped a command to stderr: errors we raise on purpose, and a search server that
 * cannot be reached, in one line; anything else is a bug and gets its stack.
 * @returns the exit code
 */
export async function reportError(error: unknown): Promise<number> {
  if (error instanceof GazetteError || (error instanceof Error && (await isMeilisearchError(error)))) {
    process.stderr.write(`gazette: ${redactCredentials(error.message)}\n`);
    return error instanceof UsageError ? USAGE_ERROR : 1;
  }
  process.stderr.write(
    `gazette: internal error: ${redactCredentials(error instanceof Error ? String(error.stack) : String(error))}\n`,
  );
  return 1;
}
