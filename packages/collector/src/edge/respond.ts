import type { ServerResponse } from 'node:http';

/** Answer with JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answer with `{error}`: every error the collector sends has this one shape. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string | number> = {},
) {
  sendJson(res, status, { error }, headers);
}

/** A client error an edge turns into its status. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
