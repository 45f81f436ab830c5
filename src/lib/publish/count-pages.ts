/**
 * Pages rendered and pages copied from the incremental cache, counted from Astro's build log:
 * every page gets a "├─ /path" entry, marked "(restored)" or "(cached)" when it was not rendered.
 * Entries are counted, not lines: with `build.concurrency` above 1, Astro writes several on one line.
 */
export function countPages(log: string): { rendered: number; skipped: number } {
  const pages = log.match(/├─/g)?.length ?? 0;
  const skipped = log.match(/\((restored|cached)\)/g)?.length ?? 0;
  return { rendered: pages - skipped, skipped };
}
