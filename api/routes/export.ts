import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { type RecordHit, type RecordSearch, type SearchParameters, buildFilter, equals } from '../../index/index.js';
import { toAtom } from '../atom.js';
import { CSV_HEADER, toCsvRow } from '../csv.js';
import { exportQuerySchema, feedQuerySchema } from '../schemas.js';

/** Every hit of a search, page after page (up to Meilisearch's 10 000), or every record of a filter. */
async function* allHits(search: RecordSearch, params: SearchParameters): AsyncGenerator<RecordHit> {
  if (!params.q?.trim()) {
    yield* search.browse(buildFilter(params));
    return;
  }
  for (let offset = 0; offset < 10_000; offset += 100) {
    const page = await search.search({ ...params, limit: 100, offset });
    yield* page.hits;
    if (page.hits.length < 100) return;
  }
}

async function* asLines(hits: AsyncGenerator<RecordHit>, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield CSV_HEADER;
  for await (const { highlight: _, ...record } of hits) yield format === 'csv' ? toCsvRow(record as RecordHit) : `${JSON.stringify(record)}\n`;
}

/** `GET /api/export` (streamed JSON Lines or CSV) and `GET /api/feed.atom`. */
export const exportRoutes: FastifyPluginAsync<{ search: RecordSearch }> = async (app, { search }) => {
  app.get<{ Querystring: SearchParameters & { format: 'jsonl' | 'csv' } }>(
    '/api/export',
    { schema: { summary: 'Every record matching the search filters, streamed as JSON Lines or CSV', querystring: exportQuerySchema } },
    async (request, reply) => {
      const { format, ...params } = request.query;
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="gazette-export.${format}"`);
      return reply.send(Readable.from(asLines(allHits(search, params), format)));
    },
  );
  app.get<{ Querystring: { department: string; jurisdiction?: string; limit: number } }>(
    '/api/feed.atom',
    { schema: { summary: "Newest notices of a department, as an Atom feed", querystring: feedQuerySchema } },
    async (request, reply) => {
      const { department, jurisdiction } = request.query;
      const filter = [...buildFilter({ department, jurisdiction }), equals('kind', 'notice')];
      const notices: RecordHit[] = [];
      for await (const notice of search.browse(filter, ['dateValue:desc'])) {
        notices.push(notice);
        if (notices.length >= request.query.limit) break;
      }
      const base = `${request.protocol}://${request.host}`;
      reply.header('content-type', 'application/atom+xml; charset=utf-8');
      return toAtom(notices, { title: `${filter[0]?.split('"')[1] ?? request.query.department} · gazette`, selfUrl: `${base}${request.url}`, base });
    },
  );
};
