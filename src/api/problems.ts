import { isCodedError } from '../errors.js';
import { DOMAIN_PROBLEMS } from '../service/index.js';

/**
 * The error catalogue: every stable code the HTTP API answers with, its status and title.
 * Documented one by one in docs/errors.md (a test keeps the two in step). Problems are RFC 9457
 * `application/problem+json` bodies with an extra `code` member.
 */
const API_PROBLEMS = {
  STATEMENT_MALFORMED: { status: 400, title: 'Statement is not a well-formed compact JWS' },
  STATEMENT_UNSUPPORTED: { status: 400, title: 'Statement uses an unsupported JWS algorithm or feature' },
  STATEMENT_BAD_SIGNATURE: { status: 422, title: 'Statement signature does not verify' },
  STATEMENT_BAD_PAYLOAD: { status: 422, title: 'Statement payload is not a JSON object' },
  STATEMENT_TOO_LARGE: { status: 413, title: 'Statement is too large' },
  STATEMENT_NOT_FOUND: { status: 404, title: 'No such statement' },
  ACCESS_REQUIRED: { status: 401, title: 'Credentials required' },
  ACCESS_TOKEN_INVALID: { status: 401, title: 'Access token refused' },
  BATCH_NOT_FOUND: { status: 404, title: 'No such batch, or not one the caller may see' },
  REGISTRY_NOT_FOUND: { status: 404, title: 'No such organisation or facility' },
  CREDENTIAL_NOT_FOUND: { status: 404, title: 'No such certificate, status list or accreditation' },
  BAD_QUERY: { status: 400, title: 'Query parameter missing or out of range' },
  WEBHOOK_URL_INVALID: { status: 400, title: 'Webhook URL is not an absolute http(s) URL' },
  WEBHOOK_SINCE_INVALID: { status: 400, title: 'Webhook since is beyond the latest finding' },
  WEBHOOK_NOT_FOUND: { status: 404, title: 'No such webhook' },
  FINDING_NOT_FOUND: { status: 404, title: 'No such finding, or not one the caller may see' },
  CASE_ACTION_FORBIDDEN: { status: 403, title: 'Only the operator, auditors and regulators act on cases' },
  CASE_TRANSITION_INVALID: { status: 409, title: 'The case action may not follow the case status' },
  ALARM_NOT_FOUND: { status: 404, title: 'No such split-view alarm' },
  FEDERATION_EXPORT_NEEDS_SPLIT: { status: 422, title: 'Ship a partly used batch abroad with splitInto' },
  FEDERATION_RECEIPT_REFUSED: { status: 422, title: "The origin log's receipt does not verify here" },
  FEDERATION_SHIPMENT_MISMATCH: { status: 422, title: 'The shipment or summary is about another batch' },
  FEDERATION_SUMMARY_FORBIDDEN: {
    status: 403,
    title: "Only this node's operator signs provenance summaries",
  },
  LOG_RANGE: { status: 400, title: 'Index or size out of range' },
  LOG_TILE_PATH: { status: 404, title: 'Not a tile path of this log' },
  TILE_NOT_FOUND: { status: 404, title: 'Tile not published' },
  LOG_PUSHBACK: { status: 503, title: 'Node is overloaded; retry later' },
  LOG_CLOSED: { status: 503, title: 'Node is shutting down; retry later' },
  UNAUTHORIZED: { status: 401, title: 'Operator token required' },
  FORBIDDEN: { status: 403, title: 'Operator token is wrong' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  BODY_TOO_LARGE: { status: 413, title: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported Content-Type' },
  MALFORMED_BODY: { status: 400, title: 'Request body is malformed' },
  VALIDATION: { status: 400, title: 'Request does not match the schema' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request was not received in time' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request headers are too large' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/**
 * The whole catalogue: the API's own codes and those of the domain rules (custody, identity registry,
 * credential parsing), which the service exports with their statuses and titles.
 */
export const PROBLEMS = { ...API_PROBLEMS, ...DOMAIN_PROBLEMS } as const;

export type ProblemCode = keyof typeof PROBLEMS;

/** An RFC 9457 problem details object. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail?: string;
  readonly instance?: string;
}

export const PROBLEM_TYPE_PREFIX = 'urn:lodestone:problem:';

export function problem(code: ProblemCode, detail?: string, instance?: string): Problem {
  const { status, title } = PROBLEMS[code];
  return {
    type: `${PROBLEM_TYPE_PREFIX}${code}`,
    title,
    status,
    code,
    ...(detail !== undefined && { detail }),
    ...(instance !== undefined && { instance }),
  };
}

// Fastify's own request errors, by their FST_ERR_* code.
const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_INVALID_URL: 'BAD_REQUEST',
};

/** Map anything thrown while handling a request to a problem. Unknown errors become INTERNAL. */
export function toProblem(err: unknown): Problem {
  if (isCodedError(err) && err.code in PROBLEMS) return problem(err.code as ProblemCode, err.message);
  const e = err as { code?: string; statusCode?: number; message?: string; validation?: unknown };
  if (e.validation !== undefined) return problem('VALIDATION', e.message);
  const mapped = e.code !== undefined ? FASTIFY_CODES[e.code] : undefined;
  if (mapped) return problem(mapped, e.message);
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    // A body that fails to parse (e.g. invalid JSON) arrives as a plain 400 SyntaxError.
    return problem(e.statusCode === 400 ? 'MALFORMED_BODY' : 'BAD_REQUEST', e.message);
  }
  return problem('INTERNAL');
}
