import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { BaseError } from '../errors.js';
import { type LodestoneNode, ServiceError, type Viewer } from '../service/index.js';

/**
 * Who a request speaks for: `Authorization: Bearer <operator token>` is the operator; a bearer with the
 * shape of a JWS is an organisation's access token (checked against the identity registry); no header is
 * anonymous. A wrong operator token is FORBIDDEN, a bad access token ACCESS_TOKEN_INVALID.
 */
export function viewerResolver(node: LodestoneNode, operatorToken: string): (req: FastifyRequest) => Viewer {
  const want = digest(operatorToken);
  return (req) => {
    const header = req.headers.authorization;
    if (header === undefined) return { kind: 'anonymous' };
    const credential = /^bearer[ \t]+(.*?)[ \t]*$/is.exec(header)?.[1];
    if (credential === undefined || credential === '') {
      throw new ServiceError('ACCESS_REQUIRED', 'send Authorization: Bearer <access token>');
    }
    // An operator token has no dots (printable, ≥ 16 characters); a compact JWS has exactly two.
    if (credential.split('.').length === 3) return node.authenticate(credential);
    if (timingSafeEqual(digest(credential), want)) return { kind: 'operator' };
    throw new BaseError('FORBIDDEN', 'the operator token is wrong');
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
