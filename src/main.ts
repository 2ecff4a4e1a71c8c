/**
 * Program entry for the `lodestone` binary. It is the one place that joins the CLI and the HTTP API,
 * which DESIGN.md §2 keeps from importing each other: `serve` receives the server as a dependency.
 */
import { startServer } from './api/index.js';
import { runCli } from './cli/index.js';

const code = await runCli(process.argv, { startServer });
if (code !== 0) process.exitCode = code;
