/** Runs `f`, returning its value or `fallback` if it throws (storage, CSP, sandboxed frames). */
export function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}
