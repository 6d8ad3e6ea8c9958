/**
 * A random id of about 19 chars from [0-9a-z]: the time, then a `Math.random` draw. Batch and
 * session ids only need to be unique, not secret, and `crypto.randomUUID` is missing on
 * plain-http pages.
 */
export function randomId(): string {
  return Date.now().toString(36) + Math.random().toString(36).slice(2);
}
