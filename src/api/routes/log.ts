import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { encodeEntryBundle, parseTilePath } from '../../log/index.js';
import type { LodestoneNode } from '../../service/index.js';
import { problem } from '../problems.js';

/**
 * The C2SP tlog-tiles read API under `/log/`: the checkpoint, hash tiles and entry bundles.
 * Full tiles never change, so they are served immutable; the checkpoint may be cached a few seconds.
 */
export function logRoutes(app: FastifyInstance, node: LodestoneNode): void {
  app.get(
    '/log/checkpoint',
    { schema: { tags: ['log'], summary: 'Latest signed checkpoint (tlog-checkpoint)' } },
    async (_req, reply) => {
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'max-age=2')
        .send(node.checkpoint());
    },
  );

  app.get(
    '/log/tile/*',
    { schema: { tags: ['log'], summary: 'Hash tile or entry bundle (tlog-tiles)' } },
    async (req, reply) => {
      const path = (req.params as { '*': string })['*'];
      const tile = parseTilePath(`tile/${path}`);
      const cache = tile.width === 256 ? 'public, max-age=31536000, immutable' : 'no-cache';
      if (tile.kind === 'hash') {
        const data = node.tile(tile.level, tile.index, tile.width);
        if (!data) return reply.code(404).type('application/problem+json').send(problem('TILE_NOT_FOUND'));
        return reply.type('application/octet-stream').header('cache-control', cache).send(data);
      }
      const entries = node.entries(tile.index, tile.width);
      if (!entries) return reply.code(404).type('application/problem+json').send(problem('TILE_NOT_FOUND'));
      const bundle = encodeEntryBundle(entries);
      reply.type('application/octet-stream').header('cache-control', cache).header('vary', 'accept-encoding');
      // tlog-tiles: entry bundles are compressed at the HTTP layer.
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        return reply.header('content-encoding', 'gzip').send(gzipSync(bundle));
      }
      return reply.send(bundle);
    },
  );
}
