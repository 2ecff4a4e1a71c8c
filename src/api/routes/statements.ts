import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { isStatementId } from '../../model/index.js';
import { type LodestoneNode, receiptToTlogProof, ServiceError } from '../../service/index.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: {
    id: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'lowercase hex SHA-256 of the JWS' },
  },
} as const;

/** Statement registration and retrieval. */
export function statementRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  operatorOnly: onRequestAsyncHookHandler,
): void {
  app.post(
    '/v1/statements',
    {
      schema: {
        tags: ['statements'],
        summary:
          'Register a signed statement (compact JWS, EdDSA); 201 with its receipt, 200 if already registered',
        consumes: ['application/jose', 'application/json'],
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
      schema: { tags: ['statements'], summary: 'The statement (JWS); operator only', params: idParams },
      onRequest: operatorOnly,
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const jws = node.statement(id);
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
          properties: { format: { type: 'string', enum: ['json', 'tlog-proof'] } },
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const receipt = isStatementId(id) ? node.receipt(id) : undefined;
      if (!receipt) throw new ServiceError('STATEMENT_NOT_FOUND', `no statement ${id}`);
      if ((req.query as { format?: string }).format === 'tlog-proof') {
        return reply.type('text/plain; charset=utf-8').send(receiptToTlogProof(receipt));
      }
      return reply.send(receipt);
    },
  );
}

function statementFromBody(body: unknown): string {
  if (typeof body === 'string') return body.trim();
  if (typeof body === 'object' && body !== null && typeof (body as { jws?: unknown }).jws === 'string') {
    return (body as { jws: string }).jws;
  }
  throw new ServiceError(
    'STATEMENT_MALFORMED',
    'send the compact JWS as application/jose, or {"jws": "..."} as JSON',
  );
}
