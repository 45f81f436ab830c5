/**
 * The moment a build happens, which decides embargoes. DEPESCHE_NOW pins it (ISO 8601), so tests
 * and reproducible rebuilds of an archive do not depend on the clock.
 */
export function resolveBuildTime(env: Record<string, string | undefined>, clock: () => Date = () => new Date()): Date {
  const pinned = env['DEPESCHE_NOW'];
  if (!pinned) return clock();
  const time = new Date(pinned);
  if (Number.isNaN(time.getTime()))
    throw new Error(`DEPESCHE_NOW must be an ISO 8601 time like 2026-11-20T12:00:00+01:00, but it is "${pinned}".`);
  return time;
}
