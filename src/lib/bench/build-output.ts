/**
 * What the bench reads from a build run under `/usr/bin/time -v`: wall time and the largest
 * process's peak memory from time's report, and from the build's own report its seconds per step
 * ("Time: code 0.01 s, content 2.10 s, …."), its pages ("Pages: N rendered, M kept of T.") and its
 * picture variants. Also the "published pages per second" of a cold build.
 */
import { countPages } from '../publish/count-pages.ts';

export interface BuildOutput {
  /** Wall time, from /usr/bin/time; NaN when it did not report. */
  seconds: number;
  /** The largest single process's peak resident memory in MB, from /usr/bin/time; NaN without it. */
  peakRssMb: number;
  pagesRendered: number;
  /** Pages taken over unchanged from the previous release. */
  pagesKept: number;
  /** Seconds per step of the build, as the build reports them. */
  steps: Record<string, number>;
  /** The picture step's variants: made, because the picture cache lacked them, or taken from it. */
  pictures: { variants: number; generated: number; reused: number; kept: number } | undefined;
}

export function parseBuildOutput(output: string): BuildOutput {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(output);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
  const { rendered, skipped } = countPages(output);
  const steps = Object.fromEntries(
    [...(/^Time: (.*)\.$/m.exec(output)?.[1] ?? '').matchAll(/([a-z ]+) ([\d.]+) s/g)].map((match) => [
      (match[1] ?? '').trim(),
      Number(match[2]),
    ]),
  );
  const pictures = /pictures: (\d+) variants of \d+ pictures, (\d+) made, (\d+) from the cache(?:, (\d+) kept)?/.exec(
    output,
  );
  return {
    seconds: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : Number.NaN,
    peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : Number.NaN,
    pagesRendered: rendered,
    pagesKept: skipped,
    steps,
    pictures: pictures
      ? {
          variants: Number(pictures[1]),
          generated: Number(pictures[2]),
          reused: Number(pictures[3]),
          kept: Number(pictures[4] ?? 0),
        }
      : undefined,
  };
}

/**
 * Published pages per second: pages rendered over the build's render step (the renderers'
 * throughput) and over its wall time (the whole build's, pictures, search and compression
 * included). NaN where a time is missing or zero.
 */
export function getPublishRate(build: Pick<BuildOutput, 'seconds' | 'pagesRendered' | 'steps'>): {
  perRenderSecond: number;
  perWallSecond: number;
} {
  const rate = (seconds: number | undefined): number =>
    seconds !== undefined && seconds > 0 ? Math.round((build.pagesRendered / seconds) * 10) / 10 : Number.NaN;
  return { perRenderSecond: rate(build.steps['render']), perWallSecond: rate(build.seconds) };
}
