import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isStatementId } from '../../model/index.js';
import { type LodestoneNode, receiptToTlogProof, ServiceError, type Viewer } from '../../service/index.js';
import {
  jsonResponse,
  problemResponse,
  READER_RESPONSES,
  READER_SECURITY,
  textResponse,
  UNAVAILABLE_RESPONSE,
} from '../schemas.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'lowercase hex SHA-256 of the JWS' },
  },
} as const;

const compactJws = {
  type: 'string',
  description: 'a compact JWS (header.payload.signature, base64url), EdDSA, with a kid the node knows',
} as const;

/**
 * The request body of POST /v1/statements, for the OpenAPI description only: it is not given to Fastify to
 * validate, since the handler checks the body itself and answers STATEMENT_MALFORMED, as documented.
 */
const STATEMENT_BODY = {
  content: {
    'application/jose': { schema: compactJws },
    'text/plain': { schema: compactJws },
    'application/json': {
      schema: { type: 'object', required: ['jws'], properties: { jws: compactJws } },
    },
  },
} as const;

const location = {
  Location: { type: 'string', description: '/v1/statements/{id} of the registered statement' },
} as const;
const receipt = { $ref: 'Receipt#' } as const;

/** Statement registration and retrieval. */
export function statementRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  app.post(
    '/v1/statements',
    {
      schema: {
        tags: ['statements'],
        summary:
          'Register a signed statement (compact JWS, EdDSA); 201 with its receipt, 200 if already registered',
        description:
          'The body is the compact JWS as `application/jose` (or `text/plain`), or `{"jws": "…"}` as `application/json`. A 2xx means the entry is durable.',
        response: {
          201: { ...jsonResponse('Registered: the receipt', receipt), headers: location },
          200: {
            ...jsonResponse('Already registered (the same bytes): the original receipt', receipt),
            headers: location,
          },
          400: problemResponse(
            'STATEMENT_MALFORMED, STATEMENT_UNSUPPORTED or MALFORMED_BODY: not a usable compact JWS',
          ),
          413: problemResponse('STATEMENT_TOO_LARGE or BODY_TOO_LARGE'),
          415: problemResponse('UNSUPPORTED_MEDIA_TYPE'),
          403: problemResponse(
            'IDENTITY_NOT_AUTHORIZED, CUSTODY_NOT_CUSTODIAN, CUSTODY_NOT_OWNER, …: the issuer may not do this',
          ),
          409: problemResponse(
            'CUSTODY_INSUFFICIENT_QUANTITY (double spend), CUSTODY_BATCH_EXISTS, …: conflicts with the ledger state',
          ),
          422: problemResponse(
            'STATEMENT_BAD_SIGNATURE, STATEMENT_BAD_PAYLOAD, INTEROP_*, IDENTITY_*, CUSTODY_*: the statement is refused (docs/errors.md lists every code)',
          ),
          503: UNAVAILABLE_RESPONSE,
        },
      },
      config: {
        swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: STATEMENT_BODY }, url }),
      },
    },
    async (req, reply) => {
      const jws = statementFromBody(req.body);
      const { receipt, created } = await node.register(jws);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/statements/${receipt.statement}`)
        .send(receipt);
    },
  );

  app.get(
    '/v1/statements/:id',
    {
      schema: {
        tags: ['statements'],
        summary:
          'The statement (JWS). Registry statements are public; others are readable by their issuer, the parties they name, auditors, regulators and the operator',
        params: idParams,
        security: READER_SECURITY,
        response: {
          200: textResponse('The statement', 'application/jose', 'the compact JWS, exactly as registered'),
          400: problemResponse('VALIDATION: the id is not 64 lowercase hex digits'),
          ...READER_RESPONSES,
          404: problemResponse('STATEMENT_NOT_FOUND: no such statement, or not one the caller may read'),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const jws = node.statementFor(viewerOf(req), id);
      if (!jws) throw new ServiceError('STATEMENT_NOT_FOUND', `no statement ${id}`);
      return reply.type('application/jose').send(jws.toString('ascii'));
    },
  );

  app.get(
    '/v1/statements/:id/receipt',
    {
      schema: {
        tags: ['statements'],
        summary:
          'A receipt proving the statement is in the latest checkpoint; ?format=tlog-proof for c2sp.org/tlog-proof@v1',
        params: idParams,
        querystring: {
          type: 'object',
          properties: {
            format: { type: 'string', enum: ['json', 'tlog-proof'] },
            cosigned: {
              type: 'boolean',
              description:
                "prove against the checkpoint with the most peer cosignatures (appended), for another member nation's quorum policy; the latest when none holds the entry",
            },
          },
        },
        response: {
          200: {
            description:
              'The receipt: JSON by default, a c2sp.org/tlog-proof@v1 bundle with ?format=tlog-proof',
            content: {
              'application/json': { schema: receipt },
              'text/plain': {
                schema: { type: 'string', description: 'c2sp.org/tlog-proof@v1 (?format=tlog-proof)' },
              },
            },
          },
          400: problemResponse('VALIDATION: a bad id or format'),
          404: problemResponse('STATEMENT_NOT_FOUND'),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const cosigned = (req.query as { cosigned?: boolean }).cosigned === true;
      const receipt = isStatementId(id) ? node.receipt(id, { cosigned }) : undefined;
      if (!receipt) throw new ServiceError('STATEMENT_NOT_FOUND', `no statement ${id}`);
      if ((req.query as { format?: string }).format === 'tlog-proof') {
        return reply.type('text/plain; charset=utf-8').send(receiptToTlogProof(receipt));
      }
      return reply.send(receipt);
    },
  );
}

// Whitespace around the JWS (a file's final newline) is dropped in both forms, so the statement id is
// the SHA-256 of the compact serialization itself, however it was sent.
function statementFromBody(body: unknown): string {
  if (typeof body === 'string') return body.trim();
  if (typeof body === 'object' && body !== null && typeof (body as { jws?: unknown }).jws === 'string') {
    return (body as { jws: string }).jws.trim();
  }
  throw new ServiceError(
    'STATEMENT_MALFORMED',
    'send the compact JWS as application/jose, or {"jws": "..."} as JSON',
  );
}
