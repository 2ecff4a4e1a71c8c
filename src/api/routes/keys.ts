import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import type { LodestoneNode } from '../../service/index.js';

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
      },
    },
    async (req, reply) => {
      const { kid, jwk } = req.body as { kid: unknown; jwk: unknown };
      return reply.code(201).send(node.keys.add(kid, jwk, new Date()));
    },
  );

  app.get('/v1/keys', { schema: { tags: ['keys'], summary: 'Registered public keys' } }, async () =>
    node.keys.list(),
  );
}
