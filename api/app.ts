import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import { IndexMissingError, type RecordSearch, SearchUnavailableError } from '../index/index.js';
import { ApiError, errorBody } from './errors.js';
import { healthResponseSchema } from './schemas.js';
import { formatValidationError } from './validation-errors.js';
import { exportRoutes } from './routes/export.js';
import { lookupRoutes } from './routes/lookups.js';
import { pageRoutes } from './routes/page.js';
import { searchRoutes } from './routes/search.js';

/** What the app reads through. */
export interface AppDependencies {
  search: RecordSearch;
  /** Whether Meilisearch answers. */
  healthy: () => Promise<boolean>;
  /**
   * The public address of the API (scheme, host, port and any path prefix), for the feed's ids
   * and links; read per request, as the listen address is known only once listening. Never the
   * request's Host header, which any client sets. Default `http://localhost`.
   */
  baseUrl?: () => string;
  /** Fastify's logger: off by default (tests); `gazette serve` logs warnings and errors to stderr. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * Builds the HTTP app (routes, schemas, error handling) without listening: tests inject
 * requests into it, `gazette serve` listens.
 */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    // Unknown parameters are refused, not silently dropped; strings are coerced to the schema's types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    schemaErrorFormatter: formatValidationError,
  });
  // The page loads only its own script and style sheet and talks only to this API: a CSP that
  // allows nothing else means markup that slipped into a record still cannot run or load.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gazette search API',
        version: '0.1.0',
        description: 'Search Chinese government gazette records: notices, clauses, tables, personnel, events.',
      },
    },
  });
  // Every error, whatever raised it, leaves in one format (errors.ts). 5xx errors are logged
  // here, with the request they failed; the client gets only a generic message (a Meilisearch
  // error names hosts and index uids).
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; parameter?: string }, request, reply) => {
    // What a reader can act on: nothing ingested yet, or Meilisearch down. Logged like any 5xx;
    // the client is told what to do, never the hosts or index uids.
    if (error instanceof IndexMissingError || error instanceof SearchUnavailableError) {
      request.log.error(
        { err: error, method: request.method, url: request.url },
        `request failed: ${request.method} ${request.url}: ${error.message}`,
      );
      return error instanceof IndexMissingError
        ? reply
            .status(503)
            .send(
              errorBody(
                503,
                'not_ingested',
                'nothing ingested yet: run gazette ingest PATH (archive files or folders) to index gazettes',
              ),
            )
        : reply.status(503).send(errorBody(503, 'unavailable', 'Meilisearch does not answer: try again shortly'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error(
        { err: error, method: request.method, url: request.url },
        `request failed: ${request.method} ${request.url}: ${error.message}`,
      );
      return reply.status(500).send(errorBody(500, 'internal', 'internal error'));
    }
    return reply.status(status).send(errorBody(status, error.code ?? 'bad_request', error.message, error.parameter));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody(404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  // A reversed range would match nothing and say nothing: refuse it, naming both ends.
  app.addHook('preHandler', async (request) => {
    const { from, to } = (request.query ?? {}) as { from?: string; to?: string };
    if (from && to && from > to) throw new ApiError(400, 'bad_range', `to: ${to} is before from: ${from}`, 'to');
  });
  await app.register(searchRoutes, { search: deps.search });
  await app.register(lookupRoutes, { search: deps.search });
  await app.register(exportRoutes, { search: deps.search, baseUrl: deps.baseUrl ?? (() => 'http://localhost') });
  await app.register(pageRoutes);
  app.get(
    '/api/health',
    { schema: { summary: 'Whether the API and Meilisearch answer', response: healthResponseSchema } },
    async (_request, reply) => {
      const meilisearch = await deps.healthy();
      return reply.status(meilisearch ? 200 : 503).send({ status: meilisearch ? 'ok' : 'degraded', meilisearch });
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
