import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { LodestoneNode } from '../../service/index.js';

/** Node discovery, health and metrics. */
export function metaRoutes(app: FastifyInstance, node: LodestoneNode, registry: Registry): void {
  app.get(
    '/.well-known/lodestone',
    { schema: { tags: ['node'], summary: 'Origin, checkpoint verifier key (vkey), version' } },
    async () => ({
      ...node.info,
      log: '/log/',
    }),
  );

  app.get('/healthz', { schema: { tags: ['node'], summary: 'Liveness and log size' } }, async () => ({
    status: 'ok',
    size: node.size,
    pending: node.pending,
  }));

  app.get('/metrics', { schema: { tags: ['node'], summary: 'Prometheus metrics' } }, async (_req, reply) => {
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
