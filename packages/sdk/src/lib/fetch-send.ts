/**
 * What the transport reads of a response: the status, the `X-Heatlens-Flush` and `Retry-After`
 * headers, and of a refusal (4xx) the collector's JSON `{error}` when `json` is there.
 */
export type SendResult = Pick<Response, 'status' | 'headers'> & Partial<Pick<Response, 'json'>>;

/** Sends one serialized batch; rejects on network errors. `final`: the page is going away. */
export type Send = (url: string, body: string, final?: boolean) => Promise<SendResult>;

/**
 * The default `Send`: `fetch` with a string body, so `Content-Type: text/plain` and no CORS
 * preflight; `keepalive` so a batch sent while the page unloads still arrives (64 KiB cap:
 * https://fetch.spec.whatwg.org/#http-network-or-cache-fetch). The SDK sets and reads no cookies;
 * the default credentials mode sends none to a collector on another origin.
 */
export const fetchSend: Send = (url, body) => fetch(url, { method: 'POST', body, keepalive: true });
