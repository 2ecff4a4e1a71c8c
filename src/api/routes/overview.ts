import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type LodestoneNode, OverviewQueries, type Viewer, verifyReceipt } from '../../service/index.js';
import { jsonResponse, problemResponse, READER_SECURITY } from '../schemas.js';

const GRAMS = { type: 'integer', minimum: 0 } as const;

const VOLUME = {
  type: 'object',
  required: ['batches', 'createdGrams', 'remainingGrams'],
  properties: { batches: { type: 'integer', minimum: 0 }, createdGrams: GRAMS, remainingGrams: GRAMS },
} as const;

const OVERVIEW_SCHEMA = {
  type: 'object',
  required: ['node', 'log', 'counts', 'federation', 'access'],
  additionalProperties: false,
  properties: {
    node: {
      type: 'object',
      properties: { origin: { type: 'string' }, version: { type: 'string' }, operator: { type: 'string' } },
    },
    log: {
      type: 'object',
      required: ['size', 'pending', 'root', 'checkpoint'],
      properties: {
        size: { type: 'integer', minimum: 0, description: 'entries in the latest checkpoint' },
        pending: { type: 'integer', minimum: 0, description: 'entries waiting for integration' },
        root: { type: 'string', description: 'root hash of the latest checkpoint, base64' },
        checkpoint: {
          type: 'string',
          description: 'the latest checkpoint note, as /log/checkpoint serves it',
        },
      },
    },
    counts: {
      type: 'object',
      description: 'registered organisations, facilities, batches and certificates',
      properties: {
        organizations: { type: 'integer' },
        facilities: { type: 'integer' },
        batches: { type: 'integer' },
        certificates: { type: 'integer' },
      },
    },
    federation: {
      type: 'object',
      properties: {
        peers: { type: 'integer' },
        alarms: { type: 'integer', description: 'split-view alarms' },
      },
    },
    access: {
      enum: ['public', 'full'],
      description: '`full` for the operator, auditors and regulators: `volumes` is then included',
    },
    volumes: {
      type: 'object',
      description: 'Only with `access: full`: batch mass (created and remaining) by material and by stage',
      properties: {
        byMaterial: {
          type: 'array',
          description: 'largest created mass first',
          items: {
            ...VOLUME,
            required: ['material', 'name', 'stage', 'chains', ...VOLUME.required],
            properties: {
              material: { type: 'string', description: 'code from the materials vocabulary' },
              name: { type: 'string' },
              stage: { type: 'string', description: 'the material’s stage (docs/materials.md)' },
              chains: { type: 'array', items: { type: 'string' } },
              ...VOLUME.properties,
            },
          },
        },
        byStage: {
          type: 'array',
          description: 'in supply-chain order: ore, concentrate, intermediate, refined, metal, …',
          items: {
            ...VOLUME,
            required: ['stage', ...VOLUME.required],
            properties: { stage: { type: 'string' }, ...VOLUME.properties },
          },
        },
      },
    },
  },
} as const;

const RECEIPT_RESULT_SCHEMA = {
  type: 'object',
  required: ['ok', 'checks'],
  properties: {
    ok: { type: 'boolean', description: 'true when every check passed' },
    checks: {
      type: 'array',
      description:
        'in order, stopping at the first failure: receipt-format, statement-digest, entry, checkpoint-signature, inclusion',
      items: {
        type: 'object',
        required: ['name', 'ok', 'detail'],
        properties: { name: { type: 'string' }, ok: { type: 'boolean' }, detail: { type: 'string' } },
      },
    },
    origin: { type: 'string', description: 'the checkpoint origin, once its signature verified' },
    size: { type: 'integer', description: 'the checkpoint size, once its signature verified' },
    index: { type: 'integer', description: 'the entry index, when every check passed' },
  },
} as const;

/**
 * What the dashboard reads besides the resource routes: the overview, and receipt verification with
 * this node's key (the same checks as `lodestone verify --statement --receipt --vkey`, for a browser).
 */
export function overviewRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  const overview = new OverviewQueries(node);
  app.get(
    '/v1/overview',
    {
      schema: {
        tags: ['node'],
        summary:
          'Counts (organisations, facilities, batches, certificates) and log state for anyone; with an operator, auditor or regulator token also batch volumes by material and stage',
        security: [{}, ...READER_SECURITY],
        response: {
          200: jsonResponse('The overview', OVERVIEW_SCHEMA),
          401: problemResponse('ACCESS_TOKEN_INVALID: a bearer was sent and is not a valid access token'),
          403: problemResponse('FORBIDDEN: the operator token is wrong'),
        },
      },
    },
    async (req) => overview.overview(viewerOf(req)),
  );
  app.post(
    '/v1/receipts/verify',
    {
      schema: {
        tags: ['statements'],
        summary:
          "Verify a statement and its receipt with this node's checkpoint key (vkey of /.well-known/lodestone): digest, entry, checkpoint signature, inclusion proof; one entry per check",
        body: {
          type: 'object',
          required: ['statement', 'receipt'],
          additionalProperties: false,
          properties: {
            statement: {
              type: 'string',
              minLength: 1,
              maxLength: 1_048_576,
              description: 'the compact JWS exactly as registered (whitespace around it is ignored)',
            },
            receipt: {
              type: 'object',
              additionalProperties: true,
              description: 'the JSON receipt (GET /v1/statements/{id}/receipt)',
            },
          },
        },
        response: {
          200: jsonResponse('The verdict (verified or not: read the checks)', RECEIPT_RESULT_SCHEMA),
          400: problemResponse('VALIDATION or MALFORMED_BODY'),
        },
      },
    },
    async (req) => {
      const { statement, receipt } = req.body as { statement: string; receipt: unknown };
      return verifyReceipt(statement.trim(), receipt, node.info.vkey);
    },
  );
}
