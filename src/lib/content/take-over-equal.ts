/**
 * Structural sharing between two newsrooms: a value made anew that equals the previous one is
 * replaced by the previous one. `npm run watch` builds a newsroom for every publish; when the
 * unchanged articles, authors and lists are the very objects of the last newsroom, everything
 * memoised by object (the page keys' shown digests, the related lists) is known already, and only
 * what a change touched is computed again. Pure.
 *
 * Newsroom values are plain data — objects, arrays, dates and primitives — never changed once made.
 */

/** Whether two newsroom values hold the same data. Identical objects are not walked. */
export function isSameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!isSameData(a[index], b[index])) return false;
    return true;
  }
  // Anything but a plain object (a Map, a class instance) is the same only when it is the same object.
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue;
    count++;
    if (!Object.hasOwn(right, key) || !isSameData(left[key], right[key])) return false;
  }
  for (const key in right) if (Object.hasOwn(right, key)) count--;
  return count === 0;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `previous` when it holds the same data as `next`, else `next`. */
export function takeOverEqual<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && isSameData(previous, next) ? previous : next;
}
