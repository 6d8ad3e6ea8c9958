// Baseline (a): a bare node:http server that reads the body, parses the JSON and answers 204.
// It does what any ingest must do at least, so the collector's figures are read against it.
import { createServer } from 'node:http';
import { announce, exitOnSignal } from './ready.mjs';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(204);
    } catch {
      res.writeHead(400);
    }
    res.end();
  });
});
server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => announce({ url: `http://127.0.0.1:${server.address().port}` }));
exitOnSignal(() => new Promise((r) => server.close(r)));
