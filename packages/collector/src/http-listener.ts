import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { ResolvedConfig } from './config.js';
import { boundPipelining } from './http/pipeline-bound.js';

/** How long a client may take to send a request's headers (slowloris); then 408 and the socket is closed. */
const HEADERS_TIMEOUT_MS = 10_000;

/** The collector's HTTP listener, bound. */
export type HttpListener = {
  server: Server;
  port: number;
  /** Resolve once no request is in flight, or after `graceMs` (ms), whichever comes first. */
  drained(graceMs: number): Promise<void>;
};

/**
 * Create the collector's HTTP server on `config.port` / `config.host` and listen: requests go to
 * `handle` (at most one per connection in progress, pipeline-bound.ts), upgrades to `upgrade`, a
 * malformed request gets 400 and its socket closed. Headers must arrive within HEADERS_TIMEOUT_MS; a
 * write's body within config.bodyTimeoutMs after them (read-body.ts, 408), a capture's within
 * config.captureTimeoutMs (read-capture.ts). Node's requestTimeout is the backstop for every other route,
 * checked every second (its default check runs every 30 s, which let slow senders linger ~20 s).
 * Rejects when the port cannot be bound.
 */
export async function listenHttp(
  config: ResolvedConfig,
  deps: {
    handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
    upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
    /** a pipelined request cut (pipeline-bound.ts) */
    onCut: () => void;
  },
): Promise<HttpListener> {
  let inFlight = 0;
  let onDrained: (() => void) | undefined;
  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: HEADERS_TIMEOUT_MS + Math.max(config.bodyTimeoutMs, config.captureTimeoutMs) + 1000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: 1000,
    },
    boundPipelining(
      (req: IncomingMessage, res: ServerResponse) => {
        inFlight++;
        res.once('close', () => {
          if (--inFlight === 0) onDrained?.();
        });
        void deps.handle(req, res);
      },
      { onCut: deps.onCut },
    ),
  );
  server.on('upgrade', deps.upgrade);
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    async drained(graceMs) {
      if (inFlight === 0) return;
      await Promise.race([
        new Promise<void>((r) => (onDrained = r)),
        new Promise((r) => setTimeout(r, graceMs).unref()),
      ]);
    },
  };
}
