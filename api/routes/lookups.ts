import type { FastifyPluginAsync } from 'fastify';
import { type RecordSearch, docNumberView, eventsBetween, noticeView, personView } from '../../index/index.js';
import { eventsQuerySchema, idParamsSchema, textParamsSchema } from '../schemas.js';

/** Notices, document numbers, people and the chronicle. */
export const lookupRoutes: FastifyPluginAsync<{ search: RecordSearch }> = async (app, { search }) => {
  app.get<{ Params: { id: string } }>('/api/notices/:id', { schema: { summary: 'A notice with its clauses, tables, personnel, citations and status', params: idParamsSchema } }, async (request, reply) => {
    const view = await noticeView(search, request.params.id);
    return view ?? reply.status(404).send({ error: `notice "${request.params.id}" not found` });
  });
  app.get<{ Params: { docNumber: string } }>('/api/doc-numbers/:docNumber', { schema: { summary: 'Notices with a document number in any spelling', params: textParamsSchema('docNumber') } }, async (request, reply) => {
    const view = await docNumberView(search, request.params.docNumber);
    if (!view.docNumber) return reply.status(400).send({ error: `docNumber: "${request.params.docNumber}" is not a document number (expected e.g. 海政办发〔2022〕14号)` });
    return { docNumber: view.docNumber.text, notices: view.notices, citedBy: view.citedBy };
  });
  app.get<{ Params: { name: string } }>('/api/people/:name', { schema: { summary: "A person's appointments and removals, and the events naming them", params: textParamsSchema('name') } }, async (request) =>
    personView(search, request.params.name),
  );
  app.get<{ Querystring: { from?: string; to?: string } }>('/api/events', { schema: { summary: 'Chronicle events between two dates', querystring: eventsQuerySchema } }, async (request) => ({
    events: await eventsBetween(search, request.query.from, request.query.to),
  }));
};
