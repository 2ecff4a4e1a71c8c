import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { parseTilePath } from '../../log/index.js';
import type { LodestoneNode } from '../../service/index.js';
import { problem } from '../problems.js';
import { problemResponse, textResponse } from '../schemas.js';

/** Full entry bundles whose gzipped bytes are kept: at most a few MB. */
export const GZIP_CACHE_ENTRIES = 256;

const TILE_PATH_GRAMMAR = [
  'The rest of the path, slashes included (not percent-encoded), is a C2SP tlog-tiles path:',
  '`{L}/{N}[.p/{W}]` for a hash tile, `entries/{N}[.p/{W}]` for an entry bundle.',
  '`L` is the tile level, 0 to 63; `N` the tile index as 3-digit groups, all but the last prefixed `x`',
  '(`000`, `123`, `x001/234`); `W` the width of a partial tile, 1 to 255 (a full tile, 256 wide, has no',
  '`.p/` suffix). Examples: `/log/tile/0/x001/234`, `/log/tile/1/000.p/17`, `/log/tile/entries/000.p/3`.',
].join(' ');

/**
 * The documented shape of the wildcard route `/log/tile/*`, which OpenAPI cannot express (a path parameter
 * spans one segment): one `{path}` parameter that carries the grammar. Documentation only.
 */
const TILE_DOCS: FastifySchema = {
  params: {
    type: 'object',
    required: ['path'],
    properties: {
      path: {
        type: 'string',
        description: 'a tlog-tiles path: `{L}/{N}[.p/{W}]` or `entries/{N}[.p/{W}]`',
        examples: ['0/000', '0/x001/234.p/17', 'entries/000.p/3'],
      },
    },
  },
};

/**
 * The C2SP tlog-tiles read API under `/log/`: the checkpoint, hash tiles and entry bundles.
 * Full tiles never change, so they are served immutable; the checkpoint may be cached a few seconds.
 */
export function logRoutes(app: FastifyInstance, node: LodestoneNode): void {
  // Gzipping a bundle costs far more than serving it: a full bundle never changes, so it is gzipped once.
  const gzipped = new LruCache<number, Buffer>(GZIP_CACHE_ENTRIES);

  app.get(
    '/log/checkpoint',
    {
      schema: {
        tags: ['log'],
        summary: 'Latest signed checkpoint (tlog-checkpoint)',
        response: {
          200: textResponse(
            'The latest checkpoint, with the cosignatures peer witnesses gave for it after the log signature',
            'text/plain',
            'a C2SP signed note (tlog-checkpoint)',
          ),
        },
      },
    },
    async (_req, reply) => {
      return reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'max-age=2')
        .send(node.cosignedCheckpoint());
    },
  );

  app.get(
    '/log/tile/*',
    {
      schema: {
        tags: ['log'],
        summary:
          'Hash tile or entry bundle (tlog-tiles): /log/tile/{L}/{N}[.p/{W}] or /log/tile/entries/{N}[.p/{W}]',
        description: `${TILE_PATH_GRAMMAR} Full tiles are served \`immutable\`; entry bundles are gzipped when the client accepts it.`,
        response: {
          200: {
            description:
              'The tile: hash tiles are W (or 256) 32-byte hashes; entry bundles are big-endian uint16 length-prefixed entries',
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            headers: {
              'Cache-Control': {
                type: 'string',
                description:
                  '`public, max-age=31536000, immutable` for a full tile, `no-cache` for a partial one',
              },
              'Content-Encoding': {
                type: 'string',
                description: '`gzip` for an entry bundle when the request accepts it',
              },
            },
          },
          404: problemResponse(
            'LOG_TILE_PATH (not a tile path of this log) or TILE_NOT_FOUND (not published yet)',
          ),
        },
      },
      config: {
        swaggerTransform: ({ schema }) => ({
          schema: { ...schema, ...TILE_DOCS },
          url: '/log/tile/:path',
        }),
      },
    },
    async (req, reply) => {
      const path = (req.params as { '*': string })['*'];
      const tile = parseTilePath(`tile/${path}`);
      const full = tile.width === 256;
      const cache = full ? 'public, max-age=31536000, immutable' : 'no-cache';
      if (tile.kind === 'hash') {
        const data = node.tile(tile.level, tile.index, tile.width);
        if (!data) return reply.code(404).type('application/problem+json').send(problem('TILE_NOT_FOUND'));
        return reply.type('application/octet-stream').header('cache-control', cache).send(data);
      }
      const wantsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      // A cached bundle was published, and a published full bundle never changes: no need to read it again.
      const hit = wantsGzip && full ? gzipped.get(tile.index) : undefined;
      const bundle = hit ? undefined : node.entryBundle(tile.index, tile.width);
      if (!hit && !bundle) {
        return reply.code(404).type('application/problem+json').send(problem('TILE_NOT_FOUND'));
      }
      reply.type('application/octet-stream').header('cache-control', cache).header('vary', 'accept-encoding');
      if (hit) return reply.header('content-encoding', 'gzip').send(hit);
      // tlog-tiles: entry bundles are compressed at the HTTP layer.
      if (wantsGzip) {
        const gz = gzipSync(bundle as Buffer);
        if (full) gzipped.set(tile.index, gz);
        return reply.header('content-encoding', 'gzip').send(gz);
      }
      return reply.send(bundle);
    },
  );
}

/** A small least-recently-used map: the oldest entry goes when a new one would exceed `capacity`. */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value === undefined) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.#map.delete(key);
    this.#map.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#capacity) this.#map.delete(this.#map.keys().next().value as K);
  }
}
