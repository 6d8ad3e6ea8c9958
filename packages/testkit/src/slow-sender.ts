import { connect, type Socket } from 'node:net';

/** A client that sends a write's headers at once and its body one byte per `everyMs`. */
export type SlowSender = {
  socket: Socket;
  /** the status line it got back, if any (e.g. `HTTP/1.1 408 Request Timeout`) */
  status(): string | undefined;
  /** resolves when the server closed the connection */
  closed: Promise<void>;
};

/**
 * Open a slow-body write to `url`: `Content-Length: length` headers, then one body byte every
 * `everyMs` until the server answers or closes, or `stop()` is called. Loopback only.
 */
export function slowSender(url: string, length: number, everyMs: number): SlowSender {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let reply = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (reply += d));
  socket.on('error', () => {});
  socket.write(
    `POST /collect HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: https://shop.example\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${length}\r\n\r\n`,
  );
  const drip = setInterval(() => socket.writable && socket.write(' '), everyMs);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  void closed.then(() => clearInterval(drip));
  return { socket, closed, status: () => reply.split('\r\n')[0] || undefined };
}

/** Ends every sender (the ones the server has not cut yet). */
export function stopAll(senders: SlowSender[]) {
  for (const s of senders) s.socket.destroy();
}
