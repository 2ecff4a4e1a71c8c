import type { FastifyInstance } from 'fastify';
import type { LodestoneNode } from '../../service/index.js';
import {
  CONSISTENCY_PROOF_SCHEMA,
  INCLUSION_PROOF_SCHEMA,
  jsonResponse,
  problemResponse,
} from '../schemas.js';

const count = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } as const;

/** Server-side RFC 9162 proofs, for clients that would rather not fetch tiles. */
export function proofRoutes(app: FastifyInstance, node: LodestoneNode): void {
  app.get(
    '/v1/log/proof/inclusion',
    {
      schema: {
        tags: ['log'],
        summary: 'RFC 9162 inclusion proof of entry `index` in the tree of `size` (default: latest)',
        querystring: {
          type: 'object',
          required: ['index'],
          properties: { index: count, size: count },
          additionalProperties: false,
        },
        response: {
          200: jsonResponse('The inclusion proof', INCLUSION_PROOF_SCHEMA),
          400: problemResponse('BAD_QUERY (need index < size <= the log size) or VALIDATION'),
        },
      },
    },
    async (req) => {
      const { index, size } = req.query as { index: number; size?: number };
      return node.inclusionProof(index, size);
    },
  );

  app.get(
    '/v1/log/proof/consistency',
    {
      schema: {
        tags: ['log'],
        summary: 'RFC 9162 consistency proof from tree size `first` to `second` (default: latest)',
        querystring: {
          type: 'object',
          required: ['first'],
          properties: { first: count, second: count },
          additionalProperties: false,
        },
        response: {
          200: jsonResponse('The consistency proof', CONSISTENCY_PROOF_SCHEMA),
          400: problemResponse('BAD_QUERY (need 0 < first <= second <= the log size) or VALIDATION'),
        },
      },
    },
    async (req) => {
      const { first, second } = req.query as { first: number; second?: number };
      return node.consistencyProof(first, second);
    },
  );
}
