import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { ApiError } from './errors.js';

/** What ajv's messages say, in words a caller can act on, for the formats we use. */
function describe(error: FastifySchemaValidationError): string {
  const params = error.params as { format?: string };
  if (error.keyword === 'format' && params.format === 'date') return 'must be a real date, YYYY-MM-DD';
  return error.message ?? 'invalid';
}

/**
 * A 400 that names the parameter and the problem: `limit: must be <= 100`,
 * `foo: unknown parameter`, `from: must be a real date, YYYY-MM-DD`.
 */
export function formatValidationError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const named = errors.map((error) => {
    const params = error.params as { additionalProperty?: string; missingProperty?: string };
    if (params.additionalProperty) return { name: params.additionalProperty, problem: 'unknown parameter' };
    if (params.missingProperty) return { name: params.missingProperty, problem: 'required' };
    return { name: error.instancePath.replace(/^\//, '').replace(/\//g, '.') || dataVar, problem: describe(error) };
  });
  const message = named.map(({ name, problem }) => `${name}: ${problem}`).join('; ');
  return new ApiError(400, 'FST_ERR_VALIDATION', `invalid ${dataVar}: ${message}`, named[0]?.name);
}
