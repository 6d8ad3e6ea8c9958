/** Runs `f`, returning its value or `fallback` if it throws (storage, CSP, sandboxed frames). */
export function safe<T, F = undefined>(f: () => T, fallback?: F): T | F {
  try {
    return f();
  } catch {
    return fallback as F;
  }
}
