import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CONFORMITY_TOPICS } from '../../model/index.js';
import {
  type LodestoneNode,
  type ProvenanceOptions,
  ServiceError,
  type Viewer,
} from '../../service/index.js';
import {
  jsonResponse,
  PAGE_QUERY,
  pageOf,
  problemResponse,
  READER_RESPONSES,
  READER_SECURITY,
  ROW_SCHEMA,
} from '../schemas.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 2048, description: 'the batch URI' } },
} as const;

const notFound = problemResponse('BATCH_NOT_FOUND: no such batch, or not one the caller holds');

/**
 * Batches, their provenance and history (issue 3 items 6, 10, 11). Every read needs credentials; an
 * organisation sees the batches it holds and, for provenance, those it holds something made from.
 */
export function batchRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  const found = <T>(value: T | undefined, id: string): T => {
    if (value === undefined) throw new ServiceError('BATCH_NOT_FOUND', `no batch ${id} you may see`);
    return value;
  };
  app.get(
    '/v1/batches',
    {
      schema: {
        tags: ['batches'],
        summary: 'Batches: all for auditors and the operator, else those the caller holds',
        security: READER_SECURITY,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...PAGE_QUERY,
            material: { type: 'string', maxLength: 200 },
            status: { type: 'string', enum: ['active', 'in-transit', 'consumed'] },
            custodian: { type: 'string', maxLength: 2048 },
            owner: { type: 'string', maxLength: 2048 },
            facility: { type: 'string', maxLength: 2048 },
          },
        },
        response: { 200: jsonResponse('A page of batches', pageOf(ROW_SCHEMA)), ...READER_RESPONSES },
      },
    },
    async (req) => node.supply.batchesFor(viewerOf(req), req.query as never),
  );
  app.get(
    '/v1/batches/:id',
    {
      schema: {
        tags: ['batches'],
        summary: 'A batch: material, quantities, content, custodian, owner, status, composition',
        security: READER_SECURITY,
        params: idParams,
        response: { 200: jsonResponse('The batch', ROW_SCHEMA), ...READER_RESPONSES, 404: notFound },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      return found(node.supply.batchFor(viewerOf(req), id), id);
    },
  );
  app.get(
    '/v1/batches/:id/provenance',
    {
      schema: {
        tags: ['batches'],
        summary:
          'Per element: shares of its mass by origin mine, country, alliance membership, extraction method and certification, with the upstream graph',
        security: READER_SECURITY,
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            at: {
              type: 'string',
              format: 'date-time',
              description: 'judge certification as of this time (default: now)',
            },
            scheme: {
              type: 'string',
              maxLength: 2048,
              description: 'count only certificates of this scheme',
            },
            topic: { enum: CONFORMITY_TOPICS, description: 'count only certificates assessing this topic' },
          },
        },
        response: { 200: jsonResponse('The provenance', ROW_SCHEMA), ...READER_RESPONSES, 404: notFound },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const options = req.query as ProvenanceOptions;
      return found(node.supply.provenanceFor(viewerOf(req), id, options), id);
    },
  );
  app.get(
    '/v1/batches/:id/epcis',
    {
      schema: {
        tags: ['batches'],
        summary:
          "The batch's history the caller may see, as a GS1 EPCIS 2.0 JSON-LD document (valid against the EPCIS 2.0 JSON schema)",
        security: READER_SECURITY,
        params: idParams,
        response: {
          200: {
            description: 'An EPCISDocument',
            content: { 'application/ld+json': { schema: ROW_SCHEMA } },
          },
          ...READER_RESPONSES,
          404: notFound,
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const doc = found(node.supply.epcisFor(viewerOf(req), id, new Date()), id);
      return reply.type('application/ld+json').send(doc);
    },
  );
  app.get(
    '/v1/batches/:id/history',
    {
      schema: {
        tags: ['batches'],
        summary:
          'The custody events of a batch the caller is party to (all of them for auditors), in log order',
        security: READER_SECURITY,
        params: idParams,
        response: {
          200: jsonResponse('The events', { type: 'object', properties: { items: { type: 'array' } } }),
          ...READER_RESPONSES,
          404: notFound,
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      return { items: found(node.supply.historyFor(viewerOf(req), id), id) };
    },
  );
}
