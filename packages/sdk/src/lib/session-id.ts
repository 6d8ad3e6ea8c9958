import { randomId } from './random-id.js';

let fallback: string | undefined;

/**
 * The visitor-session id: random, per tab session, kept in sessionStorage (never a cookie). Where
 * storage throws (sandboxed frames, disabled storage), one id per page load.
 */
export function sessionId(): string {
  try {
    return (sessionStorage['heatlens:sid'] ||= randomId()) as string;
  } catch {
    return (fallback ||= randomId());
  }
}
