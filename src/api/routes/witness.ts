import type { FastifyError, FastifyInstance } from 'fastify';
import type { LodestoneNode } from '../../service/index.js';
import { TLOG_SIZE_MEDIA_TYPE } from '../../service/index.js';
import { textResponse } from '../schemas.js';

/**
 * Largest add-checkpoint body. A real one is a few KiB: 63 proof lines of 45 bytes and a checkpoint
 * note with at most 100 signature lines.
 */
export const WITNESS_BODY_LIMIT = 64 * 1024;

const TEXT = 'text/plain; charset=utf-8';

const ADD_CHECKPOINT_BODY = [
  '`old <size>` on the first line, then 0 to 63 base64 consistency-proof hashes (one per line),',
  'a blank line, and the checkpoint signed by its log (tlog-checkpoint, signed-note).',
].join(' ');

/**
 * The C2SP tlog-witness v1.0.0 API. Its answers are the spec's, byte for byte: plain-text bodies
 * (cosignature lines, a `text/x.tlog.size` size, or a short reason), never problem documents. So the
 * routes live in their own Fastify context, with their own body parser (raw bytes, any content type)
 * and error handler; the problem mapping of every other route is untouched.
 */
export async function witnessRoutes(app: FastifyInstance, node: LodestoneNode): Promise<void> {
  await app.register(async (witness) => {
    witness.removeAllContentTypeParsers();
    witness.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WITNESS_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    witness.setErrorHandler((err: FastifyError, req, reply) => {
      const status =
        err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status === 500) req.log.error({ err }, 'unhandled error');
      return reply
        .code(status)
        .type(TEXT)
        .send(status === 500 ? 'internal error\n' : `${err.message}\n`);
    });
    addCheckpointRoute(witness, node);
    monitoringRoute(witness, node);
  });
}

function addCheckpointRoute(app: FastifyInstance, node: LodestoneNode): void {
  app.post(
    '/witness/add-checkpoint',
    {
      schema: {
        tags: ['witness'],
        summary: 'Ask this node to cosign a checkpoint (C2SP tlog-witness add-checkpoint)',
        description: ADD_CHECKPOINT_BODY,
        body: { type: 'string', description: ADD_CHECKPOINT_BODY },
        response: {
          200: textResponse('Cosignature line(s): `— <witness name> <base64>`', 'text/plain'),
          400: textResponse('Malformed request, or old > the checkpoint size', 'text/plain'),
          403: textResponse('No valid signature by the log, or a failing one under its key', 'text/plain'),
          404: textResponse('Unknown log origin', 'text/plain'),
          409: textResponse('`old` is not the size last cosigned: body `<size>\\n`', TLOG_SIZE_MEDIA_TYPE),
          422: textResponse('The checkpoint is not consistent with the one last cosigned', 'text/plain'),
        },
      },
      // The body is bytes for the witness to judge, not JSON for a schema to validate.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = node.witness.addCheckpoint(body);
      return reply.code(answer.status).type(answer.contentType).send(answer.body);
    },
  );
}

function monitoringRoute(app: FastifyInstance, node: LodestoneNode): void {
  app.get(
    '/witness/:originHash/checkpoint',
    {
      schema: {
        tags: ['witness'],
        summary: 'The latest checkpoint this node cosigned for a log, with its cosignature',
        params: {
          type: 'object',
          required: ['originHash'],
          properties: {
            originHash: { type: 'string', description: "lowercase hex SHA-256 of the log's origin" },
          },
        },
        response: {
          200: textResponse('The checkpoint, signed by its log and cosigned by this witness', 'text/plain'),
          404: textResponse('This witness never cosigned that log', 'text/plain'),
        },
      },
    },
    async (req, reply) => {
      const { originHash } = req.params as { originHash: string };
      const note = node.witness.latest(originHash);
      if (note === undefined) return reply.code(404).type(TEXT).send('never cosigned\n');
      return reply.type(TEXT).send(note);
    },
  );
}
