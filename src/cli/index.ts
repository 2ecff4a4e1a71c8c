/**
 * The `lodestone` command line.
 * @module cli
 */
export type { StartServer } from './commands/serve.js';
export { CliError, EXIT } from './output.js';
export { buildProgram, type CliDeps, runCli } from './program.js';
