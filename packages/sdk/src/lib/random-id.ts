/**
 * A random id of about 22 chars from [0-9a-z]. Batch and session ids only need to be unique, not
 * secret, and `crypto.randomUUID` is missing on plain-http pages, so two `Math.random` draws do.
 */
export function randomId(): string {
  return (Math.random().toString(36) + Math.random().toString(36)).replace(/0\./g, '');
}
