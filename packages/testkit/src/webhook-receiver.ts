import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Alert } from '@heatlens/schema';

/** How the receiver answers the n-th request (1-based): 204, a status, or never. */
export type Answer = 'ok' | 'hang' | number;

/**
 * A local webhook receiver for alert tests: it records every notice it accepted (with the time it
 * arrived) and can refuse or hang on chosen requests. Listens on loopback, port 0.
 */
export async function startWebhookReceiver(answer: (n: number) => Answer = () => 'ok') {
  const received: Array<Alert & { receivedAt: number }> = [];
  const hanging = new Set<ServerResponse>();
  let requests = 0;
  let waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const a = answer(++requests);
      waiters.splice(0).forEach((w) => w());
      if (a === 'hang') return void hanging.add(res);
      if (a !== 'ok') return void res.writeHead(a).end();
      received.push({ ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Alert), receivedAt: Date.now() });
      res.writeHead(204).end();
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/secret-path-0123`,
    received,
    /** requests seen, accepted or not */
    requests: () => requests,
    /** Resolve once `pred` holds (checked on every request), or throw after `timeoutMs`. */
    async until(pred: () => boolean, timeoutMs = 10_000, what = 'webhook condition') {
      const deadline = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > deadline)
          throw new Error(
            `${what} not met in ${timeoutMs} ms; received ` +
              `${JSON.stringify(received.map((a) => [a.rule, a.state, a.page, a.element]))}`,
          );
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50).unref();
        });
      }
    },
    async close() {
      waiters = [];
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
