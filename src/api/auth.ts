import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { problem } from './problems.js';

/**
 * A preHandler that admits only requests bearing the operator token. Compares digests in constant time
 * so the token's length and prefix do not leak through timing.
 */
export function requireOperator(token: string): preHandlerAsyncHookHandler {
  const want = digest(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    if (header === undefined || !header.startsWith('Bearer ')) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="lodestone"')
        .type('application/problem+json')
        .send(problem('UNAUTHORIZED', 'send Authorization: Bearer <operator token>'));
      return;
    }
    if (!timingSafeEqual(digest(header.slice(7).trim()), want)) {
      await reply.code(403).type('application/problem+json').send(problem('FORBIDDEN'));
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
