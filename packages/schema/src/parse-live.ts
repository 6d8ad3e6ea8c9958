import { Value } from '@sinclair/typebox/value';
import { explainFirst } from './field-path.js';
import { LiveMessage } from './live.js';

/**
 * Parse one `/live` frame (text). Interpreted, not compiled: extension pages and service
 * workers run under a CSP without `unsafe-eval`, and frames arrive a few times a second.
 */
export function parseLiveMessage(text: string): { ok: true; value: LiveMessage } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'frame: invalid JSON' };
  }
  if (Value.Check(LiveMessage, data)) return { ok: true, value: data };
  return { ok: false, error: explainFirst(Value.Errors(LiveMessage, data).First(), 'frame') };
}
