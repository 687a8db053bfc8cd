import type { FastifyPluginAsync } from 'fastify';
import type { RecordSearch, SearchParameters } from '../../index/index.js';
import { searchQuerySchema, searchResponseSchema } from '../schemas.js';

/** `GET /api/search`: records with highlights, facet counts, pagination, and the exact total (`totalExact` says so). */
export const searchRoutes: FastifyPluginAsync<{ search: RecordSearch }> = async (app, { search }) => {
  app.get<{ Querystring: SearchParameters & { notices?: string } }>(
    '/api/search',
    { schema: { summary: 'Search records', querystring: searchQuerySchema, response: searchResponseSchema } },
    async (request) => {
      const { notices, ...params } = request.query;
      const result = await search.search(notices ? { ...params, noticeIds: notices.split(',') } : params);
      return {
        total: result.total,
        totalExact: result.totalExact,
        hits: result.hits,
        facets: result.facets,
        interpretation: result.interpretation,
      };
    },
  );
};
