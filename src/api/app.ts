import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type ConnectionError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { LodestoneNode } from '../service/index.js';
import { requireOperator } from './auth.js';
import { createMetrics } from './metrics.js';
import { PROBLEMS, type Problem, type ProblemCode, problem, toProblem } from './problems.js';
import { batchRoutes } from './routes/batches.js';
import { certificateRoutes } from './routes/certificates.js';
import { federationRoutes } from './routes/federation.js';
import { findingRoutes } from './routes/findings.js';
import { logRoutes } from './routes/log.js';
import { metaRoutes } from './routes/meta.js';
import { overviewRoutes } from './routes/overview.js';
import { proofRoutes } from './routes/proofs.js';
import { registryRoutes } from './routes/registry.js';
import { reportRoutes } from './routes/reports.js';
import { riskRoutes } from './routes/risk.js';
import { statementRoutes } from './routes/statements.js';
import { webhookRoutes } from './routes/webhooks.js';
import { witnessRoutes } from './routes/witness.js';
import { PROBLEM_SCHEMA, RECEIPT_SCHEMA } from './schemas.js';
import { viewerResolver } from './viewer.js';
import { dashboardRoutes, defaultWebRoot } from './web.js';

export interface AppOptions {
  readonly node: LodestoneNode;
  readonly operatorToken: string;
  /** Pino log level, or false for none (tests, benchmarks). */
  readonly logLevel?: string | false;
  /** Largest request body, bytes. */
  readonly bodyLimit?: number;
  /** The built dashboard served at `/` (default: the package's `dist/web`, when built). */
  readonly webRoot?: string;
}

/** Seconds a client should wait after a 503 before retrying. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * The node's HTTP API (DESIGN.md §10): a thin adapter over the service. Every error leaves as an
 * RFC 9457 problem with a stable code; nothing thrown by a handler reaches the client unmapped.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { node } = options;
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    // Fastify's default silently drops members a schema does not allow (a JWK's private `d` included):
    // refuse them instead. Query strings still coerce ("limit=10" is a number).
    ajv: { customOptions: { removeAdditional: false } },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Malformed URLs and headers are answered by the same problem mapping as everything else.
    frameworkErrors: (err, req, reply) => sendProblem(req, reply, toProblem(err)),
    // HTTP that does not even parse (bad request line, header bytes, chunking) never reaches a route.
    clientErrorHandler: sendClientErrorProblem,
    // Node would answer a Host-less HTTP/1.1 request with a bodiless 400: the hook below sends a problem.
    http: { requireHostHeader: false },
  });
  // Node answers these itself, bodiless, unless listened for. RFC 9110 §10.1.1 lets a server ignore an
  // expectation other than 100-continue (rather than send 417), so such a request is served as usual.
  app.server.on('checkExpectation', (req, res) => app.server.emit('request', req, res));
  app.server.on('connect', (_req, socket: Socket) =>
    writeRawProblem(socket, 'NOT_FOUND', 'CONNECT is not supported'),
  );
  app.addHook('onRequest', async (req, reply) => {
    if (req.raw.httpVersion === '1.1' && req.headers.host === undefined) {
      return sendProblem(req, reply, problem('BAD_REQUEST', 'an HTTP/1.1 request needs a Host header'));
    }
  });
  // Response schemas are there for the OpenAPI description only: bodies are serialized with JSON.stringify,
  // as for a route without one, never by fast-json-stringify (which drops, reorders and coerces fields).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addSchema(PROBLEM_SCHEMA);
  app.addSchema(RECEIPT_SCHEMA);
  const metrics = createMetrics(node);
  app.addContentTypeParser(['application/jose', 'text/plain'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, toProblem(err), err));
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, problem('NOT_FOUND')));
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requests.observe({ route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (route === '/v1/statements' && req.method === 'POST') {
      metrics.registrations.inc({ result: registrationResult(reply.statusCode) });
    }
  });
  await registerDocs(app);
  const operatorOnly = requireOperator(options.operatorToken);
  const viewerOf = viewerResolver(node, options.operatorToken);
  logRoutes(app, node);
  statementRoutes(app, node, viewerOf);
  proofRoutes(app, node);
  registryRoutes(app, node, operatorOnly);
  batchRoutes(app, node, viewerOf);
  certificateRoutes(app, node);
  riskRoutes(app, node, viewerOf);
  metaRoutes(app, node, metrics.registry);
  federationRoutes(app, node, operatorOnly, viewerOf);
  await witnessRoutes(app, node);
  overviewRoutes(app, node, viewerOf);
  findingRoutes(app, node, viewerOf, operatorOnly);
  reportRoutes(app, node, viewerOf);
  webhookRoutes(app, { dispatcher: node.webhooks, operatorToken: options.operatorToken });
  await dashboardRoutes(app, options.webRoot ?? defaultWebRoot());
  return app;
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, p: Problem, err?: unknown): FastifyReply {
  if (p.status >= 500 && p.status !== 503) req.log.error({ err }, 'unhandled error');
  if (p.status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  const body = p.code === 'NOT_FOUND' ? { ...p, detail: `${req.method} ${req.url.slice(0, 200)}` } : p;
  return reply.code(p.status).type('application/problem+json').send(body);
}

/** Answer a request Node's HTTP parser rejected with a problem too, then close the connection (as Node does). */
function sendClientErrorProblem(err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'HEADERS_TOO_LARGE'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : 'BAD_REQUEST';
  writeRawProblem(socket, code, `HTTP parse error ${err.code}`);
}

/** Write a problem straight to the socket, outside Fastify, and close the connection. */
function writeRawProblem(socket: Socket, code: ProblemCode, detail: string): void {
  const body = JSON.stringify(problem(code, detail));
  const { status } = PROBLEMS[code];
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function registrationResult(status: number): string {
  if (status === 201) return 'created';
  if (status === 200) return 'duplicate';
  if (status === 503) return 'overloaded';
  return status < 500 ? 'rejected' : 'failed';
}

async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lodestone node API',
        version: '1',
        description:
          'Verifiable provenance for critical minerals. Errors are RFC 9457 problems with a stable `code` (see docs/errors.md).',
      },
      tags: [
        { name: 'statements', description: 'Register and read signed statements' },
        { name: 'log', description: 'C2SP tlog-tiles log and RFC 9162 proofs' },
        { name: 'registry', description: 'The identity registry (organisations, keys) and facilities' },
        { name: 'batches', description: 'Batches, their provenance and custody history' },
        { name: 'node', description: 'Discovery, health, metrics' },
        {
          name: 'witness',
          description: 'C2SP tlog-witness: this node cosigns checkpoints of the logs it witnesses',
        },
        { name: 'federation', description: 'Peering with other nodes and split-view alarms' },
        {
          name: 'findings',
          description:
            'Continuous compliance audit: rules, findings (live over SSE), cases, webhooks, reports',
        },
      ],
      components: {
        securitySchemes: {
          operator: {
            type: 'http',
            scheme: 'bearer',
            description:
              'The operator token: LODESTONE_OPERATOR_TOKEN, else generated into <data>/operator.token',
          },
          accessToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              "An organisation's access token: a compact JWS (typ lodestone-access+jwt) signed with one of its registered keys, {iss, aud: the log origin, iat, exp}, at most one hour; `lodestone token` makes one",
          },
        },
      },
    },
    // Shared schemas (app.addSchema) appear under their $id: #/components/schemas/Problem, …/Receipt.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
