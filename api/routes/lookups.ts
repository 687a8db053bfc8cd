import type { FastifyPluginAsync } from 'fastify';
import { type RecordSearch, docNumberView, eventsBetween, noticeView, personView } from '../../index/index.js';
import { ApiError } from '../errors.js';
import {
  departmentsQuerySchema,
  departmentsResponseSchema,
  docNumberResponseSchema,
  eventsQuerySchema,
  eventsResponseSchema,
  idParamsSchema,
  noticeResponseSchema,
  personResponseSchema,
  textParamsSchema,
} from '../schemas.js';

/** Notices, document numbers, people and the chronicle. */
export const lookupRoutes: FastifyPluginAsync<{ search: RecordSearch }> = async (app, { search }) => {
  app.get<{ Params: { id: string } }>(
    '/api/notices/:id',
    {
      schema: {
        summary: 'A notice with its clauses, tables, personnel, citations and status',
        params: idParamsSchema,
        response: noticeResponseSchema,
      },
    },
    async (request) => {
      const view = await noticeView(search, request.params.id);
      if (!view) throw new ApiError(404, 'not_found', `id: no notice "${request.params.id}"`, 'id');
      return view;
    },
  );
  app.get<{ Params: { docNumber: string } }>(
    '/api/doc-numbers/:docNumber',
    {
      schema: {
        summary: 'Notices with a document number in any spelling',
        params: textParamsSchema('docNumber'),
        response: docNumberResponseSchema,
      },
    },
    async (request) => {
      const view = await docNumberView(search, request.params.docNumber);
      if (!view.docNumber)
        throw new ApiError(
          400,
          'not_a_doc_number',
          `docNumber: "${request.params.docNumber}" is not a document number (expected e.g. 海政办发〔2022〕14号)`,
          'docNumber',
        );
      return { docNumber: view.docNumber.text, notices: view.notices, citedBy: view.citedBy };
    },
  );
  app.get<{ Params: { name: string } }>(
    '/api/people/:name',
    {
      schema: {
        summary: "A person's appointments and removals, and the events naming them",
        params: textParamsSchema('name'),
        response: personResponseSchema,
      },
    },
    async (request) => personView(search, request.params.name),
  );
  app.get<{ Querystring: { q: string; jurisdiction?: string } }>(
    '/api/departments',
    {
      schema: {
        summary: 'Indexed department names containing a part of a name (自然资源), with record counts',
        querystring: departmentsQuerySchema,
        response: departmentsResponseSchema,
      },
    },
    async (request) => ({ departments: await search.departments(request.query.q, request.query.jurisdiction) }),
  );
  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/api/events',
    {
      schema: {
        summary: 'Chronicle events between two dates',
        querystring: eventsQuerySchema,
        response: eventsResponseSchema,
      },
    },
    async (request) => ({
      events: await eventsBetween(search, request.query.from, request.query.to),
    }),
  );
};
