import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/**
 * A 400 message that names the parameter and the problem: `limit: must be <= 100`,
 * `foo: unknown parameter`.
 */
export function formatValidationError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const messages = errors.map((error) => {
    const params = error.params as { additionalProperty?: string; missingProperty?: string };
    if (params.additionalProperty) return `${params.additionalProperty}: unknown parameter`;
    if (params.missingProperty) return `${params.missingProperty}: required`;
    const name = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || dataVar;
    return `${name}: ${error.message ?? 'invalid'}`;
  });
  return new Error(`invalid ${dataVar}: ${messages.join('; ')}`);
}
