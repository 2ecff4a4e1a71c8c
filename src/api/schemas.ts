import { PROBLEM_TYPE_PREFIX, PROBLEMS } from './problems.js';

/*
 * Schemas of the API's bodies, for its OpenAPI description. They document; they do not shape output:
 * app.ts serializes every JSON body with JSON.stringify, exactly as Fastify does for a route without a
 * response schema, so a schema can never drop, reorder or coerce a field of a response.
 */

/** RFC 9457 problem details with the stable `code` (docs/errors.md). Shared as `#/components/schemas/Problem`. */
export const PROBLEM_SCHEMA = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details with a stable `code`; the codes are listed in docs/errors.md',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: `\`${PROBLEM_TYPE_PREFIX}\` followed by the code` },
    title: { type: 'string', description: 'the title of the code' },
    status: { type: 'integer', description: 'the HTTP status' },
    code: { type: 'string', enum: Object.keys(PROBLEMS) },
    detail: { type: 'string', description: 'what went wrong with this request' },
    instance: { type: 'string' },
  },
  additionalProperties: true,
} as const;

const statementId = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'the statement id: lowercase hex SHA-256 of the JWS bytes',
} as const;

const base64Hashes = {
  type: 'array',
  items: { type: 'string', contentEncoding: 'base64' },
  description: 'SHA-256 hashes, base64',
} as const;

/** A registration receipt (service/receipt.ts). Shared as `#/components/schemas/Receipt`. */
export const RECEIPT_SCHEMA = {
  $id: 'Receipt',
  type: 'object',
  description:
    'Proof that a statement is registered: its log entry, the entry index, an RFC 9162 inclusion proof and the signed checkpoint it leads to. Verifies offline with the vkey of /.well-known/lodestone.',
  required: ['statement', 'entry', 'index', 'proof', 'checkpoint'],
  properties: {
    statement: statementId,
    entry: {
      type: 'object',
      description: 'the log entry; its leaf bytes are its RFC 8785 canonical JSON',
      required: ['v', 'statement', 'registered'],
      properties: {
        v: { type: 'integer', const: 1 },
        statement: statementId,
        registered: {
          type: 'string',
          format: 'date-time',
          description: 'RFC 3339 UTC with milliseconds',
        },
      },
      additionalProperties: true,
    },
    index: { type: 'integer', minimum: 0, description: 'the entry index in the log' },
    proof: { ...base64Hashes, description: 'inclusion proof hashes, base64, leaf to root' },
    checkpoint: {
      type: 'string',
      description: 'the signed checkpoint (C2SP signed note) the proof leads to',
    },
  },
  additionalProperties: true,
} as const;

/** Listing query parameters shared by the registry and batch listings. */
export const PAGE_QUERY = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'items per page' },
  after: { type: 'string', maxLength: 2048, description: 'the `next` cursor of the previous page' },
} as const;

/** A page of a listing. */
export function pageOf(items: object) {
  return {
    type: 'object',
    required: ['items'],
    properties: {
      items: { type: 'array', items },
      next: { type: 'string', description: 'cursor for the next page; absent on the last page' },
    },
  } as const;
}

/** Rows are documented loosely: their shapes are the ledger's row types (docs/api.md). */
export const ROW_SCHEMA = { type: 'object', additionalProperties: true } as const;

/** 401/404 of the access-controlled reads. */
export const READER_RESPONSES = {
  401: problemResponse(
    'ACCESS_REQUIRED (no credentials) or ACCESS_TOKEN_INVALID: send Authorization: Bearer <access token or operator token>',
  ),
  403: problemResponse('FORBIDDEN: the operator token is wrong'),
} as const;

/** The OpenAPI security requirement of reads that need an access token or the operator token. */
export const READER_SECURITY: { [scheme: string]: string[] }[] = [{ operator: [] }, { accessToken: [] }];

/** Proof objects of /v1/log/proof/*. */
export const INCLUSION_PROOF_SCHEMA = {
  type: 'object',
  required: ['index', 'size', 'proof'],
  properties: {
    index: { type: 'integer', minimum: 0 },
    size: { type: 'integer', minimum: 1 },
    proof: { ...base64Hashes, description: 'RFC 9162 inclusion proof, base64, leaf to root' },
  },
  additionalProperties: true,
} as const;

export const CONSISTENCY_PROOF_SCHEMA = {
  type: 'object',
  required: ['first', 'second', 'proof'],
  properties: {
    first: { type: 'integer', minimum: 1 },
    second: { type: 'integer', minimum: 1 },
    proof: { ...base64Hashes, description: 'RFC 9162 consistency proof, base64' },
  },
  additionalProperties: true,
} as const;

/** A response documented as `application/problem+json` with the shared Problem schema. */
export function problemResponse(description: string) {
  return {
    description,
    content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
  } as const;
}

/** A JSON response. */
export function jsonResponse(description: string, schema: object) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A response whose body is one string in the given media type. */
export function textResponse(description: string, mediaType: string, schemaDescription?: string) {
  return {
    description,
    content: {
      [mediaType]: {
        schema: { type: 'string', ...(schemaDescription && { description: schemaDescription }) },
      },
    },
  } as const;
}

/** 503: the node is overloaded or shutting down; retry after `Retry-After` seconds. */
export const UNAVAILABLE_RESPONSE = {
  ...problemResponse('LOG_PUSHBACK (overloaded) or LOG_CLOSED (shutting down): retry after Retry-After'),
  headers: { 'Retry-After': { type: 'integer', description: 'seconds to wait before retrying' } },
} as const;

/** 401/403 of the operator-only routes. */
export const OPERATOR_RESPONSES = {
  401: problemResponse('UNAUTHORIZED: no `Authorization: Bearer <operator token>` header'),
  403: problemResponse('FORBIDDEN: the operator token is wrong'),
} as const;

/** The OpenAPI security requirement of the operator-only routes. */
export const OPERATOR_SECURITY = [{ operator: [] }];
