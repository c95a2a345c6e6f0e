/**
 * Structural sharing for main's answers: `next`, with every part that is deep-equal to the same part of
 * `prev` replaced by `prev`'s own object (and `prev` itself when nothing changed).
 * Main sends a fresh copy of the whole session after every call and zustand selectors compare by
 * reference, so without this every component subscribed to any part of the session (the frame, the
 * banner, the stepper, the open step) re-rendered after every call, whether its part changed or not.
 * Plain JSON data only (objects, arrays, primitives), as the IPC contract's zod schemas produce.
 */
export function keepUnchanged<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(prev) && Array.isArray(next)) {
    const out: unknown[] = next.map((v, i) => keepUnchanged(prev[i], v));
    const same = out.length === prev.length && out.every((v, i) => v === prev[i]);
    return (same ? prev : out) as T;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const out: Record<string, unknown> = {};
    let same = Object.keys(prev).length === Object.keys(next).length;
    for (const [k, v] of Object.entries(next)) {
      out[k] = keepUnchanged(prev[k], v);
      if (out[k] !== prev[k] || !Object.hasOwn(prev, k)) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}
