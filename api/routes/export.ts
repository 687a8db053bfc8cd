import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { type RecordHit, type RecordSearch, type SearchParameters, buildFilter, equals } from '../../index/index.js';
import { toAtom } from '../atom.js';
import { CSV_BOM, CSV_HEADER, toCsvRow } from '../csv.js';
import { exportQuerySchema, exportResponseSchema, feedQuerySchema, feedResponseSchema } from '../schemas.js';

async function* asLines(hits: AsyncGenerator<RecordHit>, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  // The byte-order mark tells Excel the file is UTF-8 (without it, Chinese Windows reads GBK).
  if (format === 'csv') yield CSV_BOM + CSV_HEADER;
  for await (const { highlight: _, ...record } of hits)
    yield format === 'csv' ? toCsvRow(record as RecordHit) : `${JSON.stringify(record)}\n`;
}

/** Options of the export routes. */
export interface ExportRoutesOptions {
  search: RecordSearch;
  /** The public address of the API, for the feed's ids and links (never the request's Host header). */
  baseUrl: () => string;
}

/** `GET /api/export` (streamed JSON Lines or CSV) and `GET /api/feed.atom`. */
export const exportRoutes: FastifyPluginAsync<ExportRoutesOptions> = async (app, { search, baseUrl }) => {
  app.get<{ Querystring: SearchParameters & { format: 'jsonl' | 'csv' } }>(
    '/api/export',
    {
      schema: {
        summary:
          'Every record matching the search filters and query, streamed as JSON Lines or CSV (all of them, keyset-paged)',
        querystring: exportQuerySchema,
        response: exportResponseSchema,
      },
    },
    async (request, reply) => {
      const { format, ...params } = request.query;
      reply.header(
        'content-type',
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      );
      reply.header('content-disposition', `attachment; filename="gazette-export.${format}"`);
      return reply.send(Readable.from(asLines(search.every(params), format)));
    },
  );
  app.get<{ Querystring: { department: string; jurisdiction?: string; limit: number } }>(
    '/api/feed.atom',
    {
      schema: {
        summary: 'Newest notices of a department, as an Atom feed',
        querystring: feedQuerySchema,
        response: feedResponseSchema,
      },
    },
    async (request, reply) => {
      const { department, jurisdiction } = request.query;
      const filter = [...buildFilter({ department, jurisdiction }), equals('kind', 'notice')];
      const notices = await search.first(filter, ['dateValue:desc'], request.query.limit);
      const base = baseUrl().replace(/\/+$/, '');
      reply.header('content-type', 'application/atom+xml; charset=utf-8');
      return toAtom(notices, {
        title: `${filter[0]?.split('"')[1] ?? request.query.department} · gazette`,
        selfUrl: `${base}${request.url}`,
        base,
      });
    },
  );
};
