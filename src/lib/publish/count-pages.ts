/**
 * Pages rendered and pages taken over unchanged, read from a build's report line
 * ("Pages: 3 rendered, 74 kept of 77."), for the bench and the tests that run `npm run build`.
 */
export function countPages(log: string): { rendered: number; skipped: number } {
  const match = /^Pages: (\d+) rendered, (\d+) kept of \d+/m.exec(log);
  return match ? { rendered: Number(match[1]), skipped: Number(match[2]) } : { rendered: 0, skipped: 0 };
}
