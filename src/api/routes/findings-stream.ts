import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FindingView, type LodestoneNode, ServiceError, type Viewer } from '../../service/index.js';
import { problemResponse, READER_RESPONSES, READER_SECURITY, textResponse } from '../schemas.js';

/** Findings read from the store per page while catching a client up. */
const PAGE = 500;
/** A client that lets this much pile up unread is cut off; it resumes with Last-Event-ID. */
const MAX_BUFFERED = 8 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * `GET /v1/findings/stream`: Server-Sent Events (WHATWG HTML §9.2). Each finding is an `event: finding`
 * whose `id` is its seq; a client that reconnects with `Last-Event-ID` (or `?after=`) gets everything it
 * missed, then live findings, in seq order, never twice in one connection. Case changes are `event: case`
 * (without id: they are not part of the resumable sequence; the finding's case is current on a re-read).
 */
export function findingStream(
  app: FastifyInstance,
  node: LodestoneNode,
  viewerOf: (req: FastifyRequest) => Viewer,
): void {
  const open = new Set<ServerResponse>();
  // Before the server waits for connections to end: a stream never ends by itself.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });
  app.get(
    '/v1/findings/stream',
    {
      schema: {
        tags: ['findings'],
        summary:
          'Live findings as Server-Sent Events (event: finding, id: seq); resume with the Last-Event-ID header or ?after=<seq>; case changes as event: case; a comment every 15 s',
        security: READER_SECURITY,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { after: { type: 'string', pattern: '^[0-9]{1,15}$' } },
        },
        headers: {
          type: 'object',
          properties: { 'last-event-id': { type: 'string', pattern: '^[0-9]{1,15}$' } },
        },
        response: {
          200: textResponse('The event stream', 'text/event-stream'),
          400: problemResponse('VALIDATION: Last-Event-ID or after is not a finding seq'),
          ...READER_RESPONSES,
        },
      },
    },
    (req, reply) => {
      const viewer = viewerOf(req);
      if (viewer.kind === 'anonymous') throw new ServiceError('ACCESS_REQUIRED', 'findings need a token');
      const header = req.headers['last-event-id'];
      const from = Number(
        (typeof header === 'string' ? header : undefined) ?? (req.query as { after?: string }).after ?? 0,
      );
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      let sent = from;
      const send = (f: FindingView): void => {
        if (f.seq <= sent) return;
        sent = f.seq;
        if (!node.findings.canSee(viewer, f)) return;
        write(res, `id: ${f.seq}\nevent: finding\ndata: ${JSON.stringify(f)}\n\n`);
      };
      // Catch up and subscribe in one synchronous step: no finding can be stored in between.
      for (;;) {
        const page = node.compliance.since(sent, PAGE);
        for (const f of page) send(f);
        if (page.length < PAGE) break;
      }
      const offFindings = node.compliance.subscribe(send);
      const offCases = node.compliance.subscribeCases((c) => {
        const finding = node.compliance.get(c.finding);
        if (finding === undefined || !node.findings.canSee(viewer, finding)) return;
        write(res, `event: case\ndata: ${JSON.stringify(c)}\n\n`);
      });
      const heartbeat = setInterval(() => write(res, ': ping\n\n'), HEARTBEAT_MS);
      open.add(res);
      res.on('close', () => {
        offFindings();
        offCases();
        clearInterval(heartbeat);
        open.delete(res);
      });
    },
  );
}

function write(res: ServerResponse, text: string): void {
  if (res.writableEnded || res.destroyed) return;
  if (res.writableLength > MAX_BUFFERED) {
    res.destroy();
    return;
  }
  res.write(text);
}
