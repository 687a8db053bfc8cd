/**
 * One error format for every route, every status: the shape Fastify's schema validation gives
 * (`statusCode`, `code`, `error`, `message`), plus `parameter` naming the parameter at fault
 * when there is one. Clients read `message`; `parameter` lets a form mark the field.
 */
export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  parameter?: string;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error a route throws to answer with a 4xx: the status, a code, and the parameter it is about. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: 400 | 404,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** The body for a status and message (`parameter` only when there is one). */
export function errorBody(statusCode: number, code: string, message: string, parameter?: string): ErrorBody {
  return { statusCode, code, error: REASONS[statusCode] ?? 'Error', message, ...(parameter ? { parameter } : {}) };
}

/** The error body's JSON schema, for every error response in the OpenAPI document. */
export const errorSchema = {
  type: 'object',
  required: ['statusCode', 'code', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: {
      type: 'string',
      description:
        'FST_ERR_VALIDATION for a bad parameter; not_found, bad_range, not_a_doc_number, internal, not_ingested, unavailable',
    },
    error: { type: 'string', description: 'the status reason phrase' },
    message: { type: 'string', description: 'what is wrong, naming the parameter' },
    parameter: { type: 'string', description: 'the parameter at fault' },
  },
} as const;
