import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { LodestoneNode, Viewer } from '../../service/index.js';
import {
  jsonResponse,
  OPERATOR_RESPONSES,
  OPERATOR_SECURITY,
  problemResponse,
  READER_RESPONSES,
  READER_SECURITY,
  ROW_SCHEMA,
} from '../schemas.js';

const nullable = (type: string) => ({ type: [type, 'null'] }) as const;

const PEER_STATUS_SCHEMA = {
  type: 'object',
  properties: {
    origin: { type: 'string' },
    url: { type: 'string' },
    witnessVkey: nullable('string'),
    theirSize: nullable('integer'),
    cosignedSize: { type: 'integer', description: "this node's size the peer's witness last cosigned" },
    lag: { type: 'integer' },
    lastError: nullable('string'),
    nextRetry: nullable('string'),
    trusted: { type: 'boolean', description: "false when the peer's origin has a split-view alarm" },
  },
} as const;

const ALARM_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    origin: { type: 'string' },
    detectedAt: { type: 'string', format: 'date-time' },
    kind: { type: 'string', examples: ['same-size-different-root', 'inconsistent-proof'] },
    evidence: {
      type: 'object',
      description: 'both signed checkpoint notes, verbatim, and the consistency proof if any',
      properties: {
        first: { type: 'string' },
        second: { type: 'string' },
        proof: { type: 'array', items: { type: 'string' } },
      },
    },
    decision: {
      type: 'object',
      description: "the operator's latest decision, if any",
      properties: {
        decision: { enum: ['distrust', 'trust'] },
        justification: { type: 'string' },
        decidedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const;

/** Federation (DESIGN.md §8): the peers' state and the split-view alarms. Public: nothing in them is private. */
export function federationRoutes(
  app: FastifyInstance,
  node: LodestoneNode,
  operatorOnly: onRequestAsyncHookHandler,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  app.post(
    '/v1/federation/exports',
    {
      schema: {
        tags: ['federation'],
        summary:
          "Export bundle of a shipment to another member nation, for its shipper (access token) or the operator: the ship statement and this node operator's provenance summary of the batch, each with a receipt against the most-cosigned checkpoint. The importer registers a CrossBorderReceipt carrying it on its own node",
        security: READER_SECURITY,
        body: {
          type: 'object',
          required: ['shipment', 'event'],
          additionalProperties: false,
          properties: {
            shipment: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'the ship statement id' },
            event: { type: 'string', minLength: 1, maxLength: 2048, description: 'the ship event id' },
          },
        },
        response: {
          200: jsonResponse('The export bundle', ROW_SCHEMA),
          400: problemResponse('VALIDATION or BAD_QUERY: no such ship event in the statement'),
          ...READER_RESPONSES,
          404: problemResponse('STATEMENT_NOT_FOUND: no such statement of yours'),
          422: problemResponse('FEDERATION_EXPORT_NEEDS_SPLIT'),
        },
      },
    },
    async (req) => {
      const { shipment, event } = req.body as { shipment: string; event: string };
      return node.exportShipment(viewerOf(req), shipment, event);
    },
  );

  app.get(
    '/v1/federation/status',
    {
      schema: {
        tags: ['federation'],
        summary: 'Peers (their latest size, what they cosigned of this log, errors) and the alarm count',
        response: {
          200: jsonResponse('Federation status', {
            type: 'object',
            properties: {
              peers: { type: 'array', items: PEER_STATUS_SCHEMA },
              alarms: { type: 'integer' },
              untrusted: { type: 'array', items: { type: 'string' } },
            },
          }),
        },
      },
    },
    async () => node.federationStatus(),
  );

  app.get(
    '/v1/federation/alarms',
    {
      schema: {
        tags: ['federation'],
        summary: 'Split-view alarms: two inconsistent signed checkpoints of one origin',
        response: {
          200: jsonResponse('The alarms, oldest first', {
            type: 'object',
            properties: { alarms: { type: 'array', items: ALARM_SCHEMA } },
          }),
        },
      },
    },
    async () => ({ alarms: node.alarms() }),
  );

  app.post(
    '/v1/federation/receipts/verify',
    {
      schema: {
        tags: ['federation'],
        summary:
          "Verify a statement and receipt from another member nation's log: origin a trusted peer, log signature, witness quorum, inclusion, and no split view against what this node's witness cosigned (split-view evidence raises an alarm). One entry per check",
        body: {
          type: 'object',
          required: ['statement', 'receipt'],
          additionalProperties: false,
          properties: {
            statement: {
              type: 'string',
              minLength: 1,
              maxLength: 1_048_576,
              description: 'the compact JWS as registered',
            },
            receipt: {
              type: 'object',
              additionalProperties: true,
              description: "the receipt (GET /v1/statements/{id}/receipt?cosigned=true on the origin's node)",
            },
          },
        },
        response: {
          200: jsonResponse('The verdict, check by check', {
            type: 'object',
            required: ['ok', 'checks'],
            properties: {
              ok: { type: 'boolean' },
              origin: { type: 'string' },
              size: { type: 'integer' },
              index: { type: 'integer' },
              checks: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'ok', 'detail'],
                  properties: {
                    name: { type: 'string' },
                    ok: { type: 'boolean' },
                    detail: { type: 'string' },
                  },
                },
              },
            },
          }),
          400: problemResponse('VALIDATION'),
        },
      },
    },
    async (req) => {
      const { statement, receipt } = req.body as { statement: string; receipt: unknown };
      return node.verifyForeignReceipt(statement.trim(), receipt);
    },
  );

  app.post(
    '/v1/federation/alarms/:id/decision',
    {
      onRequest: operatorOnly,
      schema: {
        tags: ['federation'],
        summary:
          "The operator decides on a split-view alarm: distrust keeps the origin's checkpoints and receipts refused; trust lifts this alarm. Every decision is kept; the latest is in force",
        security: OPERATOR_SECURITY,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
        },
        body: {
          type: 'object',
          required: ['decision', 'justification'],
          additionalProperties: false,
          properties: {
            decision: { enum: ['distrust', 'trust'] },
            justification: { type: 'string', minLength: 1, maxLength: 4000 },
          },
        },
        response: {
          200: jsonResponse('The alarm with the decision', ALARM_SCHEMA),
          400: problemResponse('VALIDATION'),
          ...OPERATOR_RESPONSES,
          404: problemResponse('ALARM_NOT_FOUND'),
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: number };
      const body = req.body as { decision: 'distrust' | 'trust'; justification: string };
      return node.decideAlarm(id, body);
    },
  );
}
