/** JSON schemas of the API's parameters: Fastify validates every request against them. */

const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date, YYYY-MM-DD' } as const;

/** Filters shared by search and export. */
const filterProperties = {
  q: { type: 'string', maxLength: 500, description: 'search text: words, "quoted phrases", or a document number in any spelling' },
  kind: { type: 'string', enum: ['notice', 'clause', 'table', 'personnel', 'event'] },
  department: { type: 'string', maxLength: 60, description: 'a department by any alias or short form (住建) or its full name, relative to `jurisdiction` when given' },
  jurisdiction: { type: 'string', maxLength: 40, description: 'the government records belong to, by any of its names (南通市海门区, 海门, 青山县)' },
  docNumber: { type: 'string', maxLength: 60, description: 'a document number in any spelling (海政办发[2022]14号, 海政办发 2022 14 …)' },
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
  ({ type: 'object', required: [name], properties: { [name]: { type: 'string', minLength: 1, maxLength: 80 } } }) as const;
