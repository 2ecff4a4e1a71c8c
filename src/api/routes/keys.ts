import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { LodestoneNode } from '../../service/index.js';
import {
  jsonResponse,
  KEY_SCHEMA,
  OPERATOR_RESPONSES,
  OPERATOR_SECURITY,
  problemResponse,
} from '../schemas.js';

/**
 * The temporary key registry: the operator registers public keys that statements may be signed with.
 * The identity registry (statements about organisations and their keys) replaces this seam.
 */
export function keyRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  operatorOnly: onRequestAsyncHookHandler,
): void {
  app.post(
    '/v1/keys',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['keys'],
        summary: 'Register a public key (operator only)',
        security: OPERATOR_SECURITY,
        body: {
          type: 'object',
          required: ['kid', 'jwk'],
          additionalProperties: false,
          properties: {
            kid: {
              type: 'string',
              description: 'the JWS kid that will name this key, e.g. did:web:example.com#key-1',
            },
            jwk: { type: 'object', description: 'Ed25519 public key as an OKP JWK (RFC 8037)' },
          },
        },
        response: {
          201: jsonResponse('The key is registered (or was, identically)', KEY_SCHEMA),
          400: problemResponse('KEY_INVALID (not an Ed25519 public OKP JWK), VALIDATION or MALFORMED_BODY'),
          ...OPERATOR_RESPONSES,
          409: problemResponse('KEY_CONFLICT: the kid is bound to another key'),
          415: problemResponse('UNSUPPORTED_MEDIA_TYPE'),
        },
      },
    },
    async (req, reply) => {
      const { kid, jwk } = req.body as { kid: unknown; jwk: unknown };
      return reply.code(201).send(node.keys.add(kid, jwk, new Date()));
    },
  );

  app.get(
    '/v1/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'Registered public keys',
        response: { 200: jsonResponse('The registered keys', { type: 'array', items: KEY_SCHEMA }) },
      },
    },
    async () => node.keys.list(),
  );
}
