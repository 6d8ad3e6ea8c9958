/** The first failure a TypeBox check reports: a JSON pointer (`/events/3/x`) and a sentence. */
export type FieldError = { path: string; message: string };

/**
 * A JSON pointer as a field name after `prefix`: `/events/3/x` -> `events[3].x`; `frame` +
 * `/tiles/0` -> `frame.tiles[0]`; `fallback` (default `body`) when both are empty. The one
 * spelling of a field in every validation error: batches, live frames, extension messages.
 */
export function fieldPath(pointer: string, prefix = '', fallback = 'body'): string {
  let out = prefix;
  for (const p of pointer.split('/').filter(Boolean)) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || fallback;
}

/**
 * The error message of a failed check: `<field>: <validator's message>`, or `<field>: invalid`
 * when the validator names no failure (`first` undefined). `prefix` and `fallback` as in `fieldPath`.
 */
export function explainFirst(first: FieldError | undefined, prefix = '', fallback = 'body'): string {
  if (!first) return `${prefix || fallback}: invalid`;
  return `${fieldPath(first.path, prefix, fallback)}: ${first.message}`;
}
