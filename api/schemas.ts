/**
 * JSON schemas of the API's parameters (Fastify validates every request against them) and of
 * its responses (the OpenAPI document describes every status a route answers with).
 */
import { errorSchema } from './errors.js';

// `format: 'date'` (ajv-formats, which Fastify loads) takes real dates only: 2022-13-45 and 2022-02-29 are refused.
const isoDate = { type: 'string', format: 'date', description: 'a real date, YYYY-MM-DD' } as const;

/** Filters shared by search and export. */
const filterProperties = {
  q: {
    type: 'string',
    maxLength: 500,
    description: 'search text: words, "quoted phrases", or a document number in any spelling',
  },
  kind: { type: 'string', enum: ['notice', 'clause', 'table', 'personnel', 'event'] },
  department: {
    type: 'string',
    maxLength: 60,
    description:
      'a department by any alias or short form (住建) or its full name, relative to `jurisdiction` when given',
  },
  jurisdiction: {
    type: 'string',
    maxLength: 40,
    description: 'the government records belong to, by any of its names (南通市海门区, 海门, 青山县)',
  },
  docNumber: {
    type: 'string',
    maxLength: 60,
    description: 'a document number in any spelling (海政办发[2022]14号, 海政办发 2022 14 …)',
  },
  docType: { type: 'string', maxLength: 20 },
  issuer: { type: 'string', maxLength: 60 },
  person: { type: 'string', maxLength: 20 },
  from: isoDate,
  to: isoDate,
  sort: { type: 'string', enum: ['relevance', 'date:desc', 'date:asc'], default: 'relevance' },
} as const;

export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    limit: { type: 'integer', minimum: 0, maximum: 100, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
    distinct: { type: 'boolean', default: false, description: 'one hit per notice' },
    notices: {
      type: 'string',
      maxLength: 2100,
      pattern: '^[A-Za-z0-9_-]{1,100}(,[A-Za-z0-9_-]{1,100}){0,99}$',
      description:
        'only the records of these notices (comma-separated notice ids, at most 100): the matching parts of a page of `distinct` hits',
    },
  },
} as const;

export const exportQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { ...filterProperties, format: { type: 'string', enum: ['jsonl', 'csv'], default: 'jsonl' } },
} as const;

export const eventsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { from: isoDate, to: isoDate },
} as const;

export const departmentsQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['q'],
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 60, description: 'a part of a department name' },
    jurisdiction: { type: 'string', minLength: 1, maxLength: 40 },
  },
} as const;

export const feedQuerySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['department'],
  properties: {
    department: { type: 'string', minLength: 1, maxLength: 60 },
    jurisdiction: { type: 'string', minLength: 1, maxLength: 40 },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 30 },
  },
} as const;

export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } },
} as const;

export const textParamsSchema = (name: string) =>
  ({
    type: 'object',
    required: [name],
    properties: { [name]: { type: 'string', minLength: 1, maxLength: 80 } },
  }) as const;

// Response schemas. Records and views are open objects (`additionalProperties`): Fastify
// serializes through these schemas, and a field left out of one would be dropped silently;
// docs/records.md is the field-by-field contract. Only fields that are never null are typed.
const record = {
  type: 'object',
  required: ['id', 'kind'],
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['notice', 'clause', 'table', 'personnel', 'event'] },
  },
  description: 'a record as docs/records.md defines it; search hits add `highlight` (escaped HTML with <mark>)',
} as const;
const records = { type: 'array', items: record } as const;
const openObject = { type: 'object', additionalProperties: true } as const;

/** The responses every route can give besides its own: a bad parameter and a server fault. */
const errors = {
  400: { description: 'a bad parameter, named in `parameter`', ...errorSchema },
  500: { description: 'a server fault (logged by the server)', ...errorSchema },
  503: {
    description:
      'nothing ingested yet (`not_ingested`: no records index) or Meilisearch does not answer (`unavailable`)',
    ...errorSchema,
  },
} as const;

export const searchResponseSchema = {
  200: {
    description: 'matching records',
    type: 'object',
    required: ['total', 'totalExact', 'hits', 'facets', 'interpretation'],
    properties: {
      total: { type: 'integer' },
      totalExact: { type: 'boolean' },
      hits: records,
      facets: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } } },
      interpretation: {
        type: 'object',
        additionalProperties: true,
        properties: { docNumber: { type: ['string', 'null'] }, queries: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
  ...errors,
} as const;

export const noticeResponseSchema = {
  200: {
    description: 'the notice with its parts, citations and status',
    type: 'object',
    required: ['notice', 'clauses', 'tables', 'personnel', 'cites', 'citedBy', 'status'],
    properties: {
      notice: record,
      clauses: records,
      tables: records,
      personnel: records,
      cites: { type: 'array', items: openObject },
      citedBy: records,
      status: openObject,
    },
  },
  404: { description: 'no notice has this id', ...errorSchema },
  ...errors,
} as const;

export const docNumberResponseSchema = {
  200: {
    description: 'notices with the number, and those citing it',
    type: 'object',
    required: ['docNumber', 'notices', 'citedBy'],
    properties: { docNumber: { type: 'string' }, notices: records, citedBy: records },
  },
  ...errors,
} as const;

export const personResponseSchema = {
  200: {
    description: "the person's personnel records, the events naming them, and both as one timeline in date order",
    type: 'object',
    required: ['name', 'personnel', 'events', 'timeline'],
    properties: {
      name: { type: 'string' },
      personnel: records,
      events: records,
      timeline: {
        type: 'array',
        items: {
          type: 'object',
          required: ['what', 'text', 'id'],
          additionalProperties: true,
          properties: {
            date: { type: ['string', 'null'] },
            what: { type: 'string', enum: ['appoint', 'remove', 'event'] },
            text: { type: 'string' },
            docNumber: { type: ['string', 'null'] },
            id: { type: 'string' },
          },
        },
      },
    },
  },
  ...errors,
} as const;

export const eventsResponseSchema = {
  200: {
    description: 'chronicle events in date order',
    type: 'object',
    required: ['events'],
    properties: { events: records },
  },
  ...errors,
} as const;

export const exportResponseSchema = {
  200: { description: 'JSON Lines (one record per line) or CSV with a byte-order mark, streamed', type: 'string' },
  ...errors,
} as const;

export const feedResponseSchema = {
  200: { description: 'an Atom feed', type: 'string' },
  ...errors,
} as const;

export const healthResponseSchema = {
  200: {
    description: 'the API and Meilisearch answer',
    type: 'object',
    properties: { status: { type: 'string' }, meilisearch: { type: 'boolean' } },
  },
  503: {
    description: 'Meilisearch does not answer',
    type: 'object',
    properties: { status: { type: 'string' }, meilisearch: { type: 'boolean' } },
  },
  500: errors[500],
} as const;

export const departmentsResponseSchema = {
  200: {
    description: 'department names containing the part, most records first',
    type: 'object',
    required: ['departments'],
    properties: {
      departments: {
        type: 'array',
        items: {
          type: 'object',
          required: ['value', 'count'],
          properties: { value: { type: 'string' }, count: { type: 'integer' } },
        },
      },
    },
  },
  ...errors,
} as const;
