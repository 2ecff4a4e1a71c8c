/**
 * The HTTP API (Fastify).
 * @module api
 */
export { type AppOptions, buildApp, RETRY_AFTER_SECONDS } from './app.js';
export { PROBLEM_TYPE_PREFIX, PROBLEMS, type Problem, type ProblemCode, problem } from './problems.js';
export { type RunningServer, type ServerOptions, startServer } from './server.js';
