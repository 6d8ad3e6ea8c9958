/**
 * Adds a passive, capturing listener for each of `types` (space-separated), removed by `signal`.
 * The handler runs inside try/catch: the SDK must never throw into the host page, even when a
 * browser API it reads misbehaves. Capturing means the SDK sees events the page stops from
 * propagating.
 */
export function listen<E extends globalThis.Event = globalThis.Event>(
  target: EventTarget,
  types: string,
  handler: (e: E) => void,
  signal: AbortSignal,
): void {
  for (const type of types.split(' '))
    target.addEventListener(
      type,
      (e) => {
        try {
          handler(e as E);
        } catch {
          // swallowed on purpose: tracking is best effort
        }
      },
      { signal, passive: true, capture: true },
    );
}
