import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { LodestoneNode } from '../../service/index.js';
import { jsonResponse, textResponse } from '../schemas.js';

const WELL_KNOWN_SCHEMA = {
  type: 'object',
  required: ['origin', 'vkey', 'version', 'log'],
  properties: {
    origin: { type: 'string', description: 'the log origin, the first line of its checkpoints' },
    vkey: { type: 'string', description: 'the checkpoint verifier key (signed-note vkey)' },
    version: { type: 'string', description: 'the Lodestone version' },
    log: { type: 'string', description: 'the prefix of the C2SP tlog-tiles API' },
    witness: {
      type: 'object',
      description: "this node's C2SP tlog-witness: submission prefix /witness, monitoring prefix /witness",
      required: ['name', 'vkey'],
      properties: {
        name: { type: 'string', description: 'the cosigner key name' },
        vkey: { type: 'string', description: 'the cosignature verifier key (signed-note vkey, type 0x04)' },
      },
    },
  },
  additionalProperties: true,
} as const;

const HEALTH_SCHEMA = {
  type: 'object',
  required: ['status', 'size', 'pending'],
  properties: {
    status: { type: 'string', const: 'ok' },
    size: { type: 'integer', minimum: 0, description: 'entries in the latest checkpoint' },
    pending: { type: 'integer', minimum: 0, description: 'entries waiting for integration' },
  },
  additionalProperties: true,
} as const;

/** Node discovery, health and metrics. */
export function metaRoutes(app: FastifyInstance, node: LodestoneNode, registry: Registry): void {
  app.get(
    '/.well-known/lodestone',
    {
      schema: {
        tags: ['node'],
        summary: 'Origin, checkpoint verifier key (vkey), version, witness key',
        response: { 200: jsonResponse('What a client needs to verify this log', WELL_KNOWN_SCHEMA) },
      },
    },
    async () => ({
      ...node.info,
      log: '/log/',
      witness: node.witness.info,
    }),
  );

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['node'],
        summary: 'Liveness and log size',
        response: { 200: jsonResponse('The node is up', HEALTH_SCHEMA) },
      },
    },
    async () => ({
      status: 'ok',
      size: node.size,
      pending: node.pending,
    }),
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['node'],
        summary: 'Prometheus metrics',
        response: { 200: textResponse('Prometheus text exposition format 0.0.4', 'text/plain') },
      },
    },
    async (_req, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
