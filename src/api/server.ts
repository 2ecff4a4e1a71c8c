import type { LodestoneNode } from '../service/index.js';
import { buildApp } from './app.js';

export interface ServerOptions {
  readonly node: LodestoneNode;
  readonly operatorToken: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel?: string | false;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8700 */
  readonly url: string;
  close(): Promise<void>;
}

/** Listen on host:port. `close` stops accepting, finishes in-flight requests, then closes the node. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const app = await buildApp({
    node: options.node,
    operatorToken: options.operatorToken,
    logLevel: options.logLevel ?? false,
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (err) {
    // Port in use, bad host…: close the app so nothing it opened keeps the process alive. The node is the
    // caller's to close (it opened it).
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      await app.close();
      await options.node.close();
    },
  };
}
