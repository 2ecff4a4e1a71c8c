import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { problem } from './problems.js';

/**
 * An onRequest hook that admits only requests bearing the operator token. It runs before the body is
 * parsed and validated, so a caller without the token gets 401/403, not schema feedback, and costs no
 * parsing. Compares digests in constant time so the token's length and prefix do not leak through timing.
 */
export function requireOperator(token: string): onRequestAsyncHookHandler {
  const want = digest(token);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // RFC 9110 §11.1: the scheme name is case-insensitive. The credential is taken as sent, less the
    // spaces and tabs around it (what HTTP itself trims): no looser trimming may turn junk into a match.
    const credential = /^bearer[ \t]+(.*?)[ \t]*$/is.exec(request.headers.authorization ?? '')?.[1];
    if (credential === undefined) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="lodestone"')
        .type('application/problem+json')
        .send(problem('UNAUTHORIZED', 'send Authorization: Bearer <operator token>'));
      return;
    }
    if (credential === '' || !timingSafeEqual(digest(credential), want)) {
      await reply.code(403).type('application/problem+json').send(problem('FORBIDDEN'));
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
