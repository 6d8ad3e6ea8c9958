import type { ServerResponse } from 'node:http';

/** Answer with JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
) {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** Answer with JSON already serialized. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string | number> = {},
) {
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
