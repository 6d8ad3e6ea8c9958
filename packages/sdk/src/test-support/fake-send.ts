import type { Batch, Event } from '@heatlens/schema';
import { vi } from 'vitest';
import type { Send } from '../transport.js';

export type Call = { url: string; batch: Batch; final?: boolean };

/** A fake `send` answering each call with the next of `statuses` (default 204), headers included. */
export function fakeSend(
  answer: (n: number) => number | Error | { status: number; headers?: Record<string, string> } = () => 204,
) {
  const calls: Call[] = [];
  const send: Send = vi.fn(async (url: string, body: string, final?: boolean) => {
    calls.push({ url, batch: JSON.parse(body) as Batch, final });
    const a = answer(calls.length);
    if (a instanceof Error) throw a;
    const { status, headers = {} } = typeof a == 'number' ? { status: a } : a;
    return new Response(null, { status, headers });
  });
  return { send, calls };
}

export const custom = (name: string, ts = 1): Event => ({ type: 'custom', ts, name });
