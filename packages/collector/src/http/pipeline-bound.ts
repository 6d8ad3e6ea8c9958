import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Bounds on pipelined HTTP/1.1 requests of one connection. */
export type PipelineOptions = {
  /** requests of one connection handled at once; the rest wait in order. Default 1 */
  perSocket?: number;
  /**
   * requests of one connection waiting for their turn; past it the connection is closed (a client
   * that pipelines this deep and does not read is not a browser). Default 256
   */
  maxQueued?: number;
  /** called when a connection is closed for pipelining past `maxQueued` */
  onCut?: () => void;
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type State = {
  running: number;
  queue: Array<[IncomingMessage, ServerResponse]>;
  waitingDrain: boolean;
  cut: boolean;
};

/**
 * Wrap a request listener so each connection has at most `perSocket` requests in progress.
 *
 * Node parses a whole read of pipelined requests at once and emits every one of them
 * (nodejs/node#50850): four sockets pipelining thousands of `GET /metrics` started thousands of
 * handlers at once. Here the further requests of a connection wait in a FIFO (Node still writes
 * the answers in order) and the socket is paused, so no more is read from it until its queue is
 * empty; the next one starts only when the socket's buffer drains, so a client that never reads
 * holds at most one answer in memory. A connection that queues more than `maxQueued` is closed.
 */
export function boundPipelining(handler: Handler, o: PipelineOptions = {}): Handler {
  const perSocket = o.perSocket ?? 1;
  const maxQueued = o.maxQueued ?? 256;
  const states = new WeakMap<Socket, State>();

  function run(socket: Socket, s: State, req: IncomingMessage, res: ServerResponse) {
    s.running++;
    res.once('close', () => {
      s.running--;
      next(socket, s);
    });
    handler(req, res);
  }

  function next(socket: Socket, s: State) {
    if (socket.destroyed) {
      s.queue.length = 0;
      return;
    }
    if (s.queue.length === 0) {
      if (socket.isPaused()) socket.resume();
      return;
    }
    if (s.running >= perSocket || s.waitingDrain) return;
    if (socket.writableNeedDrain) {
      s.waitingDrain = true;
      const go = () => {
        socket.off('close', go);
        socket.off('drain', go);
        s.waitingDrain = false;
        next(socket, s);
      };
      socket.once('drain', go);
      socket.once('close', go);
      return;
    }
    const [req, res] = s.queue.shift()!;
    run(socket, s, req, res);
  }

  return (req, res) => {
    const socket = req.socket;
    let s = states.get(socket);
    if (!s) {
      s = { running: 0, queue: [], waitingDrain: false, cut: false };
      states.set(socket, s);
    }
    // The rest of a read Node parsed before the cut: nothing of it runs.
    if (s.cut) return;
    if (s.running < perSocket && s.queue.length === 0 && !s.waitingDrain) {
      run(socket, s, req, res);
      return;
    }
    if (s.queue.length >= maxQueued) {
      s.queue.length = 0;
      s.cut = true;
      o.onCut?.();
      socket.destroy();
      return;
    }
    s.queue.push([req, res]);
    socket.pause();
  };
}
